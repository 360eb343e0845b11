/**
 * What a leader sees (领导): their escalations and the board by light (挂图作战), visibility queries over the search
 * attributes every task and process keeps, generic over the registry. Who may is
 * contracts/access.ts's; what a person may do inside a task, its validators'.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { Light } from '../contracts/ladder';
import { quote } from '../contracts/process-queries';
import { GlAssignedLeader, GlCategory, GlDepartment, GlLight, GlStatus } from '../contracts/search-attributes';
import { taskStateQuery } from '../workflows/human-task';
import { loadDirectory } from '../activities/directory-file';
import type { ProcessDefinition } from '../processes/definition';
import { boardOf, type Board, type BoardItem } from './board';
import { boardScope } from './policy';
import { kindClause } from './process-service';
import { openTaskLights, withTaskLights } from './process-lights';
import type { RecordConnection } from '../records/database';
import { escalationsOf, runningProcesses, type Escalation } from '../records/reads';

/** An escalation that reached the person (我的预警). */
export type MyEscalation = Escalation;

/** Enough for a district; a leader's list says nothing of the rest. */
const maxListed = 2000;

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

  /** The actor's board: the running processes of every kind it covers, each with its light, counted by api/board.ts. */
  async board(actor: Actor): Promise<Board> {
    const scope = boardScope(actor, loadDirectory(this.directoryPath));
    const reach = scope === 'all' ? [] : [
      ...(scope.departments.length > 0 ? [`GlDepartment IN (${scope.departments.map(quote).join(', ')})`] : []),
      ...scope.people.map((p) => `GlAssignedLeader = ${quote(p)}`),
    ];
    const processes: BoardItem[] = [];
    if (this.record) {
      // From the record: every running process, counted exactly, with no cap and no query per kind.
      processes.push(...await runningProcesses(this.record.db, this.definitions.map((d) => d.kind), scope));
    } else if (scope === 'all' || reach.length > 0) {
      for (const d of this.definitions) {
        const clauses = [kindClause(d.kind), `ExecutionStatus = 'Running'`, ...(reach.length > 0 ? [`(${reach.join(' OR ')})`] : [])];
        const found = await collect(this.client, clauses.join(' AND '), (info): BoardItem => {
          const sa = info.typedSearchAttributes;
          return {
            kind: d.kind, id: info.workflowId, title: typeof info.memo?.title === 'string' ? info.memo.title : undefined, status: sa.get(GlStatus),
            light: (sa.get(GlLight) as Light | undefined) ?? 'green', category: sa.get(GlCategory),
            departmentId: sa.get(GlDepartment), assignedLeaderId: sa.get(GlAssignedLeader),
          };
        });
        processes.push(...withTaskLights(found, await openTaskLights(this.client, d.kind)));
      }
    }
    const kinds = this.definitions.map((d) => ({
      kind: d.kind, title: d.title, ...(d.presentation.categories ? { categories: Object.keys(d.presentation.categories) } : {}),
    }));
    return boardOf(scope === 'all' ? 'district' : scope, kinds, processes);
  }
}
