/**
 * Tasks as the API serves them: the inbox is one visibility query over the tasks' search
 * attributes; a task's own query is the authoritative state before acting; actions are
 * Workflow Updates whose validators decide, so a person gets a synchronous yes or a reason.
 */
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../intake/validated';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { loadDirectory } from '../activities/directory-file';
import type { Actor } from '../contracts/directory';
import type { Light } from '../contracts/ladder';
import { GlCandidateGroups, GlStatus } from '../contracts/search-attributes';
import type { TaskCompletion, TaskResult, TaskState, TaskView } from '../contracts/task';
import { mayWithdraw, taskVerbs } from '../workflows/task-access';
import { withdrawableQuery } from '../workflows/blocks/withdrawable';
import {
  acknowledgeEscalationUpdate, signAfterUpdate, withdrawTaskUpdate, returnTaskUpdate, delegateTaskUpdate, returnDelegationUpdate, transferTaskUpdate, addSignersUpdate, answerSignUpdate, removeSignerUpdate, chaseTaskUpdate, claimTaskUpdate, copyIdOf, copyTaskUpdate, markCopyReadUpdate, completeTaskUpdate, decideExtensionUpdate, reassignTaskUpdate, releaseTaskUpdate, requestExtensionUpdate, taskStateQuery,
} from '../workflows/human-task';
import { quote } from '../contracts/process-queries';
import { fieldLabel } from '../contracts/field-labels';
import { mayReadScope, mayReadTask } from './policy';
import { definitionOf } from '../processes/registry';
import { HttpError, isNotFound, isUnavailable, orHttpError, RETRY_AFTER_SECONDS, toHttpError } from './errors';
import { notFound, resolveVisible, TASK, taskConcerns, taskStartConcerns } from './resolve';
import type { RecordConnection } from '../records/database';
import type { Agents } from './agents';
import { copiesOf, copyHeld, inbox, recordedTask, waitForCopyRead, waitForTask, type CopiesPage, type RecordedTask, type CopySummary, type InboxTask, type TaskSummary } from '../records/reads';


export type { CopySummary };
export type { TaskSummary, InboxTask as InboxEntry };

export interface InboxCounts { total: number; red: number; yellow: number; green: number }

export interface InboxFilter {
  light?: Light;
  processKind?: string;
  limit: number;
  /** The next page's cursor, from the previous page's `next` (the record only). */
  cursor?: string;
}


/**
 * The visibility query of a person's inbox: assigned to them, or offered to their departments in a
 * role they hold. The inbox itself reads the record; this is kept for operators (Temporal's UI) and
 * for the benchmark that sets the two side by side (bench/record-reads.bench.ts).
 */
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

/** A completion sent to the task but not confirmed in time: retry with the same key and body to learn its answer. */
export interface PendingCompletion {
  status: 'pending';
  idempotencyKey: string;
  retryAfterSeconds: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The Update id of a completion: the one idempotency rule. A key belongs to the person who sent
 * it and to one body: the same person, key and body is a replay (Temporal answers it once); another
 * person's use of the key is their own request; the same person and key with another body is 422.
 */
export function completionUpdateId(personId: string, key: string, body: unknown): { updateId: string; keyPrefix: string } {
  const keyPrefix = `idem:${sha256(`${personId}\n${key}`).slice(0, 32)}:`;
  return { keyPrefix, updateId: `${keyPrefix}${sha256(canonicalJson(body)).slice(0, 32)}` };
}

export class TaskService {
  constructor(
    private readonly client: Client,
    private readonly directoryPath: string,
    private readonly record?: RecordConnection,
    private readonly agents?: Agents,
  ) {}

  /** The people the actor stands in for now (代理), each as the actor the API would make of them, with `agentId` the actor's. */
  private principals(actor: Actor): Actor[] {
    return this.agents?.standingInFor(actor, () => loadDirectory(this.directoryPath)) ?? [];
  }

  /**
   * The task's handle and whom the caller acts as on it (代理): the person they stand in for when
   * the task is assigned to that person; when the caller may not read it themselves, that person if
   * it is offered to their department in a role they hold (what reaches the agent's inbox); the
   * caller themselves otherwise. Acting for someone, the actor is that person with `agentId` the
   * caller's, so every validator decides as for them and the task's history says 代某某办理. An
   * agent reaches no more than their principal's inbox: not every task the principal may read.
   * `ownFirst`: what is asked of the caller in person (an opinion, a delegation's answer) is theirs
   * whenever they may read the task.
   */
  private async acting(taskId: string, caller: Actor, ownFirst = false): Promise<{ handle: WorkflowHandle; actor: Actor }> {
    const principals = this.principals(caller);
    if (principals.length === 0) return { handle: await this.task(taskId, caller), actor: caller };
    let reach: { assigneeId?: string; groups: string[] } = { groups: [] };
    const found = await resolveVisible(this.client, taskId, TASK, async ({ execution }) => {
      const concerns = taskConcerns(execution) ?? await taskStartConcerns(this.client, taskId) ?? {};
      reach = { assigneeId: concerns.assigneeId, groups: execution.typedSearchAttributes.get(GlCandidateGroups) ?? [] };
      return true;
    }).catch(() => undefined);
    const held = principals.find((p) => reach.assigneeId === p.personId);
    if (found && held && !ownFirst) return { handle: found.handle, actor: held };
    try {
      return { handle: await this.task(taskId, caller), actor: caller };
    } catch (err) {
      const offered = principals.find((p) => p.departments.some((d) => p.roles.some((r) => reach.groups.includes(`dept:${d}:role:${r}`))));
      if (!found || !offered || !(err instanceof HttpError && err.statusCode === 404)) throw err;
      return { handle: found.handle, actor: offered };
    }
  }

  /**
   * The inbox from the record: each task marked assigned to the caller or offered to their
   * department, the exact counts per light of every task the filters match, and the next page's
   * cursor (every task is reached by paging; none is cut).
   */
  async inboxWithCounts(actor: Actor, filter: InboxFilter): Promise<{ tasks: InboxTask[]; counts: InboxCounts; next?: string }> {
    if (!this.record) throw new HttpError(503, 'the inbox is read from the record: this API was started without one (GREENLIGHT_DATABASE_URL)');
    return inbox(this.record.db, actor, filter, this.principals(actor));
  }

  /**
   * The handle of a human task the actor may read; 404 when the id names none (a process's id
   * included) and, alike, when it names one the actor may not read: asked before anything else,
   * so that no validator tells a stranger who holds the task or where it stands.
   */
  private async task(taskId: string, actor: Actor): Promise<WorkflowHandle> {
    return (await resolveVisible(this.client, taskId, TASK, async ({ handle, execution }) => {
      // Most who read a task are its department's or those who oversee: the server's index (or the
      // task's start input) says so, without the worker and without asking anything more.
      if (mayReadTask(actor, taskConcerns(execution) ?? await taskStartConcerns(this.client, taskId) ?? {}) === true) return true;
      // A copy (抄送) is its own workflow; those asked for an opinion (前加签) and the initiator are
      // named in the task's state only.
      if (await this.copyOf(taskId, actor) !== undefined) return true;
      return mayReadTask(actor, await orHttpError(handle.query(taskStateQuery))) === true;
    })).handle;
  }

  /** The copy (抄送) the actor holds of a task, read from the server's search attributes (no worker needed). */
  private async copyOf(taskId: string, actor: Actor): Promise<{ status: 'unread' | 'read' } | undefined> {
    try {
      const copy = await this.client.workflow.getHandle(copyIdOf(taskId, actor.personId)).describe();
      if (copy.type !== 'taskCopy') return undefined;
      return { status: copy.typedSearchAttributes.get(GlStatus) === 'read' ? 'read' : 'unread' };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toHttpError(err);
    }
  }

  /**
   * The task's state with the verbs the actor may use on it now (workflows/task-access.ts), and
   * their copy of it; once Temporal no longer holds it (its retention), as the record keeps it. A
   * task the actor completed offers 撤回 while its next step is untouched.
   */
  async get(taskId: string, caller: Actor): Promise<TaskView | Omit<RecordedTask, 'processScope'>> {
    let handle: WorkflowHandle;
    let actor = caller;
    try {
      ({ handle, actor } = await this.acting(taskId, caller));
    } catch (err) {
      const recorded = err instanceof HttpError && err.statusCode === 404 ? await this.recordedTask(taskId, actor) : undefined;
      if (!recorded) throw err;
      return recorded;
    }
    const state = await orHttpError(handle.query(taskStateQuery));
    const copy = await this.copyOf(taskId, actor);
    const { verbs, ...more } = taskVerbs(actor, state, Date.now());
    const next = state.status === 'completed' && state.completion?.actorId === actor.personId ? await this.nextStep(state) : undefined;
    const mayTakeBack = next !== undefined && !mayWithdraw(actor.personId, next, taskId);
    return {
      ...state, ...more,
      verbs: [...verbs, ...(copy?.status === 'unread' ? ['markRead'] : []), ...(mayTakeBack ? ['withdraw'] : [])],
      ...(copy ? { copy } : {}),
      ...(actor.agentId ? { forPersonId: actor.personId } : {}),
      ...(next ? { nextStep: { taskId: next.taskId, title: next.title, status: next.status } } : {}),
    };
  }

  /**
   * The task its process opened after this one, when the process lets it be taken back (撤回,
   * workflows/blocks/withdrawable.ts): its process's `withdrawable` query names it. A process that
   * does not opt in answers no such query: nothing.
   */
  private async nextStep(state: TaskState): Promise<TaskState | undefined> {
    let steps: Array<{ fromTaskId: string; nextTaskId?: string }>;
    try {
      steps = await this.client.workflow.getHandle(state.processId).query(withdrawableQuery);
    } catch (err) {
      if (isUnavailable(err)) throw toHttpError(err);
      return undefined;
    }
    const nextTaskId = steps.find((s) => s.fromTaskId === state.taskId)?.nextTaskId;
    if (!nextTaskId) return undefined;
    try {
      return await this.client.workflow.getHandle(nextTaskId).query(taskStateQuery);
    } catch (err) {
      if (isUnavailable(err)) throw toHttpError(err);
      return undefined;
    }
  }

  /**
   * 撤回: the actor takes back the task they completed, while its next step is untouched; the next
   * task ends withdrawn with the reason, and the process reopens the step to them. Whether it is
   * untouched is decided by the next task itself (its Update's validator), so a claim at the same
   * instant and this have exactly one winner.
   */
  async withdraw(taskId: string, caller: Actor, body: { reason: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    const state = await orHttpError(handle.query(taskStateQuery));
    if (state.status !== 'completed') throw new HttpError(409, `this task is ${state.status}: only a completed task is taken back (撤回)`);
    if (state.completion?.actorId !== actor.personId) throw new HttpError(403, 'only whoever completed this task may take it back (撤回)');
    const next = await this.nextStep(state);
    if (!next) throw new HttpError(409, 'this task cannot be taken back (撤回): its process does not allow it here, or has moved on');
    const withdrawn = await this.act(() => this.client.workflow.getHandle(next.taskId)
      .executeUpdate(withdrawTaskUpdate, { args: [{ actor, fromTaskId: taskId, reason: body.reason }] }));
    return this.recorded(withdrawn);
  }

  /**
   * 退回: the holder returns the process from this task to an earlier step its kind offers on it
   * (`returnTargets`); the task ends with the reason, and the process reopens the step to whoever
   * did it. The task's Update decides (who may, which steps), so the answer is the task's own.
   */
  async returnTo(taskId: string, caller: Actor, body: { toStep: string; reason: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.recorded(await this.act(() => handle.executeUpdate(returnTaskUpdate, { args: [{ actor, toStep: body.toStep, reason: body.reason }] })));
  }

  /** 后加签: the holder's decision, put to people the directory holds (400 otherwise) before the task completes. */
  async signAfter(taskId: string, caller: Actor, body: { outcome: string; payload: Record<string, unknown>; personIds: string[]; note?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    this.knownPeople(body.personIds);
    return this.act(() => handle.executeUpdate(signAfterUpdate, { args: [{ actor, ...body }] }));
  }

  /** 400 naming each id the directory does not hold. */
  private knownPeople(personIds: string[]): void {
    const directory = loadDirectory(this.directoryPath);
    const unknown = personIds.filter((p) => !directory.people.some((x) => x.id === p));
    if (unknown.length > 0) throw new HttpError(400, `personIds: no person ${unknown.join(', ')} in the directory`, unknown.map((p) => ({ path: 'personIds', message: `no person ${p} in the directory` })));
  }

  /**
   * A task the record keeps and Temporal no longer holds, if the actor may read it: theirs or their
   * department's (the one table, as for a live task), copied to them, or of a process they may read
   * (whose page shows its tasks). Undefined otherwise, and while Temporal still holds it.
   */
  private async recordedTask(taskId: string, actor: Actor): Promise<Omit<RecordedTask, 'processScope'> | undefined> {
    if (!this.record) return undefined;
    const found = await recordedTask(this.record.db, taskId);
    if (!found) return undefined;
    const forgotten = await this.client.workflow.getHandle(taskId).describe().then(() => false, (err: unknown) => {
      if (isNotFound(err)) return true;
      throw toHttpError(err);
    });
    if (!forgotten) return undefined;
    const { processScope, ...task } = found;
    const definition = definitionOf(task.processKind);
    const may = mayReadTask(actor, { departmentId: task.departmentId, assigneeId: task.assigneeId ?? task.completion?.actorId }) === true
      || await copyHeld(this.record.db, actor.personId, { taskId }) !== undefined
      || (definition !== undefined && processScope !== undefined && mayReadScope(actor, definition, processScope) === true);
    return may ? task : undefined;
  }

  /** Whom a copy reaches: the people named and every person of the departments named, the sender left out; 400 naming an unknown id. */
  private copyRecipients(actor: Actor, to: { personIds?: string[]; departmentIds?: string[] }): { personIds: string[]; departmentIds: string[] } {
    const directory = loadDirectory(this.directoryPath);
    const personIds = to.personIds ?? [];
    const departmentIds = to.departmentIds ?? [];
    const issues = [
      ...personIds.filter((p) => !directory.people.some((x) => x.id === p)).map((p) => ({ path: 'personIds', message: `no person ${p} in the directory` })),
      ...departmentIds.filter((d) => !directory.departments.some((x) => x.id === d)).map((d) => ({ path: 'departmentIds', message: `no department ${d} in the directory` })),
    ];
    if (issues.length > 0) throw new HttpError(400, issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
    const people = [...new Set([
      ...personIds,
      ...directory.people.filter((p) => p.departments.some((d) => departmentIds.includes(d))).map((p) => p.id),
    ])].filter((p) => p !== actor.personId);
    if (people.length === 0) throw new HttpError(400, 'nobody to copy: name people or a department other than yourself');
    return { personIds: people, departmentIds };
  }

  /** Copies a task (抄送) to people and departments' people: they are told, and may read it and its process. */
  async copy(taskId: string, caller: Actor, body: { personIds?: string[]; departmentIds?: string[]; note?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    const to = this.copyRecipients(actor, body);
    return this.recorded(await this.act(() => handle.executeUpdate(copyTaskUpdate, { args: [{ actor, ...to, ...(body.note ? { note: body.note } : {}) }] })));
  }

  /** Marks the actor's copy of a task read (已阅); read already, it stays as it was. 404 when they hold none. */
  async markRead(taskId: string, actor: Actor): Promise<{ taskId: string; status: 'read' }> {
    const copy = await this.copyOf(taskId, actor);
    if (!copy) throw notFound(TASK, taskId);
    if (copy.status === 'unread') {
      try {
        await this.client.workflow.getHandle(copyIdOf(taskId, actor.personId)).executeUpdate(markCopyReadUpdate, { args: [{ actor }] });
      } catch (err) {
        // Read meanwhile (the copy's workflow closed): the answer is the same.
        if (!isClosed(err) && !isNotFound(err)) throw toHttpError(err);
      }
      // Read your own writes: 抄送我的, read next, shows it read.
      if (this.record) await waitForCopyRead(this.record.db, taskId, actor.personId);
    }
    return { taskId, status: 'read' };
  }

  /** 抄送我的: the copies the actor holds, unread first, newest first, from the record (exact counts, every copy reached by paging). */
  async copies(actor: Actor, filter: { status?: 'unread' | 'read'; limit: number; cursor?: string }): Promise<CopiesPage> {
    if (!this.record) throw new HttpError(503, '抄送我的 is read from the record: this API was started without one (GREENLIGHT_DATABASE_URL)');
    return copiesOf(this.record.db, actor.personId, filter);
  }

  async claim(taskId: string, caller: Actor): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.recorded(await this.act(() => handle.executeUpdate(claimTaskUpdate, { args: [{ actor }] })));
  }

  async release(taskId: string, caller: Actor): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.recorded(await this.act(() => handle.executeUpdate(releaseTaskUpdate, { args: [{ actor }] })));
  }

  /**
   * Read your own writes: the answer waits (bounded) until the record has applied the task's
   * event of this action, so the inbox the person goes back to already shows it (docs/architecture.md).
   */
  private async recorded<T extends { taskId: string; history: Array<{ at: string }> }>(state: T): Promise<T> {
    const at = state.history[state.history.length - 1]?.at;
    if (this.record && at) await waitForTask(this.record.db, state.taskId, at);
    return state;
  }

  async requestExtension(taskId: string, caller: Actor, body: { workingDays: number; reason: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.act(() => handle.executeUpdate(requestExtensionUpdate, { args: [{ actor, ...body }] }));
  }

  async decideExtension(taskId: string, caller: Actor, body: { approve: boolean; reason?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.act(() => handle.executeUpdate(decideExtensionUpdate, { args: [{ actor, ...body }] }));
  }

  /** Acknowledges (已阅) an escalation of the task that reached the actor: the rung named, or the latest. */
  async acknowledge(taskId: string, caller: Actor, body: { step?: number; note?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.act(() => handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ actor, ...body }] }));
  }

  /** Asks people for their opinion before deciding (前加签); each must be in the directory (400 naming the id). */
  async addSigners(taskId: string, caller: Actor, body: { personIds: string[]; note?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    this.knownPeople(body.personIds);
    return this.act(() => handle.executeUpdate(addSignersUpdate, { args: [{ actor, ...body }] }));
  }

  /** Gives the opinion the actor was asked for (前加签), or their approval of the holder's decision (后加签, `agree`). */
  async answerSign(taskId: string, caller: Actor, body: { opinion: string; agree?: boolean }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller, true);
    return this.act(() => handle.executeUpdate(answerSignUpdate, { args: [{ actor, ...body }] }));
  }

  /** Takes off a person asked who has not answered (减签); never the last. */
  async removeSigner(taskId: string, caller: Actor, body: { personId: string; reason?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.act(() => handle.executeUpdate(removeSignerUpdate, { args: [{ actor, ...body }] }));
  }

  /** 委派 or 转交: the holder hands the task to a colleague the directory holds (400 otherwise). */
  async handOver(taskId: string, caller: Actor, how: 'delegate' | 'transfer', body: { toPersonId: string; reason?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    if (!loadDirectory(this.directoryPath).people.some((p) => p.id === body.toPersonId)) {
      throw new HttpError(400, `toPersonId: no person ${body.toPersonId} in the directory`, [{ path: 'toPersonId', message: `no person ${body.toPersonId} in the directory` }]);
    }
    const update = how === 'delegate' ? delegateTaskUpdate : transferTaskUpdate;
    return this.act(() => handle.executeUpdate(update, { args: [{ actor, ...body }] }));
  }

  /** The delegate's action (委派): what they did, and the task back to its holder. */
  async returnDelegation(taskId: string, caller: Actor, body: { opinion: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller, true);
    return this.act(() => handle.executeUpdate(returnDelegationUpdate, { args: [{ actor, ...body }] }));
  }

  /** Chases the holder (催办); inside the sender's quiet period, 429 saying when (Retry-After). */
  async chase(taskId: string, caller: Actor, body: { note?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    return this.act(() => handle.executeUpdate(chaseTaskUpdate, { args: [{ actor, ...body }] }));
  }

  /** Reassigns a task to a person and/or department the directory holds (400 naming the field otherwise). */
  async reassign(taskId: string, caller: Actor, to: { toPersonId?: string; toDepartmentId?: string; reason?: string }): Promise<TaskState> {
    const { handle, actor } = await this.acting(taskId, caller);
    const directory = loadDirectory(this.directoryPath);
    const issues = [
      ...(to.toPersonId !== undefined && !directory.people.some((p) => p.id === to.toPersonId)
        ? [{ path: 'toPersonId', field: fieldLabel('toPersonId'), message: `人员名录中没有 ${to.toPersonId}，请从名录中选择改派人员` }] : []),
      ...(to.toDepartmentId !== undefined && !directory.departments.some((d) => d.id === to.toDepartmentId)
        ? [{ path: 'toDepartmentId', field: fieldLabel('toDepartmentId'), message: `部门名录中没有 ${to.toDepartmentId}，请从名录中选择转办部门` }] : []),
    ];
    if (issues.length > 0) throw new HttpError(400, `请改正后再提交：${issues.map((i) => i.message).join('；')}`, issues);
    return this.act(() => handle.executeUpdate(reassignTaskUpdate, { args: [{ actor, ...to }] }));
  }

  /**
   * Completes a task. The Update id comes from the person, the Idempotency-Key and the body
   * (completionUpdateId): a replay gets the first answer, from Temporal while the task runs and
   * from its recorded completion after. A completion sent but not confirmed within the API's
   * deadline (the worker down) answers `pending` with the key to retry; without a key, one is
   * made for the caller.
   */
  async complete(
    taskId: string,
    caller: Actor,
    body: { outcome: string; payload: Record<string, unknown>; copyTo?: { personIds?: string[]; departmentIds?: string[] } },
    idempotencyKey?: string,
  ): Promise<TaskCompletion | PendingCompletion> {
    const { handle, actor } = await this.acting(taskId, caller);
    const key = idempotencyKey ?? randomUUID();
    const { updateId, keyPrefix } = completionUpdateId(actor.personId, key, body);
    const { copyTo, ...chosen } = body;
    const copied = copyTo && (copyTo.personIds?.length || copyTo.departmentIds?.length) ? { copyTo: this.copyRecipients(actor, copyTo) } : {};
    try {
      const completion = await handle.executeUpdate(completeTaskUpdate, { args: [{ actor, ...chosen, ...copied }], updateId });
      if (this.record) await waitForTask(this.record.db, taskId, completion.at);
      return completion;
    } catch (err) {
      if (isUnavailable(err)) return { status: 'pending', idempotencyKey: key, retryAfterSeconds: RETRY_AFTER_SECONDS };
      const lost = isNotFound(err) || isClosed(err)
        || (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'TaskAlreadyCompleted');
      if (!lost) throw toHttpError(err);
    }
    // Someone completed it first, or this is a replay: the recorded completion says which.
    const completion = await this.recordedCompletion(handle);
    if (!completion) throw new HttpError(409, 'task was cancelled with its process');
    if (completion.updateId === updateId) return completion;
    if (idempotencyKey !== undefined && completion.updateId?.startsWith(keyPrefix)) {
      throw new HttpError(422, 'this Idempotency-Key was already used with a different body: send a new key for a new request');
    }
    throw new HttpError(409, `task already completed by ${completion.actorId} (${completion.outcome})`);
  }

  /** The completion a task recorded: from its query while it runs, from its result once closed. */
  private async recordedCompletion(handle: WorkflowHandle): Promise<TaskCompletion | undefined> {
    const typed = handle as WorkflowHandle<(input: unknown) => Promise<TaskResult>>;
    const description = await orHttpError(typed.describe());
    if (description.status.name === 'RUNNING') {
      const state = await orHttpError(typed.query(taskStateQuery));
      return state.completion;
    }
    try {
      const result = await typed.result();
      return result.status === 'completed' ? result.completion : undefined;
    } catch (err) {
      if (isUnavailable(err)) throw toHttpError(err);
      return undefined;
    }
  }

  private async act<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (isClosed(err) || isNotFound(err)) throw new HttpError(409, 'task is already closed');
      throw toHttpError(err);
    }
  }
}

function isClosed(err: unknown): boolean {
  return err instanceof Error && /already completed|workflow execution already completed/i.test(err.message);
}
