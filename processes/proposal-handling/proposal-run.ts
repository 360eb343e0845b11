/**
 * One proposal while it runs: what its parts (reply.ts, rating.ts, follow-up.ts) share — its
 * input and state, the journal that tells what happened, its search attributes, how its tasks
 * are started and listed, and the chained drain of its outbox.
 *
 * Rules:
 * - Workflow code: deterministic, no I/O; events leave through an ordinary publish activity
 *   (opinions, the reply and the rating's timer run side by side), and drains are chained, so
 *   that two never publish the same pending event.
 * - The proposal committee's head stands on every ladder's `assignedLeader` rung: late answers
 *   escalate to the committee. A key proposal (重点提案) also tells its supervising leaders
 *   (`topLeaders`) of what matters.
 * - What a person typed (`said`: an opinion, a reply, a reason) stays in the timeline; events carry
 *   ids, classes and states (workflows/blocks/journal.ts).
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Ladder, RecipientRole } from '../../contracts/ladder';
import { GlDueAt, GlProposalFacts } from '../../contracts/search-attributes';
import type { HumanTaskInput } from '../../contracts/task';
import { indexProcess, processJournal, type EventOutbox, type TaskHooks } from '../../workflows/blocks';
import type { ProposalActivities } from './activities';
import { proposalScope, type ProposalParams, type ProposalState, type RegisterProposal } from './contract';
import type { ProcessSnapshot } from '../../contracts/events';

export const PROCESS_KIND = 'proposalHandling';

export const { checkProposalUnits, computeDeadlines, ladderPresets } = proxyActivities<Activities & ProposalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** The workflow's signature (workflow.ts), which a run continues as new with. */
export type ProposalWorkflow = (raw: RegisterProposal, carried?: ProposalState) => Promise<ProposalState>;

export interface ProposalRun {
  id: string;
  /** The input as it came, passed on when the run continues as new. */
  raw: RegisterProposal;
  proposal: ProposalParams;
  state: ProposalState;
  outbox: EventOutbox;
  /** The directory's ladders for `reply` and `redo`, replacing the built-in ones (first run only). */
  presets: Record<string, Ladder>;
  drain(): Promise<void>;
  happened(event: string, detail: Record<string, unknown>, recipients?: RecipientRole[], said?: Record<string, unknown>): void;
  index(): void;
  /** The roles given, and the supervising leaders for a key proposal. */
  topIfKey(roles: RecipientRole[]): RecipientRole[];
  /** Every task is listed while open, and kept among the proposal's tasks. */
  listed: TaskHooks;
  taskInput(input: Omit<HumanTaskInput, 'processKind' | 'processId' | 'assignedLeaderId' | 'supervisingLeaderIds'>): HumanTaskInput;
}

/** Months the lead unit has to reply: three, or two for a proposal registered as simple. */
export function replyMonths(simple: boolean): number {
  return simple ? 2 : 3;
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

/** The run's shared parts over its state and outbox; `presets` are set once read. */
export function proposalRun(id: string, raw: RegisterProposal, proposal: ProposalParams, state: ProposalState, outbox: EventOutbox): ProposalRun {
  let draining: Promise<void> = Promise.resolve();
  const snapshot = (): ProcessSnapshot => ({
    kind: PROCESS_KIND, title: state.title, status: state.status, light: state.light, closed: state.status === 'closed',
    category: state.class ?? null, departmentId: state.leadUnitId, ...proposalScope(state), facts: facts(state),
  });
  const journal = processJournal({
    outbox,
    aggregate: 'proposal',
    subject: id,
    timeline: state.timeline,
    // Named by its title in what is told of it; proposals registered before this were named by their id.
    data: () => ({ proposalId: id, ...(patched('proposal-events-name-title') ? { title: proposal.title } : {}), status: state.status, class: state.class, leadUnitId: state.leadUnitId, key: state.key }),
    recipients: (roles) => ({ roles, departmentId: state.leadUnitId, assignedLeaderId: state.committeeHeadId, supervisingLeaderIds: state.supervisingLeaderIds }),
    snapshot,
  });
  return {
    id, raw, proposal, state, outbox,
    presets: {},
    drain: () => (draining = draining.then(() => outbox.drain())),
    happened: (event, detail, recipients, said) => journal.happened(event, detail, { recipients, said }),
    index: () => indexProcess(snapshot(), [
      { key: GlDueAt, value: state.nextReviewAt ? new Date(state.nextReviewAt) : null },
      { key: GlProposalFacts, value: facts(state) },
    ]),
    topIfKey: (roles) => (state.key ? [...roles, 'topLeaders'] : roles),
    listed: {
      onOpen: (taskId) => {
        state.openTaskIds.push(taskId);
        state.taskIds.push(taskId);
      },
      onClose: (taskId) => void (state.openTaskIds = state.openTaskIds.filter((t) => t !== taskId)),
    },
    taskInput: (input) => ({
      ...input,
      processKind: PROCESS_KIND,
      processId: id,
      assignedLeaderId: state.committeeHeadId,
      supervisingLeaderIds: state.supervisingLeaderIds,
    }),
  };
}
