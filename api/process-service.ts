/**
 * Every registered kind through one surface: start (the same path as the kind's NATS intake),
 * get (the workflow's `state` query with its tasks' authoritative state; the record's once Temporal
 * forgot it), list (from the record: exact total, cursor paging), the kind's declared actions and
 * reports (counted from the record). Every
 * answer about who may is api/policy.ts's.
 */
import type { Client } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import { worseLight, type Light } from '../contracts/ladder';
import { quote } from '../contracts/process-queries';
import type { InstructionState } from '../contracts/instruction';
import type { TaskState } from '../contracts/task';
import { loadDirectory } from '../activities/directory-file';
import { ActionRefused, isVersionOf, runAction } from '../intake/actions';
import { startProcess, validateStart } from '../intake/processes';
import type { ActionDefinition, ProcessDefinition, ReportDefinition } from '../processes/definition';
import { StartConflict } from '../intake/validated';
import { HttpError, orHttpError, toHttpError } from './errors';
import { notFound, processOf, resolve } from './resolve';
import { listScope, mayAct, mayRead, mayReadScope, mayReport, mayStart, mayStartKind } from './policy';
import { instructionsOfQuery } from './instruction-service';
import type { RecordConnection } from '../records/database';
import { copyHeld, countProcesses, listProcesses, recordedProcess, type ListedProcess, type RecordedProcess } from '../records/reads';

export { isVersionOf };

/** A process as lists show it. */
export type ProcessSummary = ListedProcess;

export interface ProcessFilter {
  status?: string;
  light?: string;
  category?: string;
  department?: string;
  assignedLeader?: string;
  /** `latest` (the default) or `light`: red first, then yellow, then green, by title within a light. */
  order?: 'latest' | 'light';
  limit: number;
  /** The kind's own filters (its definition's `listFilters`), by name. */
  own?: Record<string, string | undefined>;
  /** The next page's cursor, from the previous page's `next` (the record only). */
  cursor?: string;
}

export interface TaskBrief {
  taskId: string;
  title: string;
  status: string;
  light: Light;
  dueAt?: string;
  provisional: boolean;
  departmentId?: string;
  assigneeId?: string;
  formName: string;
  outcomes: string[];
}

export interface TimelineEntry {
  at: string;
  event: string;
  detail: Record<string, unknown>;
}

export interface ProcessView {
  kind: string;
  id: string;
  title?: string;
  /** Temporal's status of the run: RUNNING, COMPLETED, FAILED, … */
  execution: string;
  /** The worst light of the process and its open tasks: what a person should see first. */
  light?: Light;
  state: unknown;
  /** Its tasks (those its state lists) with their authoritative state. */
  tasks: TaskBrief[];
  /** The process's timeline with its tasks' history and its instructions' trail, oldest first. */
  timeline: TimelineEntry[];
  /** The supervision instructions (督办) issued on it, open and closed. */
  instructions: InstructionBrief[];
}

export type InstructionBrief = Omit<InstructionState, 'history'>;

/**
 * A process Temporal no longer holds, as the record keeps it: `execution` is RECORDED, `state` the
 * record's summary of it (no form payloads: those stay in Temporal, and in no event), its tasks
 * with their outcomes, its timeline in words, its instructions.
 */
export interface RecordedView {
  kind: string;
  id: string;
  title?: string;
  execution: 'RECORDED';
  light: Light;
  state: { recorded: true; status?: string; category?: string; departmentId?: string; assignedLeaderId?: string; startedAt: string; closedAt?: string };
  tasks: Array<Omit<RecordedProcess['tasks'][number], 'outcome'> & { formName: string; outcomes: string[]; outcome?: string }>;
  timeline: TimelineEntry[];
  instructions: RecordedProcess['instructions'];
}

function recordedView(p: RecordedProcess): RecordedView {
  return {
    kind: p.kind, id: p.id, ...(p.title ? { title: p.title } : {}), execution: 'RECORDED', light: p.light,
    state: {
      recorded: true, ...(p.status ? { status: p.status } : {}), ...(p.category ? { category: p.category } : {}),
      ...(p.departmentId ? { departmentId: p.departmentId } : {}), ...(p.assignedLeaderId ? { assignedLeaderId: p.assignedLeaderId } : {}),
      startedAt: p.startedAt, ...(p.closedAt ? { closedAt: p.closedAt } : {}),
    },
    tasks: p.tasks.map((t) => ({ ...t, formName: '', outcomes: t.outcome ? [t.outcome] : [] })),
    timeline: p.timeline.map((e) => ({ at: e.at, event: e.event, detail: { ...e.detail, words: e.words } })),
    instructions: p.instructions,
  };
}

/** Continued-as-new runs are the same process: only its latest run is listed. */
export function kindClause(kind: string): string {
  return `GlEntityKind = 'process' AND GlProcessKind = ${quote(kind)} AND ExecutionStatus != 'ContinuedAsNew'`;
}

/**
 * The list's visibility query: the filters, always within what the actor may see (a filter
 * narrows, never widens); undefined when they may see none. The list itself reads the record; this
 * is for operators (Temporal's UI) and the benchmark that sets the two side by side.
 */
export function listQuery(definition: ProcessDefinition, actor: Actor, filter: Omit<ProcessFilter, 'limit'>): string | undefined {
  const clauses = [kindClause(definition.kind)];
  if (filter.status) clauses.push(`GlStatus = ${quote(filter.status)}`);
  if (filter.light) clauses.push(`GlLight = ${quote(filter.light)}`);
  if (filter.category) clauses.push(`GlCategory = ${quote(filter.category)}`);
  if (filter.department) clauses.push(`GlDepartment = ${quote(filter.department)}`);
  if (filter.assignedLeader) clauses.push(`GlAssignedLeader = ${quote(filter.assignedLeader)}`);
  for (const own of definition.listFilters ?? []) {
    const value = filter.own?.[own.name];
    if (typeof value === 'string' && (own.values as readonly string[]).includes(value)) clauses.push(own.clause(value));
  }
  const scope = listScope(actor, definition);
  if (scope !== 'all') {
    const reach = [
      ...(scope.departments.length > 0 ? [`GlDepartment IN (${scope.departments.map(quote).join(', ')})`] : []),
      ...scope.people.map((p) => `GlAssignedLeader = ${quote(p)}`),
    ];
    if (reach.length === 0) return undefined;
    clauses.push(`(${reach.join(' OR ')})`);
  }
  return clauses.join(' AND ');
}

export class ProcessService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly directoryPath: string,
    private readonly record?: RecordConnection,
  ) {}

  async start(definition: ProcessDefinition, body: unknown, actor: Actor): Promise<{ id: string; existing: boolean }> {
    const mayAtAll = mayStartKind(actor, definition);
    if (mayAtAll !== true) throw new HttpError(403, mayAtAll);
    const directory = loadDirectory(this.directoryPath);
    const checked = validateStart(definition, body, directory);
    if (!checked.ok) throw new HttpError(400, `invalid ${definition.kind}`, checked.issues);
    const allowed = mayStart(actor, definition, checked.value, directory);
    if (allowed !== true) throw new HttpError(403, allowed);
    try {
      return await orHttpError(startProcess(definition, this.client, this.taskQueue, checked.value));
    } catch (err) {
      if (err instanceof StartConflict) throw new HttpError(409, err.message);
      throw err;
    }
  }

  /**
   * The state of a process of this kind the actor may read; 404 when the id names none (or
   * another kind's) and, alike, when it names one the actor may not read.
   */
  private async stateOf(definition: ProcessDefinition, id: string, actor: Actor) {
    const { handle, execution } = await resolve(this.client, id, processOf(definition.kind));
    const state = await orHttpError(handle.query<unknown>('state'));
    if (mayRead(actor, definition, state) !== true && mayRead(actor, definition, state, await this.holdsCopy(actor, id)) !== true) {
      throw notFound(processOf(definition.kind), id);
    }
    return { execution, state };
  }

  /** Whether the actor holds a copy (抄送) of one of the process's tasks. */
  private async holdsCopy(actor: Actor, processId: string): Promise<boolean> {
    const query = `GlEntityKind = 'copy' AND GlAssignee = ${quote(actor.personId)} AND GlProcessId = ${quote(processId)}`;
    return Number((await orHttpError(this.client.workflow.count(query))).count) > 0;
  }

  async get(definition: ProcessDefinition, id: string, actor: Actor): Promise<ProcessView | RecordedView> {
    let found;
    try {
      found = await this.stateOf(definition, id, actor);
    } catch (err) {
      // Temporal forgets a closed process after its retention; the record keeps it for years.
      const recorded = err instanceof HttpError && err.statusCode === 404 && this.record ? await recordedProcess(this.record.db, definition.kind, id) : undefined;
      if (!recorded) throw err;
      const copied = async () => this.record !== undefined && await copyHeld(this.record.db, actor.personId, { processId: id }) !== undefined;
      if (mayReadScope(actor, definition, recorded.scope) !== true && !await copied()) throw notFound(processOf(definition.kind), id);
      return recordedView(recorded);
    }
    const { execution, state } = found;
    const taskIds = definition.tasksOf?.(state) ?? [];
    // Finished tasks answer queries while the server retains them; one it no longer has is left out.
    const tasks = (await Promise.all(taskIds.map((taskId) =>
      this.client.workflow.getHandle(taskId).query<TaskState>('state').catch(() => undefined))))
      .filter((t): t is TaskState => t !== undefined);
    const own = (state as { timeline?: TimelineEntry[]; light?: Light });
    const instructions = await instructionsOf(this.client, id);
    const open = [
      ...tasks.filter((t) => t.status === 'open' || t.status === 'claimed'),
      ...instructions.filter((i) => i.status !== 'accepted'),
    ];
    const light = own.light ? open.reduce<Light>((worst, t) => worseLight(worst, t.light), own.light) : undefined;
    // Each entry names its task, and an escalation whom it reached: a timeline says which item and to whom.
    const taskTimeline: TimelineEntry[] = tasks.flatMap((t) => t.history.map((h) => {
      const reached = h.type === 'escalated' ? t.escalations?.find((e) => e.step === h.detail?.step)?.recipients : undefined;
      return {
        at: h.at, event: `task.${h.type}`,
        detail: { taskId: t.taskId, taskTitle: t.title, actorId: h.actorId, ...(h.agentId ? { agentId: h.agentId } : {}), ...h.detail, ...(reached && reached.length > 0 ? { recipients: reached } : {}) },
      };
    }));
    return {
      kind: definition.kind,
      id,
      title: typeof execution.memo?.title === 'string' ? execution.memo.title : undefined,
      execution: execution.status.name,
      light,
      state,
      tasks: tasks.map((t) => ({
        taskId: t.taskId, title: t.title, status: t.status, light: t.light, dueAt: t.dueAt, provisional: t.provisional,
        departmentId: t.departmentId, assigneeId: t.assigneeId, formName: t.form, outcomes: t.outcomes,
      })),
      timeline: [...(Array.isArray(own.timeline) ? own.timeline : []), ...taskTimeline, ...instructionTimeline(instructions)]
        .sort((a, b) => a.at.localeCompare(b.at)),
      instructions: instructions.map(({ history: _history, ...brief }) => brief),
    };
  }

  /** The kind's processes the actor may see: from the record, with the exact total and the next page's cursor. */
  async listPage(definition: ProcessDefinition, actor: Actor, filter: ProcessFilter): Promise<{ processes: ProcessSummary[]; total: number; next?: string }> {
    if (!this.record) throw new HttpError(503, "a kind's list is read from the record: this API was started without one (GREENLIGHT_DATABASE_URL)");
    const facts: string[] = [];
    for (const own of definition.listFilters ?? []) {
      const value = filter.own?.[own.name];
      if (typeof value !== 'string' || !(own.values as readonly string[]).includes(value)) continue;
      if (!own.fact) throw new HttpError(400, `${own.name}: this filter is not kept in the record`);
      facts.push(own.fact(value));
    }
    const { own: _own, ...common } = filter;
    return listProcesses(this.record.db, definition.kind, listScope(actor, definition), { ...common, light: common.light as Light | undefined, facts });
  }

  async act(definition: ProcessDefinition, action: ActionDefinition, id: string, body: unknown, actor: Actor): Promise<unknown> {
    const { state } = await this.stateOf(definition, id, actor);
    const allowed = mayAct(actor, definition, state);
    if (allowed !== true) throw new HttpError(403, allowed);
    try {
      return await runAction(this.client, definition, action, id, body, actor, loadDirectory(this.directoryPath), { kindChecked: true });
    } catch (err) {
      if (err instanceof ActionRefused) throw new HttpError(err.status, err.message, err.status === 400 ? err.issues : undefined);
      throw toHttpError(err);
    }
  }

  async report(definition: ProcessDefinition, report: ReportDefinition, actor: Actor): Promise<unknown> {
    const allowed = mayReport(actor, report);
    if (allowed !== true) throw new HttpError(403, allowed);
    // From the record, which keeps every process for years; Temporal forgets closed ones after its retention.
    const record = this.record;
    if (!record) throw new HttpError(503, 'reports are counted from the record: this API was started without one (GREENLIGHT_DATABASE_URL)');
    return report.run({ count: (filter) => countProcesses(record.db, definition.kind, filter) });
  }
}

/**
 * The supervision instructions (督办) issued on a process: each its own workflow, found by its
 * GlProcessId, with its authoritative state. One whose state the server no longer has is left out.
 */
async function instructionsOf(client: Client, processId: string): Promise<InstructionState[]> {
  const ids: string[] = [];
  for await (const info of client.workflow.list({ query: instructionsOfQuery(processId), pageSize: 100 })) {
    ids.push(info.workflowId);
    if (ids.length >= 100) break;
  }
  const states = await Promise.all(ids.map((i) => client.workflow.getHandle(i).query<InstructionState>('state').catch(() => undefined)));
  return states.filter((s): s is InstructionState => s !== undefined).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}

function instructionTimeline(instructions: InstructionState[]): TimelineEntry[] {
  return instructions.flatMap((i) => i.history.map((h) => ({
    at: h.at, event: `instruction.${h.type}`, detail: { instructionId: i.instructionId, actorId: h.actorId, ...h.detail },
  })));
}
