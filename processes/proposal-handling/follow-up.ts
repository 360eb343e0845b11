/**
 * A B or C proposal's follow-up reviews (回头看): months after the reply, the lead unit reviews
 * what was done, and the proposal may move up (B→A, C→B, C→A), until A or the configured number
 * of reviews.
 *
 * Rules:
 * - B is reviewed at its planned completion date, C in the next annual review window
 *   (ladders.ts `nextReviewAt`).
 * - The run continues as new before every follow-up wait (`scheduleReview`), so a proposal that
 *   lives for years keeps a short history; its state and its events' sequence are carried over.
 * - A review's task counts from the instant the review opens; a reclassification is told to the
 *   lead unit's head (and a key proposal's leaders).
 */
import { makeContinueAsNewFunc, workflowInfo } from '@temporalio/workflow';
import { worseLight } from '../../contracts/lights';
import { shanghaiDate } from '../../calendar/shanghai-time';
import { runTask, workflowNowMs } from '../../workflows/blocks';
import type { ProposalClass } from './contract';
import { nextReviewAt, reviewLadder } from './ladders';
import type { ProposalRun, ProposalWorkflow } from './proposal-run';

/** Schedules the next follow-up review and continues as new, so the wait starts a fresh history. */
export async function scheduleReview(run: ProposalRun): Promise<never> {
  const { state, proposal } = run;
  const cls = state.class as Exclude<ProposalClass, 'A'>;
  state.status = 'followUp';
  state.nextReviewAt = nextReviewAt(cls, state.plannedCompletion, workflowNowMs(), proposal.followUp);
  run.index();
  run.happened('follow-up-scheduled', {
    review: state.reviewsDone + 1, of: proposal.followUp.reviews, opensOn: shanghaiDate(new Date(state.nextReviewAt)), at: state.nextReviewAt,
  });
  await run.drain();
  state.eventSequence = run.outbox.lastSequence;
  return makeContinueAsNewFunc<ProposalWorkflow>({ memo: workflowInfo().memo })(run.raw, state);
}

/** The review that opened: its task, and the class it leaves. */
export async function review(run: ProposalRun): Promise<void> {
  const { state, proposal } = run;
  const cls = state.class as Exclude<ProposalClass, 'A'>;
  const n = state.reviewsDone + 1;
  const opensAt = state.nextReviewAt as string;
  state.status = 'reviewing';
  state.nextReviewAt = undefined;
  run.index();
  const { completion, light } = await runTask(run.taskInput({
    taskKey: `review-${n}`,
    title: `提案回头看 (${cls}): ${proposal.title}`,
    departmentId: state.leadUnitId,
    form: 'followUpReview',
    // B can only become A; C can become B or A (B→A, C→B, C→A).
    outcomes: cls === 'B' ? ['A', 'unchanged'] : ['A', 'B', 'unchanged'],
    ladder: reviewLadder(cls, shanghaiDate(new Date(opensAt)), proposal.followUp, state.key),
    clockStartsAt: opensAt,
    notifyOnCreate: state.key ? ['topLeaders'] : [],
  }), run.listed);
  state.light = worseLight(state.light, light);
  state.reviewsDone = n;
  const plannedCompletion = completion.payload.plannedCompletion as string | undefined;
  if (plannedCompletion) state.plannedCompletion = plannedCompletion;
  const progress = completion.payload.progress;
  if (completion.outcome === 'unchanged') {
    run.happened('reviewed', { review: n, class: cls, plannedCompletion, by: completion.actorId }, undefined, { progress });
  } else {
    state.class = completion.outcome as ProposalClass;
    run.index();
    run.happened('reclassified', { review: n, from: cls, to: state.class, plannedCompletion, by: completion.actorId }, run.topIfKey(['departmentHead']), { progress });
  }
  await run.drain();
}
