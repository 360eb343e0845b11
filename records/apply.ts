/**
 * One event applied to the record, in the caller's transaction: its row in `events` (the
 * process's timeline, and what makes applying idempotent: an event id already there changes
 * nothing), then what it says of its task, rung, acknowledgement, extension, instruction or
 * process. The recorder calls it live; `records rebuild` calls it over the whole stream.
 *
 * What each event carries is the engine's: a task's events carry the task as it stands
 * (contracts/events.ts TaskEventData), an instruction's the instruction, and every event of a
 * process the process as it stands (`data.process`, a ProcessSnapshot, which the process's
 * journal adds). So the record names no kind: a kind's facts come in its snapshot.
 */
import { sql, type Transaction } from 'kysely';
import { ProcessSnapshot, TaskEventData, type CloudEvent } from '../contracts/events';
import type { ProcessDefinition } from '../processes/definition';
import type { RecordTables } from './database';
import { timelineWords, typeParts } from './words';

type Tx = Transaction<RecordTables>;

const closedTaskStatuses = ['completed', 'cancelled'];
const closedInstructionStatuses = ['accepted'];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** Whether it was new (false: the event id was applied before, and nothing changed). */
export async function applyEvent(tx: Tx, event: CloudEvent, streamSeq: number, definitions: readonly ProcessDefinition[]): Promise<boolean> {
  const [aggregate, name] = typeParts(event.type);
  const data = event.data;
  const processId = aggregate === 'task' || aggregate === 'instruction' ? str(data.processId) : (event.subject ?? null);
  const inserted = await tx.insertInto('events').values({
    id: event.id,
    stream_seq: streamSeq,
    type: event.type,
    process_id: processId,
    task_id: aggregate === 'task' ? str(data.taskId) : aggregate === 'instruction' ? str(data.instructionId) : null,
    at: event.time,
    words: timelineWords(event, definitions),
    data: JSON.stringify(data),
  }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
  if (!inserted) return false;

  if (aggregate === 'task') await applyTaskEvent(tx, event, name);
  else if (aggregate === 'instruction') await applyInstructionEvent(tx, event, name);
  else await applyProcessEvent(tx, event);
  if (processId && aggregate !== 'instruction') await refreshShownLight(tx, processId);
  return true;
}

const lightRank = sql<number>`case light when 'red' then 2 when 'yellow' then 1 else 0 end`;

/** A process's shown light: the worse of its own and its open tasks' (what its list and the board show). */
async function refreshShownLight(tx: Tx, processId: string): Promise<void> {
  const worstTask = tx.selectFrom('tasks').select((eb) => eb.fn.max(lightRank).as('rank'))
    .where('process_id', '=', processId).where('closed_at', 'is', null);
  await tx.updateTable('processes')
    .set({
      shown_light: sql<string>`case greatest(${lightRank}, coalesce((${worstTask}), 0)) when 2 then 'red' when 1 then 'yellow' else 'green' end`,
    })
    .where('id', '=', processId)
    .execute();
}

async function applyTaskEvent(tx: Tx, event: CloudEvent, name: string): Promise<void> {
  // A copy's reading (已阅) comes from the copy's own workflow: it names the task, not the task as it stands.
  if (name === 'copy-read') return applyCopyRead(tx, event);
  const parsed = TaskEventData.safeParse(event.data);
  if (!parsed.success) return;
  const t = parsed.data;
  const closed = closedTaskStatuses.includes(t.status);
  const outcome = name === 'completed' ? str(t.detail?.outcome) : null;
  const row = {
    process_id: t.processId,
    process_kind: t.processKind,
    task_key: t.taskKey,
    title: t.title,
    status: t.status,
    light: t.light,
    due_at: t.dueAt ?? null,
    provisional: t.provisional,
    department_id: t.departmentId ?? null,
    assignee_id: t.assigneeId ?? null,
    updated_at: event.time,
    ...(t.candidateRoles ? { candidate_roles: t.candidateRoles } : {}),
  };
  await tx.insertInto('tasks')
    .values({
      id: t.taskId, ...row, created_at: event.time, closed_at: closed ? event.time : null,
      outcome, completed_by: name === 'completed' ? t.actorId ?? null : null,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({
      ...row,
      closed_at: closed ? sql`coalesce(tasks.closed_at, ${event.time}::timestamptz)` : null,
      ...(name === 'completed' ? { outcome, completed_by: t.actorId ?? null } : {}),
    }))
    .execute();

  if (name === 'copied') {
    const people = Array.isArray(t.detail?.personIds) ? t.detail.personIds.filter((p): p is string => typeof p === 'string') : [];
    for (const personId of people) {
      const copy = { process_id: t.processId, process_kind: t.processKind, title: t.title, copied_by: t.actorId ?? null, copied_at: event.time };
      // Read before its copying was applied (the two come from two workflows): the copying completes the row, the reading stays.
      await tx.insertInto('copies').values({ task_id: t.taskId, person_id: personId, ...copy })
        .onConflict((oc) => oc.columns(['task_id', 'person_id']).doUpdateSet(copy)).execute();
    }
  } else if ((name === 'escalated' || name === 'reminded') && t.step !== undefined) {
    await tx.insertInto('rungs').values({
      event_id: event.id, task_id: t.taskId, step: t.step, kind: name === 'escalated' ? 'escalation' : 'reminder',
      label: str(t.detail?.label), at: event.time, reached: t.recipients,
    }).onConflict((oc) => oc.column('event_id').doNothing()).execute();
  } else if (name === 'acknowledged' && t.step !== undefined && t.actorId) {
    await tx.insertInto('acknowledgements').values({ task_id: t.taskId, step: t.step, person_id: t.actorId, at: event.time })
      .onConflict((oc) => oc.columns(['task_id', 'step', 'person_id']).doNothing()).execute();
  } else if (name === 'extension-requested') {
    await tx.insertInto('extensions').values({
      event_id: event.id, task_id: t.taskId, working_days: int(t.detail?.workingDays), requested_by: t.actorId ?? null, requested_at: event.time,
    }).onConflict((oc) => oc.column('event_id').doNothing()).execute();
  } else if (name === 'extension-approved' || name === 'extension-refused') {
    const pending = await tx.selectFrom('extensions').select('event_id').where('task_id', '=', t.taskId).where('decision', 'is', null)
      .orderBy('requested_at', 'desc').limit(1).executeTakeFirst();
    if (pending) {
      await tx.updateTable('extensions').set({
        decision: name === 'extension-approved' ? 'approved' : 'refused', decided_by: t.actorId ?? null, decided_at: event.time,
      }).where('event_id', '=', pending.event_id).execute();
    }
  }
}

async function applyCopyRead(tx: Tx, event: CloudEvent): Promise<void> {
  const d = event.data;
  const taskId = str(d.taskId);
  const personId = str(d.actorId);
  const processId = str(d.processId);
  if (!taskId || !personId || !processId) return;
  await tx.insertInto('copies').values({
    task_id: taskId, person_id: personId, process_id: processId, process_kind: str(d.processKind) ?? '', title: str(d.title),
    copied_at: event.time, read_at: event.time,
  }).onConflict((oc) => oc.columns(['task_id', 'person_id']).doUpdateSet({ read_at: sql`coalesce(copies.read_at, ${event.time}::timestamptz)` })).execute();
}

async function applyInstructionEvent(tx: Tx, event: CloudEvent, name: string): Promise<void> {
  const d = event.data;
  const id = str(d.instructionId);
  const processId = str(d.processId);
  const status = str(d.status);
  if (!id || !processId || !status) return;
  const round = int(d.round) ?? 0;
  const closed = closedInstructionStatuses.includes(status);
  const row = {
    process_id: processId,
    process_kind: str(d.processKind) ?? '',
    text: str(d.text),
    status,
    light: str(d.light) ?? 'green',
    department_id: str(d.departmentId),
    issued_by: str(d.issuedBy),
    responder_id: str(d.responderId),
    due_at: str(d.dueAt),
    round,
  };
  await tx.insertInto('instructions').values({ id, ...row, issued_at: event.time, closed_at: closed ? event.time : null })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, closed_at: closed ? event.time : null }))
    .execute();
  if (name === 'answered') {
    await tx.insertInto('instruction_rounds').values({ instruction_id: id, round, answered_by: str(d.actorId), answered_at: event.time })
      .onConflict((oc) => oc.columns(['instruction_id', 'round']).doUpdateSet({ answered_by: str(d.actorId), answered_at: event.time }))
      .execute();
  } else if (name === 'accepted' || name === 'returned') {
    await tx.insertInto('instruction_rounds').values({ instruction_id: id, round, decision: name, decided_at: event.time })
      .onConflict((oc) => oc.columns(['instruction_id', 'round']).doUpdateSet({ decision: name, decided_at: event.time }))
      .execute();
  }
}

async function applyProcessEvent(tx: Tx, event: CloudEvent): Promise<void> {
  const parsed = ProcessSnapshot.safeParse(event.data.process);
  if (!parsed.success || !event.subject) return;
  const p = parsed.data;
  const row = {
    kind: p.kind,
    title: p.title,
    status: p.status,
    light: p.light,
    category: p.category ?? null,
    department_id: p.departmentId ?? null,
    assigned_leader_id: p.assignedLeaderId ?? null,
    departments: [...new Set(p.departments)],
    people: [...new Set(p.people)],
    facts: JSON.stringify(p.facts ?? []),
    open: !p.closed,
    updated_at: event.time,
  };
  await tx.insertInto('processes').values({ id: event.subject, ...row, started_at: event.time, closed_at: p.closed ? event.time : null })
    .onConflict((oc) => oc.column('id').doUpdateSet({
      ...row,
      closed_at: p.closed ? sql`coalesce(processes.closed_at, ${event.time}::timestamptz)` : null,
    }))
    .execute();
}
