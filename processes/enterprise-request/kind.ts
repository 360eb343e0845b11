/**
 * The kind's name, and the names of its directory presets, for its workflow, its activity and its
 * directory check alike: their own file, so that none of those need import the workflow.
 */
export const PROCESS_KIND = 'enterpriseRequest';

/** The task name of a named handling ladder: the directory's `enterpriseRequest.handling.<name>` preset. */
export function namedHandlingLadder(name: string): string {
  return `handling.${name}`;
}
