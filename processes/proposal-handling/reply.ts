/**
 * A proposal's handling (办理): the co-units' (协办单位) opinions in parallel, the lead unit's
 * (主办单位) reply classified A/B/C by its deadline, the proposers' rating, and at most one redo.
 *
 * Rules:
 * - The opinions inform the reply but do not hold it up: once the lead unit has replied, an
 *   opinion still outstanding is cancelled; one given is published even then.
 * - The first reply's months count from registration, whenever its task started: three, or two
 *   for a simple proposal (`replyMonths`); the directory's `reply` and `redo` presets replace
 *   the built-in ladders.
 * - A reply is on time when its task never turned red (the ladder turns red exactly at the
 *   deadline); an imported reply's punctuality is unknown, so it is not counted as on time.
 * - Rated not satisfied, the reply is redone once (round 2), and rated again.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { worseLight } from '../../contracts/lights';
import { runTask } from '../../workflows/blocks';
import type { ClassifiedReply } from './contract';
import { redoLadder, replyLadder } from './ladders';
import { replyMonths, type ProposalRun } from './proposal-run';
import { rate } from './rating';

/** Opinions and the reply, then the rating and at most one redo. */
export async function handle(run: ProposalRun): Promise<void> {
  const { state } = run;
  const opinions = new CancellationScope();
  const gathering = opinions.run(() => Promise.all(state.coUnitIds.map((unitId) => gatherOpinion(run, unitId))));
  await reply(run, 1);
  opinions.cancel();
  await gathering.catch((err) => {
    if (!isCancellation(err)) throw err;
  });
  await rate(run);
  if (state.satisfaction === 'notSatisfied') {
    state.replyRound = 2;
    state.status = 'replying';
    run.index();
    await reply(run, 2);
    await rate(run);
  }
}

async function gatherOpinion(run: ProposalRun, unitId: string): Promise<void> {
  const { completion } = await runTask(run.taskInput({
    taskKey: `opinion-${unitId}`,
    title: `协办意见: ${run.proposal.title}`,
    departmentId: unitId,
    form: 'proposalOpinion',
    outcomes: ['given'],
    ladder: {
      due: { workingDays: 20 },
      steps: [
        { at: { workingDays: 15 }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: 'opinion due in a week' },
        { at: { workingDays: 20 }, kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'opinion overdue' },
      ],
    },
  }), run.listed);
  run.happened('opinion-given', { unitId, by: completion.actorId }, ['assignee'], { opinion: completion.payload.opinion });
  // Published even when the reply comes in meanwhile and cancels the opinions still open.
  await CancellationScope.nonCancellable(run.drain);
}

async function reply(run: ProposalRun, round: number): Promise<void> {
  const { state, proposal, presets } = run;
  const { completion, light } = await runTask(run.taskInput({
    taskKey: `reply-${round}`,
    title: round === 1 ? `提案答复: ${proposal.title}` : `提案重新办理: ${proposal.title}`,
    departmentId: state.leadUnitId,
    form: 'proposalReply',
    outcomes: ['A', 'B', 'C'],
    ladder: round === 1 ? presets.reply ?? replyLadder(replyMonths(proposal.simple), state.key) : presets.redo ?? redoLadder(state.key),
    // The first reply's months count from registration, whenever the task itself started.
    clockStartsAt: round === 1 ? state.registeredAt : undefined,
    notifyOnCreate: state.key ? ['topLeaders'] : [],
  }), run.listed);
  state.light = worseLight(state.light, light);
  // The ladder turns red exactly at the deadline, so a reply is on time when its task never did.
  acceptReply(
    run,
    { class: completion.outcome, ...completion.payload } as ClassifiedReply,
    { at: completion.at, by: completion.actorId, round, onTime: light !== 'red' },
  );
  await run.drain();
}

/** A reply recorded: given in its task, or imported with a proposal registered after it was answered. */
export function acceptReply(run: ProposalRun, answer: ClassifiedReply, how: { at: string; by?: string; round?: number; onTime?: boolean; imported?: boolean }): void {
  const { state } = run;
  state.reply = answer;
  state.class = answer.class;
  state.repliedClass ??= answer.class;
  if (answer.class === 'B') state.plannedCompletion = answer.plannedCompletion;
  // An imported reply's punctuality is unknown, so it is not counted as on time.
  if (state.replyRound === 1) state.repliedOnTime = how.onTime;
  state.status = 'rating';
  run.index();
  run.happened('replied', { ...how, class: answer.class, plannedCompletion: state.plannedCompletion }, state.key ? ['topLeaders'] : undefined,
    { reply: answer.reply, reason: answer.class === 'C' ? answer.reason : undefined });
}
