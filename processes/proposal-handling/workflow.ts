/**
 * A CPPCC proposal (政协提案): the co-units' (协办单位) opinions in parallel, the lead unit's
 * (主办单位) reply classified A/B/C by its deadline, the proposers' rating (not satisfied: the
 * reply is redone once), and for B and C follow-up reviews (回头看) months later that may move
 * it up, until A or the configured number of reviews. The run continues as new before every
 * follow-up wait, so a proposal that lives for years keeps a short history.
 */
import {
  CancellationScope, defineQuery, makeContinueAsNewFunc, isCancellation, patched, proxyActivities, setHandler, sleep, workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ProposalActivities } from './activities';
import type { Ladder, RecipientRole } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import {
  proposalScope, RegisterProposal, type ClassifiedReply, type ProposalClass, type ProposalParams, type ProposalState, type Satisfaction,
} from './contract';
import { GlDueAt, GlProposalFacts } from '../../contracts/search-attributes';
import type { ProcessSnapshot } from '../../contracts/events';
import type { HumanTaskInput } from '../../contracts/task';
import { shanghaiDate } from '../../calendar/shanghai-time';
import {
  EventOutbox, processJournal, followUpAt, indexProcess, runTask, toCloudEventSource, workflowNowIso, workflowNowMs, type TaskHooks,
} from '../../workflows/blocks';
import { nextReviewAt, redoLadder, replyLadder, reviewLadder } from './ladders';

export const PROCESS_KIND = 'proposalHandling';

const { checkProposalUnits, computeDeadlines, ladderPresets } = proxyActivities<Activities & ProposalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const proposalStateQuery = defineQuery<ProposalState>('state');

/** Months the lead unit has to reply: three, or two for a proposal registered as simple. */
export function replyMonths(simple: boolean): number {
  return simple ? 2 : 3;
}

/**
 * One proposal, from registration to closing. The workflow id is the case number. `carried` is
 * the state a run passes on when it continues as new before a follow-up wait.
 */
export async function proposalHandling(raw: RegisterProposal, carried?: ProposalState): Promise<ProposalState> {
  const proposal: ProposalParams = RegisterProposal.parse(raw);
  const id = workflowInfo().workflowId;
  // Published through an ordinary activity: opinions, the reply and the rating's timer run side by side here.
  const outbox = new EventOutbox(toCloudEventSource(PROCESS_KIND, id), carried?.eventSequence ?? 0, 'activity');
  const state: ProposalState = carried ?? {
    id,
    title: proposal.title,
    leadUnitId: proposal.leadUnitId,
    coUnitIds: proposal.coUnitIds,
    key: proposal.key !== undefined,
    supervisingLeaderIds: proposal.key?.supervisingLeaderIds ?? [],
    registeredAt: proposal.registeredAt ? new Date(proposal.registeredAt).toISOString() : workflowNowIso(),
    status: 'replying',
    replyRound: 1,
    reviewsDone: 0,
    light: 'green',
    openTaskIds: [],
    taskIds: [],
    timeline: [],
    eventSequence: 0,
  };
  // The proposal's text is read with its state but not carried in it: it is in the input already.
  setHandler(proposalStateQuery, () => ({ ...state, text: proposal.text }));

  // Opinions arrive while the reply is awaited: drains are chained so that two never publish
  // the same pending event.
  let draining: Promise<void> = Promise.resolve();
  const drain = () => (draining = draining.then(() => outbox.drain()));

  const topIfKey = (roles: RecipientRole[]): RecipientRole[] => (state.key ? [...roles, 'topLeaders'] : roles);
  const snapshot = (): ProcessSnapshot => ({
    kind: PROCESS_KIND, title: state.title, status: state.status, light: state.light, closed: state.status === 'closed',
    category: state.class ?? null, departmentId: state.leadUnitId, ...proposalScope(state), facts: facts(state),
  });
  const journal = processJournal({
    outbox,
    aggregate: 'proposal',
    subject: id,
    timeline: state.timeline,
    data: () => ({ proposalId: id, status: state.status, class: state.class, leadUnitId: state.leadUnitId, key: state.key }),
    recipients: (roles) => ({ roles, departmentId: state.leadUnitId, assignedLeaderId: state.committeeHeadId, supervisingLeaderIds: state.supervisingLeaderIds }),
    snapshot,
  });
  const happened = (event: string, detail: Record<string, unknown>, recipients?: RecipientRole[], said?: Record<string, unknown>) =>
    journal.happened(event, detail, { recipients, said });
  const index = () => indexProcess(snapshot(), [
    { key: GlDueAt, value: state.nextReviewAt ? new Date(state.nextReviewAt) : null },
    { key: GlProposalFacts, value: facts(state) },
  ]);
  /** Every task is listed while open, and kept among the proposal's tasks. */
  const listed: TaskHooks = {
    onOpen: (taskId) => {
      state.openTaskIds.push(taskId);
      state.taskIds.push(taskId);
    },
    onClose: (taskId) => void (state.openTaskIds = state.openTaskIds.filter((t) => t !== taskId)),
  };
  const taskInput = (input: Omit<HumanTaskInput, 'processKind' | 'processId' | 'assignedLeaderId' | 'supervisingLeaderIds'>): HumanTaskInput => ({
    ...input,
    processKind: PROCESS_KIND,
    processId: id,
    // The proposal committee's head stands on the ladders' `assignedLeader` rung: late answers escalate to the committee.
    assignedLeaderId: state.committeeHeadId,
    supervisingLeaderIds: state.supervisingLeaderIds,
  });

  // The directory's presets (`proposalHandling.reply`, `proposalHandling.redo`) replace the built-in
  // ladders of the replies, which all come in the first run. Proposals registered before presets
  // applied to them run without.
  let presets: Record<string, Ladder> = {};
  if (!carried) {
    const units = await checkProposalUnits({ leadUnitId: proposal.leadUnitId, coUnitIds: proposal.coUnitIds });
    if (patched('ladder-presets-from-directory')) presets = await ladderPresets({ processKind: PROCESS_KIND });
    state.committeeId = units.committeeId;
    state.committeeHeadId = units.committeeHeadId;
    index();
    happened('registered', {
      caseNumber: id, proposers: proposal.proposers, coUnitIds: proposal.coUnitIds, simple: proposal.simple,
      registeredAt: state.registeredAt, supervisingLeaderIds: state.supervisingLeaderIds, imported: proposal.history !== undefined,
    }, topIfKey(['departmentHead']));
    await drain();

    if (proposal.history) {
      acceptReply(proposal.history.reply, { at: new Date(proposal.history.repliedAt).toISOString(), imported: true });
      if (proposal.history.satisfaction) recordSatisfaction(proposal.history.satisfaction, { imported: true });
      else await rate();
    } else {
      await handle();
    }
    await drain();
    if (state.class === 'A') return close();
    return scheduleReview();
  }

  // A run continued as new indexes itself again rather than rely on the server carrying its attributes over.
  index();
  await followUpAt(state.nextReviewAt as string, review);
  if (state.class === 'A' || state.reviewsDone >= proposal.followUp.reviews) return close();
  return scheduleReview();

  /** Opinions and the reply, then the rating and at most one redo. */
  async function handle(): Promise<void> {
    // The co-units' opinions inform the reply but do not hold it up: once the lead unit has
    // replied, an opinion still outstanding is no longer needed.
    const opinions = new CancellationScope();
    const gathering = opinions.run(() => Promise.all(state.coUnitIds.map(gatherOpinion)));
    await reply(1);
    opinions.cancel();
    await gathering.catch((err) => {
      if (!isCancellation(err)) throw err;
    });
    await rate();
    if (state.satisfaction === 'notSatisfied') {
      state.replyRound = 2;
      state.status = 'replying';
      index();
      await reply(2);
      await rate();
    }
  }

  async function gatherOpinion(unitId: string): Promise<void> {
    const { completion } = await runTask(taskInput({
      taskKey: `opinion-${unitId}`,
      title: `协办意见: ${proposal.title}`,
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
    }), listed);
    happened('opinion-given', { unitId, by: completion.actorId }, ['assignee'], { opinion: completion.payload.opinion });
    // Published even when the reply comes in meanwhile and cancels the opinions still open.
    await CancellationScope.nonCancellable(drain);
  }

  async function reply(round: number): Promise<void> {
    const { completion, light } = await runTask(taskInput({
      taskKey: `reply-${round}`,
      title: round === 1 ? `提案答复: ${proposal.title}` : `提案重新办理: ${proposal.title}`,
      departmentId: state.leadUnitId,
      form: 'proposalReply',
      outcomes: ['A', 'B', 'C'],
      ladder: round === 1 ? presets.reply ?? replyLadder(replyMonths(proposal.simple), state.key) : presets.redo ?? redoLadder(state.key),
      // The first reply's months count from registration, whenever the task itself started.
      clockStartsAt: round === 1 ? state.registeredAt : undefined,
      notifyOnCreate: state.key ? ['topLeaders'] : [],
    }), listed);
    state.light = worseLight(state.light, light);
    // The ladder turns red exactly at the deadline, so a reply is on time when its task never did.
    acceptReply(
      { class: completion.outcome, ...completion.payload } as ClassifiedReply,
      { at: completion.at, by: completion.actorId, round, onTime: light !== 'red' },
    );
    await drain();
  }

  function acceptReply(answer: ClassifiedReply, how: { at: string; by?: string; round?: number; onTime?: boolean; imported?: boolean }): void {
    state.reply = answer;
    state.class = answer.class;
    state.repliedClass ??= answer.class;
    if (answer.class === 'B') state.plannedCompletion = answer.plannedCompletion;
    // An imported reply's punctuality is unknown, so it is not counted as on time.
    if (state.replyRound === 1) state.repliedOnTime = how.onTime;
    state.status = 'rating';
    index();
    happened('replied', { ...how, class: answer.class, plannedCompletion: state.plannedCompletion }, state.key ? ['topLeaders'] : undefined,
      { reply: answer.reply, reason: answer.class === 'C' ? answer.reason : undefined });
  }

  /** The proposers' rating, recorded by the committee within 10 working days; silence is recorded too. */
  async function rate(): Promise<void> {
    const ladder = {
      due: { workingDays: 10 },
      steps: [{ at: { workingDays: 8 }, kind: 'reminder' as const, light: 'yellow' as const, notify: ['departmentHead' as const], label: 'rating due in two working days' }],
    };
    const [deadline] = await computeDeadlines({ from: workflowNowIso(), offsets: [ladder.due] });
    const asking = new CancellationScope();
    const answered = asking.run(() => runTask(taskInput({
      taskKey: `satisfaction-${state.replyRound}`,
      title: `提案者满意度: ${proposal.title}`,
      departmentId: state.committeeId,
      candidateRoles: ['committeeStaff', 'departmentHead'],
      form: 'proposalSatisfaction',
      outcomes: ['satisfied', 'basicallySatisfied', 'notSatisfied'],
      ladder,
    }), listed));
    const noAnswer = sleep(Math.max(0, Date.parse(deadline.at) - workflowNowMs())).then(() => undefined);
    const answer = await Promise.race([answered, noAnswer]);
    if (!answer) {
      asking.cancel();
      await answered.catch((err) => {
        if (!isCancellation(err)) throw err;
      });
      recordSatisfaction('noAnswer', { deadline: deadline.at });
    } else {
      recordSatisfaction(answer.completion.outcome as Satisfaction, { by: answer.completion.actorId },
        { reason: answer.completion.payload.reason, comment: answer.completion.payload.comment });
    }
    await drain();
  }

  function recordSatisfaction(rating: Satisfaction, detail: Record<string, unknown>, said?: Record<string, unknown>): void {
    state.satisfaction = rating;
    index();
    happened('satisfaction', { rating, round: state.replyRound, ...detail }, rating === 'notSatisfied' ? topIfKey(['departmentHead']) : undefined, said);
  }

  /** Schedules the next follow-up review and continues as new, so the wait starts a fresh history. */
  async function scheduleReview(): Promise<never> {
    const cls = state.class as Exclude<ProposalClass, 'A'>;
    state.status = 'followUp';
    state.nextReviewAt = nextReviewAt(cls, state.plannedCompletion, workflowNowMs(), proposal.followUp);
    index();
    happened('follow-up-scheduled', {
      review: state.reviewsDone + 1, of: proposal.followUp.reviews, opensOn: shanghaiDate(new Date(state.nextReviewAt)), at: state.nextReviewAt,
    });
    await drain();
    state.eventSequence = outbox.lastSequence;
    return makeContinueAsNewFunc<typeof proposalHandling>({ memo: workflowInfo().memo })(raw, state);
  }

  async function review(): Promise<void> {
    const cls = state.class as Exclude<ProposalClass, 'A'>;
    const n = state.reviewsDone + 1;
    const opensAt = state.nextReviewAt as string;
    state.status = 'reviewing';
    state.nextReviewAt = undefined;
    index();
    const { completion, light } = await runTask(taskInput({
      taskKey: `review-${n}`,
      title: `提案回头看 (${cls}): ${proposal.title}`,
      departmentId: state.leadUnitId,
      form: 'followUpReview',
      // B can only become A; C can become B or A (B→A, C→B, C→A).
      outcomes: cls === 'B' ? ['A', 'unchanged'] : ['A', 'B', 'unchanged'],
      ladder: reviewLadder(cls, shanghaiDate(new Date(opensAt)), proposal.followUp, state.key),
      clockStartsAt: opensAt,
      notifyOnCreate: state.key ? ['topLeaders'] : [],
    }), listed);
    state.light = worseLight(state.light, light);
    state.reviewsDone = n;
    const plannedCompletion = completion.payload.plannedCompletion as string | undefined;
    if (plannedCompletion) state.plannedCompletion = plannedCompletion;
    const progress = completion.payload.progress;
    if (completion.outcome === 'unchanged') {
      happened('reviewed', { review: n, class: cls, plannedCompletion, by: completion.actorId }, undefined, { progress });
    } else {
      state.class = completion.outcome as ProposalClass;
      index();
      happened('reclassified', { review: n, from: cls, to: state.class, plannedCompletion, by: completion.actorId }, topIfKey(['departmentHead']), { progress });
    }
    await drain();
  }

  async function close(): Promise<ProposalState> {
    state.status = 'closed';
    state.nextReviewAt = undefined;
    index();
    happened('closed', { finalClass: state.class, repliedClass: state.repliedClass, reviews: state.reviewsDone, satisfaction: state.satisfaction });
    await drain();
    state.eventSequence = outbox.lastSequence;
    return state;
  }
}

/** What the statistics count, as keywords of `GlProposalFacts`. */
export function facts(state: ProposalState): string[] {
  const found: string[] = [];
  if (state.key) found.push('key');
  if (state.repliedClass) found.push('replied', `replied:${state.repliedClass}`);
  if (state.repliedOnTime) found.push('repliedOnTime');
  if (state.satisfaction) found.push(`satisfaction:${state.satisfaction}`);
  if (state.repliedClass && state.repliedClass !== 'A' && state.class === 'A' && state.reviewsDone > 0) found.push('movedToA');
  return found;
}
