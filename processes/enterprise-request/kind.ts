/**
 * The kind's name, for its workflow and its activity alike: its own file, so that the activity
 * (activities.ts, which the workflow names by type) need not import the workflow.
 */
export const PROCESS_KIND = 'enterpriseRequest';
