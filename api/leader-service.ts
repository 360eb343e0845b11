/**
 * What a leader does and sees (领导): acknowledge an escalation (已阅), their escalations and the
 * board by light (挂图作战), each a Workflow Update or visibility queries over the search
 * attributes every task and process keeps, generic over the registry. Who may is
 * contracts/access.ts's; what a person may do inside a task, its validators'.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { Light } from '../contracts/ladder';
import { quote } from '../contracts/process-queries';
import { GlAssignedLeader, GlDepartment, GlLight, GlStatus } from '../contracts/search-attributes';
import type { TaskState } from '../contracts/task';
import { acknowledgeEscalationUpdate, taskStateQuery } from '../workflows/human-task';
import { loadDirectory } from '../activities/directory-file';
import type { ProcessDefinition } from '../processes/definition';
import { HttpError, toHttpError } from './errors';
import { boardScope } from './policy';
import { kindClause } from './process-service';
import { openTaskLights, withTaskLights } from './process-lights';
import type { RecordConnection } from '../records/database';
import { escalationsOf } from '../records/reads';

export interface MyEscalation {
  taskId: string;
  title?: string;
  processKind: string;
  processId: string;
  light: Light;
  status: string;
  dueAt?: string;
  departmentId?: string;
  assigneeId?: string;
  /** The rungs that reached me, oldest first. */
  escalations: Array<{ step: number; at: string; label?: string; acknowledged: boolean; acknowledgedAt?: string }>;
  /** Whether I have acknowledged the latest of them. */
  acknowledged: boolean;
}

export interface BoardItem {
  kind: string;
  id: string;
  title?: string;
  status?: string;
  light: Light;
  departmentId?: string;
  assignedLeaderId?: string;
}

export interface Board {
  /** `district`, or the departments and the named person (a leader's projects) it covers. */
  scope: 'district' | { departments: string[]; people: string[] };
  kinds: Array<{ kind: string; title: string; total: number; lights: Record<Light, number> }>;
  /** The red, then the yellow, running processes, by kind and title. */
  items: BoardItem[];
}

/** Enough for a district; a leader's list says nothing of the rest. */
const maxListed = 2000;
const lightRank: Record<Light, number> = { red: 0, yellow: 1, green: 2 };

async function collect<T>(client: Client, query: string, map: (info: WorkflowExecutionInfo) => T): Promise<T[]> {
  const found: T[] = [];
  for await (const info of client.workflow.list({ query, pageSize: 500 })) {
    found.push(map(info));
    if (found.length >= maxListed) break;
  }
  return found;
}

export class LeaderService {
  constructor(
    private readonly client: Client,
    private readonly directoryPath: string,
    private readonly definitions: readonly ProcessDefinition[],
    private readonly record?: RecordConnection,
  ) {}

  /** Acknowledges an escalation of the task that reached the actor: the rung named, or the latest. */
  async acknowledge(taskId: string, actor: Actor, body: { step?: number; note?: string }): Promise<TaskState> {
    try {
      return await this.client.workflow.getHandle(taskId).executeUpdate(acknowledgeEscalationUpdate, { args: [{ actor, ...body }] });
    } catch (err) {
      if (err instanceof Error && /workflow execution already completed/i.test(err.message)) throw new HttpError(409, 'task is already closed');
      throw toHttpError(err);
    }
  }

  /** The open tasks whose escalations reached the actor, the latest escalation first, each with what they acknowledged. */
  async escalations(actor: Actor, filter: { acknowledged?: boolean }): Promise<MyEscalation[]> {
    if (this.record) return escalationsOf(this.record.db, actor.personId, filter);
    const query = [
      `GlEntityKind = 'task'`, `ExecutionStatus = 'Running'`, `GlStatus IN ('open', 'claimed')`, `GlEscalatedTo = ${quote(actor.personId)}`,
    ].join(' AND ');
    const ids = await collect(this.client, query, (info) => info.workflowId);
    // The task's own state is authoritative: whom each rung reached, and who acknowledged it.
    const states = await Promise.all(ids.map((id) => this.client.workflow.getHandle(id).query(taskStateQuery).catch(() => undefined)));
    const mine: MyEscalation[] = [];
    for (const t of states) {
      const reached = (t?.escalations ?? []).filter((e) => e.recipients.includes(actor.personId));
      if (!t || reached.length === 0) continue;
      const escalations = reached.map((e) => {
        const ack = e.acknowledgements.find((a) => a.personId === actor.personId);
        return { step: e.step, at: e.at, label: e.label, acknowledged: ack !== undefined, ...(ack ? { acknowledgedAt: ack.at } : {}) };
      });
      const latest = escalations[escalations.length - 1];
      if (filter.acknowledged !== undefined && latest.acknowledged !== filter.acknowledged) continue;
      mine.push({
        taskId: t.taskId, title: t.title, processKind: t.processKind, processId: t.processId, light: t.light, status: t.status,
        dueAt: t.dueAt, departmentId: t.departmentId, assigneeId: t.assigneeId, escalations, acknowledged: latest.acknowledged,
      });
    }
    return mine.sort((a, b) => b.escalations[b.escalations.length - 1].at.localeCompare(a.escalations[a.escalations.length - 1].at));
  }

  /** The running processes of every kind the actor's board covers, counted by light, with the red and yellow ones listed. */
  async board(actor: Actor): Promise<Board> {
    const scope = boardScope(actor, loadDirectory(this.directoryPath));
    const reach = scope === 'all' ? [] : [
      ...(scope.departments.length > 0 ? [`GlDepartment IN (${scope.departments.map(quote).join(', ')})`] : []),
      ...scope.people.map((p) => `GlAssignedLeader = ${quote(p)}`),
    ];
    const board: Board = { scope: scope === 'all' ? 'district' : scope, kinds: [], items: [] };
    for (const d of this.definitions) {
      const lights: Record<Light, number> = { red: 0, yellow: 0, green: 0 };
      board.kinds.push({ kind: d.kind, title: d.title, total: 0, lights });
      if (scope !== 'all' && reach.length === 0) continue;
      const clauses = [kindClause(d.kind), `ExecutionStatus = 'Running'`, ...(reach.length > 0 ? [`(${reach.join(' OR ')})`] : [])];
      const found = await collect(this.client, clauses.join(' AND '), (info): BoardItem => {
        const sa = info.typedSearchAttributes;
        return {
          kind: d.kind, id: info.workflowId, title: typeof info.memo?.title === 'string' ? info.memo.title : undefined, status: sa.get(GlStatus),
          light: (sa.get(GlLight) as Light | undefined) ?? 'green', departmentId: sa.get(GlDepartment), assignedLeaderId: sa.get(GlAssignedLeader),
        };
      });
      const lit = withTaskLights(found, await openTaskLights(this.client, d.kind));
      for (const item of lit) lights[item.light] += 1;
      board.kinds[board.kinds.length - 1].total = lit.length;
      board.items.push(...lit.filter((item) => item.light !== 'green'));
    }
    board.items.sort((a, b) => lightRank[a.light] - lightRank[b.light] || a.kind.localeCompare(b.kind) || (a.title ?? a.id).localeCompare(b.title ?? b.id));
    return board;
  }
}
