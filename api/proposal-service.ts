/**
 * CPPCC proposals as the API serves them: registration (same path as the NATS intake), one
 * proposal with its whole timeline, lists and statistics from Temporal visibility — counts
 * over the proposals' search attributes, never a table kept by hand.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { loadDirectory } from '../activities/directory-file';
import type { Actor } from '../contracts/directory';
import type { ProposalClass, ProposalStats, ProposalSummary, ProposalView, TimelineEntry } from '../contracts/proposal';
import { GlCategory, GlDepartment, GlDueAt, GlLight, GlProposalFacts, GlStatus } from '../contracts/search-attributes';
import type { TaskState } from '../contracts/task';
import { startProposal, validateProposal } from '../intake/register-proposal';
import { taskStateQuery } from '../workflows/human-task';
import { PROCESS_KIND, proposalStateQuery } from '../workflows/proposal-handling';
import { quote } from './visibility';
import { HttpError, orHttpError } from './errors';


/** Every proposal once: a proposal that continued as new has closed runs under the same id. */
const ALL_PROPOSALS = `GlEntityKind = 'process' AND GlProcessKind = ${quote(PROCESS_KIND)} AND ExecutionStatus != 'ContinuedAsNew'`;

const oversees = (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'leader' || r === 'topLeader' || r === 'committeeStaff');

export interface ProposalFilter {
  class?: ProposalClass;
  unit?: string;
  /** Only key proposals (重点提案). */
  key?: boolean;
  limit: number;
}

/** The visibility query of a list: the filters, and for a unit's own staff only the proposals their unit leads. */
export function listQuery(actor: Actor, filter: ProposalFilter): string {
  const clauses = [ALL_PROPOSALS];
  if (filter.class) clauses.push(`GlCategory = ${quote(filter.class)}`);
  if (filter.unit) clauses.push(`GlDepartment = ${quote(filter.unit)}`);
  if (filter.key) clauses.push(`GlProposalFacts = 'key'`);
  if (!oversees(actor)) clauses.push(`GlDepartment IN (${actor.departments.map(quote).join(', ')})`);
  return clauses.join(' AND ');
}

function summarise(info: WorkflowExecutionInfo): ProposalSummary {
  const sa = info.typedSearchAttributes;
  const facts = sa.get(GlProposalFacts) ?? [];
  const nextReview = sa.get(GlDueAt);
  return {
    id: info.workflowId,
    title: typeof info.memo?.title === 'string' ? info.memo.title : undefined,
    leadUnitId: sa.get(GlDepartment),
    class: sa.get(GlCategory) as ProposalClass | undefined,
    status: sa.get(GlStatus),
    light: sa.get(GlLight),
    key: facts.includes('key'),
    nextReviewAt: nextReview ? nextReview.toISOString() : undefined,
  };
}

export class ProposalService {
  constructor(private readonly client: Client, private readonly taskQueue: string, private readonly directoryPath: string) {}

  async register(body: unknown, actor: Actor): Promise<{ id: string; existing: boolean }> {
    if (!actor.roles.includes('admin') && !actor.roles.includes('committeeStaff')) {
      throw new HttpError(403, 'only the proposal committee staff (or an admin) register proposals');
    }
    const checked = validateProposal(body, loadDirectory(this.directoryPath));
    if (!checked.ok) throw new HttpError(400, 'invalid proposal', checked.issues);
    return startProposal(this.client, this.taskQueue, checked.value);
  }

  async get(id: string, actor: Actor): Promise<ProposalView> {
    const state = await orHttpError(this.client.workflow.getHandle(id).query(proposalStateQuery));
    const units = [state.leadUnitId, ...state.coUnitIds];
    if (!oversees(actor) && !actor.departments.some((d) => units.includes(d))) {
      throw new HttpError(403, 'this proposal is handled by other units');
    }
    // Finished tasks answer queries while the server retains them; one it no longer has is left out.
    const tasks = (await Promise.all(state.taskIds.map((taskId) =>
      this.client.workflow.getHandle(taskId).query(taskStateQuery).catch(() => undefined))))
      .filter((t): t is TaskState => t !== undefined);
    const open = tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
    const taskTimeline: TimelineEntry[] = tasks.flatMap((t) => t.history.map((h) => ({
      at: h.at, event: `task.${h.type}`, detail: { taskId: t.taskId, actorId: h.actorId, ...h.detail },
    })));
    const { openTaskIds: _open, taskIds: _all, eventSequence: _sequence, ...rest } = state;
    return {
      ...rest,
      openTasks: open.map((t) => ({
        taskId: t.taskId, title: t.title, status: t.status, light: t.light, dueAt: t.dueAt,
        provisional: t.provisional, departmentId: t.departmentId, assigneeId: t.assigneeId,
      })),
      timeline: [...state.timeline, ...taskTimeline].sort((a, b) => a.at.localeCompare(b.at)),
    };
  }

  async list(actor: Actor, filter: ProposalFilter): Promise<ProposalSummary[]> {
    if (!oversees(actor) && actor.departments.length === 0) return [];
    const found: ProposalSummary[] = [];
    for await (const info of this.client.workflow.list({ query: listQuery(actor, filter), pageSize: 200 })) {
      found.push(summarise(info));
      if (found.length >= filter.limit) break;
    }
    return found.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The figures the district reports (275 registered, 100% satisfaction, 21 moved from B/C to A), counted by visibility. */
  async stats(actor: Actor): Promise<ProposalStats> {
    if (!actor.roles.some((r) => r === 'admin' || r === 'leader' || r === 'topLeader' || r === 'committeeStaff')) {
      throw new HttpError(403, 'the proposal statistics are open to leaders and the proposal committee');
    }
    const count = async (clause?: string) => Number((await this.client.workflow.count(clause ? `${ALL_PROPOSALS} AND ${clause}` : ALL_PROPOSALS)).count);
    const fact = (name: string) => count(`GlProposalFacts = ${quote(name)}`);
    const classes = ['A', 'B', 'C'] as const;
    const [registered, key, replied, repliedOnTime, closed, movedToA] = await Promise.all([
      count(), fact('key'), fact('replied'), fact('repliedOnTime'), count(`GlStatus = 'closed'`), fact('movedToA'),
    ]);
    const [nowA, nowB, nowC] = await Promise.all(classes.map((c) => count(`GlCategory = ${quote(c)}`)));
    const [firstA, firstB, firstC] = await Promise.all(classes.map((c) => fact(`replied:${c}`)));
    const [satisfied, basicallySatisfied, notSatisfied, noAnswer] = await Promise.all(
      (['satisfied', 'basicallySatisfied', 'notSatisfied', 'noAnswer'] as const).map((r) => fact(`satisfaction:${r}`)),
    );
    const answered = satisfied + basicallySatisfied + notSatisfied;
    return {
      registered,
      key,
      replied,
      repliedOnTime,
      closed,
      byClass: { A: nowA, B: nowB, C: nowC },
      byRepliedClass: { A: firstA, B: firstB, C: firstC },
      satisfaction: { satisfied, basicallySatisfied, notSatisfied, noAnswer },
      // Satisfied or basically satisfied among the proposers who answered (满意和基本满意率).
      satisfactionRate: answered > 0 ? (satisfied + basicallySatisfied) / answered : null,
      movedToAByFollowUp: movedToA,
    };
  }
}
