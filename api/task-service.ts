/**
 * Tasks as the API serves them: the inbox is one visibility query over the tasks' search
 * attributes; a task's own query is the authoritative state before acting; actions are
 * Workflow Updates whose validators decide, so a person gets a synchronous yes or a reason.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { Light } from '../contracts/ladder';
import {
  GlAssignee, GlDueAt, GlLight, GlProcessId, GlProcessKind, GlProvisional, GlStatus,
} from '../contracts/search-attributes';
import type { TaskCompletion, TaskResult, TaskState } from '../contracts/task';
import {
  claimTaskUpdate, completeTaskUpdate, decideExtensionUpdate, reassignTaskUpdate, releaseTaskUpdate, requestExtensionUpdate, taskStateQuery,
} from '../workflows/human-task';
import { quote } from '../contracts/process-queries';
import { mayReadTask } from './policy';
import { HttpError, isNotFound, orHttpError, toHttpError } from './errors';

export interface TaskSummary {
  taskId: string;
  title?: string;
  processKind?: string;
  processId?: string;
  status?: string;
  light?: Light;
  assigneeId?: string;
  dueAt?: string;
  provisional?: boolean;
}

export interface InboxEntry extends TaskSummary {
  /** Assigned to the caller (claimed by them, or given to them). */
  assignedToMe: boolean;
  /** Offered to a department, held by nobody yet: anyone of it in the right role may claim it. */
  offered: boolean;
}

export interface InboxCounts { total: number; red: number; yellow: number; green: number }

export interface InboxFilter {
  light?: Light;
  processKind?: string;
  limit: number;
}


/** The visibility query of a person's inbox: assigned to them, or offered to their departments in a role they hold. */
export function inboxQuery(actor: Actor, filter: InboxFilter): string {
  const groups = actor.departments.flatMap((d) => actor.roles.map((r) => `dept:${d}:role:${r}`));
  const mine = [`GlAssignee = ${quote(actor.personId)}`];
  if (groups.length > 0) mine.push(`GlCandidateGroups IN (${groups.map(quote).join(', ')})`);
  const clauses = [
    `GlEntityKind = 'task'`,
    `ExecutionStatus = 'Running'`,
    `GlStatus IN ('open', 'claimed')`,
    `(${mine.join(' OR ')})`,
  ];
  if (filter.light) clauses.push(`GlLight = ${quote(filter.light)}`);
  if (filter.processKind) clauses.push(`GlProcessKind = ${quote(filter.processKind)}`);
  return clauses.join(' AND ');
}

function summarise(info: WorkflowExecutionInfo): TaskSummary {
  const sa = info.typedSearchAttributes;
  const due = sa.get(GlDueAt);
  return {
    taskId: info.workflowId,
    title: typeof info.memo?.title === 'string' ? info.memo.title : undefined,
    processKind: sa.get(GlProcessKind),
    processId: sa.get(GlProcessId),
    status: sa.get(GlStatus),
    light: sa.get(GlLight) as Light | undefined,
    assigneeId: sa.get(GlAssignee),
    dueAt: due ? due.toISOString() : undefined,
    provisional: sa.get(GlProvisional),
  };
}

export class TaskService {
  constructor(private readonly client: Client) {}

  async inbox(actor: Actor, filter: InboxFilter): Promise<TaskSummary[]> {
    return (await this.inboxAll(actor, filter)).slice(0, filter.limit);
  }

  /**
   * The inbox with what a page heads it with: each task marked assigned to the caller or offered
   * to their department, and the counts per light of every task the filters match (up to 1000),
   * not only of the `limit` returned.
   */
  async inboxWithCounts(actor: Actor, filter: InboxFilter): Promise<{ tasks: InboxEntry[]; counts: InboxCounts }> {
    const all = await this.inboxAll(actor, filter);
    const counts: InboxCounts = { total: all.length, red: 0, yellow: 0, green: 0 };
    for (const t of all) if (t.light) counts[t.light] += 1;
    return {
      tasks: all.slice(0, filter.limit).map((t) => ({ ...t, assignedToMe: t.assigneeId === actor.personId, offered: t.assigneeId === undefined })),
      counts,
    };
  }

  private async inboxAll(actor: Actor, filter: InboxFilter): Promise<TaskSummary[]> {
    const found: TaskSummary[] = [];
    for await (const info of this.client.workflow.list({ query: inboxQuery(actor, filter), pageSize: 200 })) {
      found.push(summarise(info));
      if (found.length >= 1000) break;
    }
    // The dev server's visibility store cannot ORDER BY a custom attribute: sort here, soonest deadline first.
    found.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.taskId.localeCompare(b.taskId));
    return found;
  }

  async get(taskId: string, actor: Actor): Promise<TaskState> {
    const state = await orHttpError(this.client.workflow.getHandle(taskId).query(taskStateQuery));
    const allowed = mayReadTask(actor, state);
    if (allowed !== true) throw new HttpError(403, allowed);
    return state;
  }

  async claim(taskId: string, actor: Actor): Promise<TaskState> {
    return this.act(() => this.client.workflow.getHandle(taskId).executeUpdate(claimTaskUpdate, { args: [{ actor }] }));
  }

  async release(taskId: string, actor: Actor): Promise<TaskState> {
    return this.act(() => this.client.workflow.getHandle(taskId).executeUpdate(releaseTaskUpdate, { args: [{ actor }] }));
  }

  async requestExtension(taskId: string, actor: Actor, body: { workingDays: number; reason: string }): Promise<TaskState> {
    return this.act(() => this.client.workflow.getHandle(taskId).executeUpdate(requestExtensionUpdate, { args: [{ actor, ...body }] }));
  }

  async decideExtension(taskId: string, actor: Actor, body: { approve: boolean; reason?: string }): Promise<TaskState> {
    return this.act(() => this.client.workflow.getHandle(taskId).executeUpdate(decideExtensionUpdate, { args: [{ actor, ...body }] }));
  }

  async reassign(taskId: string, actor: Actor, to: { toPersonId?: string; toDepartmentId?: string; reason?: string }): Promise<TaskState> {
    return this.act(() => this.client.workflow.getHandle(taskId).executeUpdate(reassignTaskUpdate, { args: [{ actor, ...to }] }));
  }

  /**
   * Completes a task. The idempotency key is the Update id: a retry while the task runs gets
   * the same answer from Temporal; a retry after the task has closed is answered from its result.
   */
  async complete(
    taskId: string,
    actor: Actor,
    body: { outcome: string; payload: Record<string, unknown> },
    idempotencyKey?: string,
  ): Promise<TaskCompletion> {
    const handle = this.client.workflow.getHandle<(input: unknown) => Promise<TaskResult>>(taskId);
    try {
      return await handle.executeUpdate(completeTaskUpdate, { args: [{ actor, ...body }], updateId: idempotencyKey });
    } catch (err) {
      if (!isNotFound(err) && !isClosed(err)) throw toHttpError(err);
    }
    const result = await this.closedResult(taskId);
    if (result.status === 'completed') {
      if (idempotencyKey !== undefined && result.completion.updateId === idempotencyKey) return result.completion;
      throw new HttpError(409, `task already completed by ${result.completion.actorId} (${result.completion.outcome})`);
    }
    throw new HttpError(409, 'task was cancelled with its process');
  }

  private async closedResult(taskId: string): Promise<TaskResult> {
    const handle = this.client.workflow.getHandle<(input: unknown) => Promise<TaskResult>>(taskId);
    await orHttpError(handle.describe());
    try {
      return await handle.result();
    } catch {
      return { status: 'cancelled', light: 'green' };
    }
  }

  private async act<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (isClosed(err)) throw new HttpError(409, 'task is already closed');
      throw toHttpError(err);
    }
  }
}

function isClosed(err: unknown): boolean {
  return err instanceof Error && /already completed|workflow execution already completed/i.test(err.message);
}
