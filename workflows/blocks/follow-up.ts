/**
 * A follow-up review at a later instant (回头看): waits until an absolute instant, then runs the
 * review. The instant is absolute (an ISO string, computed when the review was scheduled and
 * carried in the workflow's state), so a run that continued as new before the wait — the usual
 * way to keep a history short over months — waits only for what is left of it. The wait is a
 * durable timer measured with the workflow clock; an instant already passed opens the review at
 * once.
 *
 * ```ts
 * // Registration run: schedule, then continue as new so the months-long wait starts a fresh history.
 * state.nextReviewAt = nextReviewAt(cls, plannedCompletion, workflowNowMs(), settings);
 * return makeContinueAsNewFunc<typeof inspectionFollowUp>()(raw, state);
 * // The next run:
 * const { completion } = await followUpAt(state.nextReviewAt, () => runTask(reviewTask(state)));
 * ```
 */
import { sleep } from '@temporalio/workflow';
import { workflowNowMs } from '../clock';

/** Sleeps until `instantIso`, then runs `open` (the review task, typically) and returns what it returns. */
export async function followUpAt<T>(instantIso: string, open: () => Promise<T>): Promise<T> {
  const at = Date.parse(instantIso);
  if (Number.isNaN(at)) throw new Error(`a follow-up needs an ISO instant, not ${JSON.stringify(instantIso)}`);
  await sleep(Math.max(0, at - workflowNowMs()));
  return open();
}
