/**
 * The workflow clock. Inside a workflow, Temporal replaces `Date` with the time of the
 * current workflow task, so these are deterministic under replay; workflow code reads time
 * only through here, which keeps the lint rule against `Date.now()` meaningful elsewhere.
 */
export function workflowNowMs(): number {
  // eslint-disable-next-line no-restricted-properties -- the sandbox's Date is the workflow clock
  return Date.now();
}

export function workflowNowIso(): string {
  return new Date(workflowNowMs()).toISOString();
}
