/**
 * The proposers' rating of the handling (满意度测评), recorded by the proposal committee's staff.
 *
 * Rules: asked within 10 working days of the reply (a reminder to the committee's head two days
 * before); silence by the deadline is recorded too (`noAnswer`) and the task is cancelled. Not
 * satisfied is told to the lead unit's head (and a key proposal's leaders); the handling
 * (reply.ts) then redoes the reply once.
 */
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { runTask, workflowNowIso, workflowNowMs } from '../../workflows/blocks';
import type { Satisfaction } from './contract';
import { computeDeadlines, type ProposalRun } from './proposal-run';

/** The proposers' rating, recorded by the committee within 10 working days; silence is recorded too. */
export async function rate(run: ProposalRun): Promise<void> {
  const { state, proposal } = run;
  const ladder = {
    due: { workingDays: 10 },
    steps: [{ at: { workingDays: 8 }, kind: 'reminder' as const, light: 'yellow' as const, notify: ['departmentHead' as const], label: 'rating due in two working days' }],
  };
  const [deadline] = await computeDeadlines({ from: workflowNowIso(), offsets: [ladder.due] });
  const asking = new CancellationScope();
  const answered = asking.run(() => runTask(run.taskInput({
    taskKey: `satisfaction-${state.replyRound}`,
    title: `提案者满意度: ${proposal.title}`,
    departmentId: state.committeeId,
    candidateRoles: ['committeeStaff', 'departmentHead'],
    form: 'proposalSatisfaction',
    outcomes: ['satisfied', 'basicallySatisfied', 'notSatisfied'],
    ladder,
  }), run.listed));
  const noAnswer = sleep(Math.max(0, Date.parse(deadline.at) - workflowNowMs())).then(() => undefined);
  const answer = await Promise.race([answered, noAnswer]);
  if (!answer) {
    asking.cancel();
    await answered.catch((err) => {
      if (!isCancellation(err)) throw err;
    });
    recordSatisfaction(run, 'noAnswer', { deadline: deadline.at });
  } else {
    recordSatisfaction(run, answer.completion.outcome as Satisfaction, { by: answer.completion.actorId },
      { reason: answer.completion.payload.reason, comment: answer.completion.payload.comment });
  }
  await run.drain();
}

/** A rating recorded: given, not given by the deadline, or imported. */
export function recordSatisfaction(run: ProposalRun, rating: Satisfaction, detail: Record<string, unknown>, said?: Record<string, unknown>): void {
  const { state } = run;
  state.satisfaction = rating;
  run.index();
  run.happened('satisfaction', { rating, round: state.replyRound, ...detail }, rating === 'notSatisfied' ? run.topIfKey(['departmentHead']) : undefined, said);
}
