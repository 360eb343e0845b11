/**
 * `greenlight records backfill`: the running processes and tasks Temporal holds that the record
 * lacks — started before the record existed, or whose events the stream no longer holds (it keeps
 * a year; a rebuild cannot bring them back) — read from Temporal and recorded.
 *
 *   const outcome = await backfillRecord(client, record);   // { processes: 3, tasks: 7, seen: 120 }
 *
 * - **What is read**: every running execution the index calls a process or a task
 *   (`GlEntityKind`), described (its search attributes, its memo's title, its start) and asked its
 *   `state`. A process's row takes its kind, status, light, category, department and assigned leader
 *   from the search attributes it keeps, and whom it concerns from its definition's
 *   `access.scope(state)` — the one rule the API authorises with. A task's row, its escalation rungs
 *   (whom each reached) and their acknowledgements come from the task's own state.
 * - **Idempotent**: a row the record has is left as it is (the recorder's, from the events, is as new
 *   or newer); running it twice records nothing the second time.
 * - **What it cannot say**: a kind's report facts are computed inside its workflow and carried by its
 *   events only; a backfilled process has none until its next event, whose snapshot carries them all.
 *   Its timeline starts at that next event too. Supervision instructions are not backfilled.
 */
import type { Client } from '@temporalio/client';
import type { Light } from '../contracts/ladder';
import { GlAssignedLeader, GlCategory, GlDepartment, GlEntityKind, GlLight, GlProcessKind, GlStatus } from '../contracts/search-attributes';
import type { TaskState } from '../contracts/task';
import { definitions as registered } from '../processes/registry';
import type { ProcessDefinition } from '../processes/definition';
import type { RecordDb } from './database';

export interface BackfillOutcome {
  /** Running executions looked at. */
  seen: number;
  /** Processes and tasks recorded now (those the record lacked). */
  processes: number;
  tasks: number;
}

const lights: readonly string[] = ['green', 'yellow', 'red'];

export async function backfillRecord(client: Client, db: RecordDb, definitions: readonly ProcessDefinition[] = registered): Promise<BackfillOutcome> {
  const outcome: BackfillOutcome = { seen: 0, processes: 0, tasks: 0 };
  const query = `ExecutionStatus = 'Running' AND GlEntityKind IN ('process', 'task')`;
  for await (const info of client.workflow.list({ query, pageSize: 200 })) {
    outcome.seen += 1;
    const id = info.workflowId;
    const entity = info.typedSearchAttributes.get(GlEntityKind);
    const table = entity === 'task' ? 'tasks' : 'processes';
    // Only what the record lacks: one cheap look before asking the workflow anything.
    if (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) continue;
    const handle = client.workflow.getHandle(id);
    const state = await handle.query<unknown>('state').catch(() => undefined);
    if (state === undefined) continue; // not answering now (no worker): the next run records it
    if (entity === 'task') {
      if (await recordTask(db, state as TaskState)) outcome.tasks += 1;
      continue;
    }
    const sa = info.typedSearchAttributes;
    const kind = sa.get(GlProcessKind);
    const definition = definitions.find((d) => d.kind === kind);
    if (!kind || !definition) continue;
    const scope = definition.access.scope(state);
    const light = sa.get(GlLight);
    const title = typeof info.memo?.title === 'string' ? info.memo.title : id;
    const inserted = await db.insertInto('processes').values({
      id, kind, title, status: sa.get(GlStatus) ?? null,
      light: light && lights.includes(light) ? light : 'green', shown_light: light && lights.includes(light) ? light : 'green',
      category: sa.get(GlCategory) ?? null, department_id: sa.get(GlDepartment) ?? null, assigned_leader_id: sa.get(GlAssignedLeader) ?? null,
      departments: [...new Set(scope.departments)], people: [...new Set(scope.people)], facts: '[]', open: true,
      started_at: info.startTime, updated_at: new Date(),
    }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    if (inserted) outcome.processes += 1;
  }
  return outcome;
}

/** A running task from its own state: its row, the rungs that fired and whom they reached, their acknowledgements. */
async function recordTask(db: RecordDb, t: TaskState): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx.insertInto('tasks').values({
      id: t.taskId, process_id: t.processId, process_kind: t.processKind, task_key: t.taskKey, title: t.title, status: t.status,
      light: t.light as Light, due_at: t.dueAt ?? null, provisional: t.provisional, department_id: t.departmentId ?? null,
      assignee_id: t.assigneeId ?? null, candidate_roles: t.candidateRoles, created_at: t.createdAt, updated_at: new Date(),
    }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    if (!inserted) return false;
    for (const e of t.escalations ?? []) {
      await tx.insertInto('rungs').values({
        event_id: `backfill:${t.taskId}:${e.step}`, task_id: t.taskId, step: e.step, kind: 'escalation', label: e.label ?? null, at: e.at, reached: e.recipients,
      }).onConflict((oc) => oc.column('event_id').doNothing()).execute();
      for (const a of e.acknowledgements) {
        await tx.insertInto('acknowledgements').values({ task_id: t.taskId, step: e.step, person_id: a.personId, at: a.at })
          .onConflict((oc) => oc.columns(['task_id', 'step', 'person_id']).doNothing()).execute();
      }
    }
    // The process's shown light takes its open tasks' into account, as the recorder keeps it.
    await tx.updateTable('processes').set({ shown_light: t.light === 'red' ? 'red' : t.light === 'yellow' ? 'yellow' : 'green' })
      .where('id', '=', t.processId)
      .where((eb) => eb.or([eb('shown_light', '=', 'green'), eb.and([eb('shown_light', '=', 'yellow'), eb.val(t.light === 'red')])]))
      .execute();
    return true;
  });
}
