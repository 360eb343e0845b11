/**
 * What people read, from the record: a person's inbox, a kind's figures for its reports. The API
 * calls these (and through it the CLI and the workbench); counts are exact, pages follow a cursor
 * with no cap, sorting and every filter are SQL, and the scope is the one authorisation table's
 * (contracts/access.ts), turned into a WHERE clause here.
 *
 *   const page = await inbox(record.db, actor, { light: 'red', limit: 100 });
 *   const next = await inbox(record.db, actor, { light: 'red', limit: 100, cursor: page.next });
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Actor } from '../contracts/directory';
import type { Light } from '../contracts/ladder';
import type { ProcessCount } from '../contracts/process-queries';
import type { RecordDb, RecordTables } from './database';
import { typeParts } from './words';

/** A task as inboxes and lists show it. */
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
  /** An extension awaits the decision of the task's department head (延期待审批). */
  extensionPending?: boolean;
}

/** A task in a person's inbox. */
export interface InboxTask extends TaskSummary {
  /** Assigned to the caller (claimed by them, or given to them). */
  assignedToMe: boolean;
  /** Offered to a department, held by nobody yet: anyone of it in the right role may claim it. */
  offered: boolean;
  /** Reaches the caller as the agent (代理) of this person, not as their own. */
  forPersonId?: string;
}

export interface LightCounts { total: number; red: number; yellow: number; green: number }

export interface InboxPage {
  tasks: InboxTask[];
  counts: LightCounts;
  /** The cursor of the next page; absent on the last. */
  next?: string;
}

export interface InboxQuery {
  light?: Light;
  processKind?: string;
  limit: number;
  cursor?: string;
}

export class InvalidCursor extends Error {}

/** A page's end, as the next request names it: the last row's sort key. Opaque to callers. */
interface DueCursor { due: string | null; id: string }

const encodeCursor = (c: DueCursor) => Buffer.from(JSON.stringify([c.due, c.id])).toString('base64url');

function decodeCursor(cursor: string): DueCursor {
  try {
    const [due, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if ((due === null || (typeof due === 'string' && !Number.isNaN(Date.parse(due)))) && typeof id === 'string') return { due, id };
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursor('cursor: not one this API gave (ask for the first page again)');
}

type TaskExpressions = ExpressionBuilder<RecordTables, 'tasks'>;

/** Assigned to the actor, or offered to one of their departments in a role they hold (as the human task decides who may claim). */
const mine = (actor: Actor) => (eb: TaskExpressions) => {
  const offered = actor.departments.length > 0 && actor.roles.length > 0
    ? [eb.and([eb('department_id', 'in', actor.departments), sql<boolean>`${eb.ref('candidate_roles')} && ${sql.val(actor.roles)}::text[]`])]
    : [];
  return eb.or([eb('assignee_id', '=', actor.personId), ...offered]);
};

/** Whether a task row reaches this person: assigned to them, or offered to their department in a role they hold (as `mine`). */
const reaches = (t: { assignee_id: string | null; department_id: string | null; candidate_roles: string[] | null }, a: Actor): boolean =>
  t.assignee_id === a.personId
  || (t.department_id !== null && a.departments.includes(t.department_id) && (t.candidate_roles ?? []).some((r) => (a.roles as string[]).includes(r)));

/** A task that reaches the actor only as someone's agent (代理): whose it is. */
function forWhom(t: Parameters<typeof reaches>[0], actor: Actor, standingInFor: readonly Actor[]): { forPersonId?: string } {
  const principal = standingInFor.find((p) => t.assignee_id === p.personId) ?? (reaches(t, actor) ? undefined : standingInFor.find((p) => reaches(t, p)));
  return principal ? { forPersonId: principal.personId } : {};
}

/** The actor's open tasks, soonest deadline first (none last), with exact counts per light of all that match. */
export async function inbox(db: RecordDb, actor: Actor, query: InboxQuery, standingInFor: readonly Actor[] = []): Promise<InboxPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const matching = db.selectFrom('tasks')
    .where('closed_at', 'is', null)
    .where('status', 'in', ['open', 'claimed'])
    .where((eb) => eb.or([actor, ...standingInFor].map((a) => mine(a)(eb))))
    .$if(query.light !== undefined, (q) => q.where('light', '=', query.light as string))
    .$if(query.processKind !== undefined, (q) => q.where('process_kind', '=', query.processKind as string));
  const page = matching.selectAll()
    .$if(after !== undefined, (q) => q.where((eb) => {
      const { due, id } = after as DueCursor;
      if (due === null) return eb.and([eb('due_at', 'is', null), eb('id', '>', id)]);
      return eb.or([eb('due_at', '>', new Date(due)), eb.and([eb('due_at', '=', new Date(due)), eb('id', '>', id)]), eb('due_at', 'is', null)]);
    }))
    .orderBy(sql`due_at asc nulls last`).orderBy('id', 'asc')
    .limit(query.limit + 1);
  const [rows, lights] = await Promise.all([
    page.execute(),
    matching.select(['light', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('light').execute(),
  ]);
  const counts: LightCounts = { total: 0, red: 0, yellow: 0, green: 0 };
  for (const { light, n } of lights) {
    counts.total += Number(n);
    if (light === 'red' || light === 'yellow' || light === 'green') counts[light] += Number(n);
  }
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  // An extension asked and not yet decided marks the task for its department head (延期待审批).
  const pending = new Set(shown.length === 0 ? [] : (await db.selectFrom('extensions').select('task_id')
    .where('task_id', 'in', shown.map((t) => t.id)).where('decision', 'is', null).execute()).map((e) => e.task_id));
  return {
    tasks: shown.map((t) => ({
      taskId: t.id,
      title: t.title,
      processKind: t.process_kind,
      processId: t.process_id,
      status: t.status,
      light: t.light as Light,
      ...(t.assignee_id ? { assigneeId: t.assignee_id } : {}),
      ...(t.due_at ? { dueAt: t.due_at.toISOString() } : {}),
      provisional: t.provisional,
      ...(pending.has(t.id) ? { extensionPending: true } : {}),
      assignedToMe: t.assignee_id === actor.personId,
      offered: t.assignee_id === null,
      ...forWhom(t, actor, standingInFor),
    })),
    counts,
    ...(rows.length > query.limit && last ? { next: encodeCursor({ due: last.due_at ? last.due_at.toISOString() : null, id: last.id }) } : {}),
  };
}

/** An open task a person holds, as a handover (离职交接) lists it. */
export interface HeldTask {
  taskId: string;
  title: string;
  processKind: string;
  processId: string;
  status: string;
  departmentId?: string;
  dueAt?: string;
}

/** The open tasks assigned to the person (claimed by them, or given to them), soonest deadline first: every one, no page. */
export async function openTasksHeldBy(db: RecordDb, personId: string): Promise<HeldTask[]> {
  const rows = await db.selectFrom('tasks')
    .select(['id', 'title', 'process_kind', 'process_id', 'status', 'department_id', 'due_at'])
    .where('closed_at', 'is', null)
    .where('status', 'in', ['open', 'claimed'])
    .where('assignee_id', '=', personId)
    .orderBy(sql`due_at asc nulls last`).orderBy('id', 'asc')
    .execute();
  return rows.map((t) => ({
    taskId: t.id, title: t.title, processKind: t.process_kind, processId: t.process_id, status: t.status,
    ...(t.department_id ? { departmentId: t.department_id } : {}), ...(t.due_at ? { dueAt: t.due_at.toISOString() } : {}),
  }));
}

/** How many processes of the kind match: the figures a kind's report is made of (contracts/process-queries.ts). */
export async function countProcesses(db: RecordDb, kind: string, filter: ProcessCount = {}): Promise<number> {
  const row = await db.selectFrom('processes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', kind)
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
    .$if(filter.category !== undefined, (q) => q.where('category', '=', filter.category as string))
    .$if(filter.fact !== undefined, (q) => q.where(sql<boolean>`facts @> ${JSON.stringify([filter.fact])}::jsonb`))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Waits until the record has applied a task's event at or after `at` (the instant of an action on
 * it), for at most `timeoutMs`; answers whether it had. An action's answer waits on it so that the
 * page that follows shows the action (docs/architecture.md, "Read your own writes").
 */
export async function waitForTask(db: RecordDb, taskId: string, at: string, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 100)) {
    const row = await db.selectFrom('tasks').select('updated_at').where('id', '=', taskId).executeTakeFirst().catch(() => undefined);
    if (row && row.updated_at.getTime() >= Date.parse(at)) return true;
    if (Date.now() + pause > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

export interface Escalation {
  taskId: string;
  title?: string;
  processKind: string;
  processId: string;
  light: Light;
  status: string;
  dueAt?: string;
  departmentId?: string;
  assigneeId?: string;
  /** The rungs that reached the person, oldest first. */
  escalations: Array<{ step: number; at: string; label?: string; acknowledged: boolean; acknowledgedAt?: string }>;
  /** Whether they have acknowledged the latest of them. */
  acknowledged: boolean;
}

/**
 * 我的预警: the open tasks whose escalations reached the person, each with the rungs that did and
 * whether they acknowledged each; the latest escalation first. One query for the rungs, one for
 * their tasks — never a query per task.
 */
export async function escalationsOf(db: RecordDb, personId: string, filter: { acknowledged?: boolean } = {}): Promise<Escalation[]> {
  const rungs = await db.selectFrom('rungs')
    .innerJoin('tasks', 'tasks.id', 'rungs.task_id')
    .leftJoin('acknowledgements', (join) => join
      .onRef('acknowledgements.task_id', '=', 'rungs.task_id')
      .onRef('acknowledgements.step', '=', 'rungs.step')
      .on('acknowledgements.person_id', '=', personId))
    .select([
      'rungs.task_id', 'rungs.step', 'rungs.at', 'rungs.label', 'acknowledgements.at as acknowledged_at',
      'tasks.title', 'tasks.process_kind', 'tasks.process_id', 'tasks.light', 'tasks.status', 'tasks.due_at', 'tasks.department_id', 'tasks.assignee_id',
    ])
    .where('rungs.kind', '=', 'escalation')
    .where(sql<boolean>`${sql.ref('rungs.reached')} @> ${sql.val([personId])}::text[]`)
    .where('tasks.closed_at', 'is', null)
    .where('tasks.status', 'in', ['open', 'claimed'])
    .orderBy('rungs.task_id').orderBy('rungs.at').orderBy('rungs.step')
    .execute();
  const byTask = new Map<string, Escalation>();
  for (const r of rungs) {
    const entry = byTask.get(r.task_id) ?? {
      taskId: r.task_id, title: r.title, processKind: r.process_kind, processId: r.process_id, light: r.light as Light, status: r.status,
      ...(r.due_at ? { dueAt: r.due_at.toISOString() } : {}),
      ...(r.department_id ? { departmentId: r.department_id } : {}),
      ...(r.assignee_id ? { assigneeId: r.assignee_id } : {}),
      escalations: [], acknowledged: false,
    };
    const acknowledgedAt = r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : undefined;
    entry.escalations.push({
      step: r.step, at: new Date(r.at).toISOString(), ...(r.label ? { label: r.label } : {}),
      acknowledged: acknowledgedAt !== undefined, ...(acknowledgedAt ? { acknowledgedAt } : {}),
    });
    entry.acknowledged = acknowledgedAt !== undefined;
    byTask.set(r.task_id, entry);
  }
  const latest = (e: Escalation) => e.escalations[e.escalations.length - 1].at;
  return [...byTask.values()]
    .filter((e) => filter.acknowledged === undefined || e.acknowledged === filter.acknowledged)
    .sort((a, b) => latest(b).localeCompare(latest(a)));
}

/** An instruction (督办) as lists show it. */
export interface IssuedInstruction {
  instructionId: string;
  text?: string;
  /** The title of the process it is about, as it was when the instruction was issued. */
  processTitle?: string;
  processKind?: string;
  processId?: string;
  status?: string;
  light?: Light;
  departmentId?: string;
  issuedBy?: string;
  responderId?: string;
  dueAt?: string;
  issuedAt: string;
  closedAt?: string;
}

/** 我下达的督办: the instructions the person issued, the latest first, open and closed. */
export async function instructionsIssuedBy(db: RecordDb, personId: string, filter: { status?: string } = {}): Promise<IssuedInstruction[]> {
  const rows = await db.selectFrom('instructions').selectAll()
    .where('issued_by', '=', personId)
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
    .orderBy('issued_at', 'desc').orderBy('id')
    .execute();
  return rows.map((r) => ({
    instructionId: r.id, ...(r.text ? { text: r.text } : {}), processKind: r.process_kind, processId: r.process_id, status: r.status, light: r.light as Light,
    ...(r.department_id ? { departmentId: r.department_id } : {}),
    ...(r.issued_by ? { issuedBy: r.issued_by } : {}),
    ...(r.responder_id ? { responderId: r.responder_id } : {}),
    ...(r.due_at ? { dueAt: r.due_at.toISOString() } : {}),
    issuedAt: r.issued_at.toISOString(),
    ...(r.closed_at ? { closedAt: r.closed_at.toISOString() } : {}),
  }));
}

export interface ProcessListQuery {
  status?: string;
  light?: Light;
  category?: string;
  department?: string;
  assignedLeader?: string;
  /** Facts every listed process declares (a kind's own filters, as its definition maps them). */
  facts?: string[];
  order?: 'latest' | 'light';
  limit: number;
  cursor?: string;
}

export interface ListedProcess {
  id: string;
  title?: string;
  status?: string;
  light?: string;
  category?: string;
  departmentId?: string;
  assignedLeaderId?: string;
  startedAt: string;
  closedAt?: string;
}

/** Whom a list may show: everything, or the processes whose departments or named people are the actor's (contracts/access.ts listReach). */
export type ListScope = 'all' | { departments: readonly string[]; people: readonly string[] };

const offsetCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');
function offsetOf(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursor('cursor: not one this API gave (ask for the first page again)');
}

/**
 * A kind's processes, open and closed, within the actor's scope: each with the worse of its own
 * light and its open tasks', filtered and sorted in SQL (the latest first, or red first then by
 * title), with the exact total and the next page's cursor.
 */
export async function listProcesses(db: RecordDb, kind: string, scope: ListScope, q: ProcessListQuery): Promise<{ processes: ListedProcess[]; total: number; next?: string }> {
  if (scope !== 'all' && scope.departments.length === 0 && scope.people.length === 0) return { processes: [], total: 0 };
  const light = sql<string>`processes.shown_light`;
  const filtered = db.selectFrom('processes')
    .where('kind', '=', kind)
    .$if(scope !== 'all', (qb) => qb.where((eb) => {
      const s = scope as Exclude<ListScope, 'all'>;
      return eb.or([
        ...(s.departments.length > 0 ? [sql<boolean>`departments && ${sql.val([...s.departments])}::text[]`, eb('department_id', 'in', [...s.departments])] : []),
        ...(s.people.length > 0 ? [sql<boolean>`people && ${sql.val([...s.people])}::text[]`, eb('assigned_leader_id', 'in', [...s.people])] : []),
      ]);
    }))
    .$if(q.status !== undefined, (qb) => qb.where('status', '=', q.status as string))
    .$if(q.category !== undefined, (qb) => qb.where('category', '=', q.category as string))
    .$if(q.department !== undefined, (qb) => qb.where('department_id', '=', q.department as string))
    .$if(q.assignedLeader !== undefined, (qb) => qb.where('assigned_leader_id', '=', q.assignedLeader as string))
    .$if((q.facts ?? []).length > 0, (qb) => qb.where(sql<boolean>`facts @> ${JSON.stringify(q.facts)}::jsonb`))
    .$if(q.light !== undefined, (qb) => qb.where(sql<boolean>`${light} = ${q.light as string}`));
  const offset = q.cursor ? offsetOf(q.cursor) : 0;
  const page = filtered.selectAll().select(light.as('shown_light'))
    .$if(q.order === 'light', (qb) => qb.orderBy(sql`case ${light} when 'red' then 0 when 'yellow' then 1 else 2 end`).orderBy(sql`coalesce(title, id)`))
    .$if(q.order !== 'light', (qb) => qb.orderBy('started_at', 'desc'))
    .orderBy('id')
    .offset(offset).limit(q.limit);
  const [rows, total] = await Promise.all([
    page.execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const count = Number(total.n);
  return {
    processes: rows.map((r) => ({
      id: r.id,
      ...(r.title ? { title: r.title } : {}),
      ...(r.status ? { status: r.status } : {}),
      light: r.shown_light,
      ...(r.category ? { category: r.category } : {}),
      ...(r.department_id ? { departmentId: r.department_id } : {}),
      ...(r.assigned_leader_id ? { assignedLeaderId: r.assigned_leader_id } : {}),
      startedAt: r.started_at.toISOString(),
      ...(r.closed_at ? { closedAt: r.closed_at.toISOString() } : {}),
    })),
    total: count,
    ...(offset + rows.length < count ? { next: offsetCursor(offset + rows.length) } : {}),
  };
}

/** What the record keeps of one process: its row, its tasks, its timeline in words, its instructions. */
export interface RecordedProcess {
  kind: string;
  id: string;
  title?: string;
  status?: string;
  light: Light;
  open: boolean;
  category?: string;
  departmentId?: string;
  assignedLeaderId?: string;
  /** Whom it concerns: what a read is authorised against. */
  scope: { departments: string[]; people: string[] };
  startedAt: string;
  closedAt?: string;
  tasks: Array<{ taskId: string; title: string; status: string; light: Light; dueAt?: string; provisional: boolean; departmentId?: string; assigneeId?: string; outcome?: string }>;
  timeline: Array<{ at: string; event: string; words: string; detail: Record<string, unknown> }>;
  instructions: IssuedInstruction[];
}

/** A process as the record keeps it, or undefined when the record has none of that kind by that id. */
export async function recordedProcess(db: RecordDb, kind: string, id: string): Promise<RecordedProcess | undefined> {
  const p = await db.selectFrom('processes').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
  if (!p) return undefined;
  const [tasks, events, instructions] = await Promise.all([
    db.selectFrom('tasks').selectAll().where('process_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('events').select(['at', 'type', 'words', 'data']).where('process_id', '=', id).orderBy('stream_seq').execute(),
    db.selectFrom('instructions').selectAll().where('process_id', '=', id).orderBy('issued_at').execute(),
  ]);
  return {
    kind: p.kind, id: p.id, ...(p.title ? { title: p.title } : {}), ...(p.status ? { status: p.status } : {}), light: p.light as Light, open: p.open,
    ...(p.category ? { category: p.category } : {}), ...(p.department_id ? { departmentId: p.department_id } : {}),
    ...(p.assigned_leader_id ? { assignedLeaderId: p.assigned_leader_id } : {}),
    scope: { departments: p.departments, people: p.people },
    startedAt: p.started_at.toISOString(), ...(p.closed_at ? { closedAt: p.closed_at.toISOString() } : {}),
    tasks: tasks.map((t) => ({
      taskId: t.id, title: t.title, status: t.status, light: t.light as Light, ...(t.due_at ? { dueAt: t.due_at.toISOString() } : {}), provisional: t.provisional,
      ...(t.department_id ? { departmentId: t.department_id } : {}), ...(t.assignee_id ? { assigneeId: t.assignee_id } : {}), ...(t.outcome ? { outcome: t.outcome } : {}),
    })),
    timeline: events.map((e) => {
      const [, aggregate = '', name = ''] = e.type.split('.');
      const data = e.data as Record<string, unknown>;
      const detail = (data.detail as Record<string, unknown> | undefined) ?? {};
      return {
        at: new Date(e.at).toISOString(),
        event: aggregate === 'task' || aggregate === 'instruction' ? `${aggregate}.${name}` : name,
        words: e.words,
        detail: aggregate === 'task' ? { taskId: data.taskId, actorId: data.actorId, ...detail } : aggregate === 'instruction' ? { instructionId: data.instructionId, actorId: data.actorId } : {},
      };
    }),
    instructions: instructions.map((r) => ({
      instructionId: r.id, ...(r.text ? { text: r.text } : {}), processKind: r.process_kind, processId: r.process_id, status: r.status, light: r.light as Light,
      ...(r.department_id ? { departmentId: r.department_id } : {}), ...(r.issued_by ? { issuedBy: r.issued_by } : {}),
      ...(r.responder_id ? { responderId: r.responder_id } : {}), ...(r.due_at ? { dueAt: r.due_at.toISOString() } : {}),
      issuedAt: r.issued_at.toISOString(), ...(r.closed_at ? { closedAt: r.closed_at.toISOString() } : {}),
    })),
  };
}

export interface RunningProcess {
  kind: string;
  id: string;
  title?: string;
  status?: string;
  light: Light;
  category?: string;
  departmentId?: string;
  assignedLeaderId?: string;
}

type BoardScope = 'all' | { departments: readonly string[]; people: readonly string[] };

/** The running processes of the given kinds a board covers: found by department or assigned leader, as the board scope (api/policy.ts boardScope) names them. */
function onBoard(db: RecordDb, kinds: readonly string[], scope: BoardScope) {
  return db.selectFrom('processes')
    .where('kind', 'in', [...kinds])
    .where('open', '=', true)
    .$if(scope !== 'all', (qb) => qb.where((eb) => {
      const s = scope as Exclude<BoardScope, 'all'>;
      return eb.or([
        ...(s.departments.length > 0 ? [eb('department_id', 'in', [...s.departments])] : []),
        ...(s.people.length > 0 ? [eb('assigned_leader_id', 'in', [...s.people])] : []),
      ]);
    }));
}

const noBoard = (kinds: readonly string[], scope: BoardScope) => kinds.length === 0 || (scope !== 'all' && scope.departments.length === 0 && scope.people.length === 0);

/** What a board counts: every running process it covers, grouped by kind, category, department and light (the worse of its own and its open tasks'), counted in SQL. */
export async function boardGroups(db: RecordDb, kinds: readonly string[], scope: BoardScope): Promise<Array<{ kind: string; category?: string; departmentId?: string; light: Light; n: number }>> {
  if (noBoard(kinds, scope)) return [];
  const rows = await onBoard(db, kinds, scope)
    .select(['kind', 'category', 'department_id', 'shown_light', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['kind', 'category', 'department_id', 'shown_light'])
    .execute();
  return rows.map((r) => ({
    kind: r.kind, ...(r.category ? { category: r.category } : {}), ...(r.department_id ? { departmentId: r.department_id } : {}), light: r.shown_light as Light, n: Number(r.n),
  }));
}

const boardRank = sql<number>`case processes.shown_light when 'red' then 0 else 1 end`;
const boardTitle = sql<string>`coalesce(processes.title, processes.id) collate "C"`;

/**
 * A page of a board's red then yellow running processes (by kind, then title), `limit` at a time,
 * with the next page's cursor: every one is reached by paging, none cut.
 */
export async function boardItems(db: RecordDb, kinds: readonly string[], scope: BoardScope, page: { limit: number; cursor?: string }): Promise<{ items: RunningProcess[]; next?: string }> {
  if (noBoard(kinds, scope)) return { items: [] };
  let after: [number, string, string, string] | undefined;
  if (page.cursor) {
    try {
      const parsed = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as unknown[];
      if (parsed.length === 4 && typeof parsed[0] === 'number' && parsed.slice(1).every((v) => typeof v === 'string')) after = parsed as [number, string, string, string];
    } catch {
      // refused below
    }
    if (!after) throw new InvalidCursor('cursor: not one this API gave (ask for the first page again)');
  }
  const rows = await onBoard(db, kinds, scope)
    .where('shown_light', 'in', ['red', 'yellow'])
    .$if(after !== undefined, (qb) => {
      const [rank, kind, title, id] = after as [number, string, string, string];
      return qb.where(sql<boolean>`(${boardRank}, processes.kind collate "C", ${boardTitle}, processes.id collate "C") > (${rank}, ${kind} collate "C", ${title} collate "C", ${id} collate "C")`);
    })
    .select(['kind', 'id', 'title', 'status', 'category', 'department_id', 'assigned_leader_id', 'shown_light', boardTitle.as('sort_title'), boardRank.as('rank')])
    .orderBy(boardRank).orderBy(sql`processes.kind collate "C"`).orderBy(boardTitle).orderBy(sql`processes.id collate "C"`)
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((r) => ({
      kind: r.kind, id: r.id, ...(r.title ? { title: r.title } : {}), ...(r.status ? { status: r.status } : {}), light: r.shown_light as Light,
      ...(r.category ? { category: r.category } : {}), ...(r.department_id ? { departmentId: r.department_id } : {}),
      ...(r.assigned_leader_id ? { assignedLeaderId: r.assigned_leader_id } : {}),
    })),
    ...(rows.length > page.limit && last ? { next: Buffer.from(JSON.stringify([Number(last.rank), last.kind, last.sort_title, last.id])).toString('base64url') } : {}),
  };
}

/** A copy (抄送) a person holds, as 抄送我的 lists it. */
export interface CopySummary {
  taskId: string;
  title?: string;
  processKind: string;
  processId: string;
  status: 'unread' | 'read';
  /** Who copied it. */
  by?: string;
  copiedAt: string;
  readAt?: string;
}

export interface CopiesPage {
  copies: CopySummary[];
  /** Every copy the filter matches, and how many of them are unread: not only the page returned. */
  counts: { total: number; unread: number };
  next?: string;
}

/** A copies page's end: unread or read, when it was copied, the task. */
const encodeCopyCursor = (read: boolean, at: string, taskId: string) => Buffer.from(JSON.stringify([read, at, taskId])).toString('base64url');
function decodeCopyCursor(cursor: string): { read: boolean; at: Date; taskId: string } {
  try {
    const [read, at, taskId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof read === 'boolean' && typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof taskId === 'string') return { read, at: new Date(at), taskId };
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursor('cursor: not one this API gave (ask for the first page again)');
}

/** 抄送我的: the copies the person holds, unread first, the latest first, with exact counts and the next page's cursor. */
export async function copiesOf(db: RecordDb, personId: string, query: { status?: 'unread' | 'read'; limit: number; cursor?: string }): Promise<CopiesPage> {
  const after = query.cursor ? decodeCopyCursor(query.cursor) : undefined;
  const isRead = sql<boolean>`(read_at is not null)`;
  const matching = db.selectFrom('copies')
    .where('person_id', '=', personId)
    .$if(query.status === 'unread', (q) => q.where('read_at', 'is', null))
    .$if(query.status === 'read', (q) => q.where('read_at', 'is not', null));
  const page = matching.selectAll()
    .$if(after !== undefined, (q) => q.where((eb) => {
      const c = after as NonNullable<typeof after>;
      const sameGroup = eb.or([eb('copied_at', '<', c.at), eb.and([eb('copied_at', '=', c.at), eb('task_id', '>', c.taskId)])]);
      // Unread (false) sorts before read (true).
      return c.read
        ? eb.and([eb('read_at', 'is not', null), sameGroup])
        : eb.or([eb('read_at', 'is not', null), eb.and([eb('read_at', 'is', null), sameGroup])]);
    }))
    .orderBy(isRead).orderBy('copied_at', 'desc').orderBy('task_id')
    .limit(query.limit + 1);
  const [rows, counted] = await Promise.all([
    page.execute(),
    matching.select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.count<string>('task_id').filterWhere('read_at', 'is', null).as('unread')]).executeTakeFirstOrThrow(),
  ]);
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  return {
    copies: shown.map((r) => ({
      taskId: r.task_id, ...(r.title ? { title: r.title } : {}), processKind: r.process_kind, processId: r.process_id,
      status: r.read_at ? 'read' as const : 'unread' as const, ...(r.copied_by ? { by: r.copied_by } : {}),
      copiedAt: r.copied_at.toISOString(), ...(r.read_at ? { readAt: r.read_at.toISOString() } : {}),
    })),
    counts: { total: Number(counted.total), unread: Number(counted.unread) },
    ...(rows.length > query.limit && last ? { next: encodeCopyCursor(last.read_at !== null, last.copied_at.toISOString(), last.task_id) } : {}),
  };
}

/** The copy the person holds of a task, or of any task of a process (`processId`), as the record keeps it. */
export async function copyHeld(db: RecordDb, personId: string, of: { taskId: string } | { processId: string }): Promise<{ status: 'unread' | 'read' } | undefined> {
  const row = await db.selectFrom('copies').select('read_at').where('person_id', '=', personId)
    .$if('taskId' in of, (q) => q.where('task_id', '=', (of as { taskId: string }).taskId))
    .$if('processId' in of, (q) => q.where('process_id', '=', (of as { processId: string }).processId))
    .limit(1).executeTakeFirst();
  return row ? { status: row.read_at ? 'read' : 'unread' } : undefined;
}

/** Waits (bounded, as waitForTask) until the record has the person's copy of the task read. */
export async function waitForCopyRead(db: RecordDb, taskId: string, personId: string, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 100)) {
    const held = await copyHeld(db, personId, { taskId }).catch(() => undefined);
    if (held?.status === 'read') return true;
    if (Date.now() + pause > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * A task Temporal no longer holds, as the record keeps it: its last state, its answer (the outcome,
 * who and when; a form's payload stays in Temporal, and in no event), the rungs that fired with whom
 * they reached and who acknowledged them, its extensions, and its history in words.
 */
export interface RecordedTask {
  recorded: true;
  taskId: string;
  taskKey: string;
  processKind: string;
  processId: string;
  title: string;
  status: string;
  light: Light;
  departmentId?: string;
  assigneeId?: string;
  candidateRoles: string[];
  dueAt?: string;
  provisional: boolean;
  createdAt: string;
  closedAt?: string;
  /** Its answer: the outcome chosen, by whom, when. */
  completion?: { outcome: string; actorId?: string; at: string };
  rungs: Array<{ step: number; kind: 'reminder' | 'escalation'; label?: string; at: string; reached: string[]; acknowledgements: Array<{ personId: string; at: string }> }>;
  extensions: Array<{ workingDays?: number; requestedBy?: string; requestedAt: string; decision?: string; decidedBy?: string; decidedAt?: string }>;
  history: Array<{ at: string; type: string; actorId?: string; words: string }>;
  /** Whom its process concerns, as the record keeps it: what a read is authorised against (not served). */
  processScope?: { departments: string[]; people: string[] };
}

export async function recordedTask(db: RecordDb, taskId: string): Promise<RecordedTask | undefined> {
  const t = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (!t) return undefined;
  const [rungs, acks, extensions, events, process] = await Promise.all([
    db.selectFrom('rungs').selectAll().where('task_id', '=', taskId).orderBy('at').orderBy('step').execute(),
    db.selectFrom('acknowledgements').selectAll().where('task_id', '=', taskId).orderBy('at').execute(),
    db.selectFrom('extensions').selectAll().where('task_id', '=', taskId).orderBy('requested_at').execute(),
    db.selectFrom('events').select(['at', 'type', 'words', 'data']).where('task_id', '=', taskId).where('type', 'like', 'greenlight.task.%').orderBy('stream_seq').execute(),
    db.selectFrom('processes').select(['departments', 'people']).where('id', '=', t.process_id).executeTakeFirst(),
  ]);
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    recorded: true, taskId: t.id, taskKey: t.task_key, processKind: t.process_kind, processId: t.process_id, title: t.title, status: t.status,
    light: t.light as Light, ...(t.department_id ? { departmentId: t.department_id } : {}), ...(t.assignee_id ? { assigneeId: t.assignee_id } : {}),
    candidateRoles: t.candidate_roles, ...(t.due_at ? { dueAt: t.due_at.toISOString() } : {}), provisional: t.provisional,
    createdAt: t.created_at.toISOString(), ...(t.closed_at ? { closedAt: t.closed_at.toISOString() } : {}),
    ...(t.outcome && t.closed_at ? { completion: { outcome: t.outcome, ...(t.completed_by ? { actorId: t.completed_by } : {}), at: t.closed_at.toISOString() } } : {}),
    rungs: rungs.map((r) => ({
      step: r.step, kind: r.kind === 'escalation' ? 'escalation' as const : 'reminder' as const, ...(r.label ? { label: r.label } : {}), at: iso(r.at), reached: r.reached,
      acknowledgements: acks.filter((a) => a.step === r.step).map((a) => ({ personId: a.person_id, at: iso(a.at) })),
    })),
    extensions: extensions.map((e) => ({
      ...(e.working_days !== null ? { workingDays: e.working_days } : {}), ...(e.requested_by ? { requestedBy: e.requested_by } : {}), requestedAt: iso(e.requested_at),
      ...(e.decision ? { decision: e.decision } : {}), ...(e.decided_by ? { decidedBy: e.decided_by } : {}), ...(e.decided_at ? { decidedAt: iso(e.decided_at) } : {}),
    })),
    history: events.map((e) => {
      const actorId = (e.data as { actorId?: unknown }).actorId;
      return { at: iso(e.at), type: typeParts(e.type)[1], ...(typeof actorId === 'string' ? { actorId } : {}), words: e.words };
    }),
    ...(process ? { processScope: { departments: process.departments, people: process.people } } : {}),
  };
}
