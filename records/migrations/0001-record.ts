/**
 * The record's first tables: processes, their tasks, the ladders' rungs and whom they reached,
 * acknowledgements, extensions, supervision instructions and their rounds, every event applied
 * (each process's timeline, and what makes the recorder idempotent), and the recorder's position.
 */
import { sql, type Kysely } from 'kysely';

// A migration sees the database as it is at its own version, not as the code's types say it is now.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('processes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('status', 'text')
    .addColumn('light', 'text', (c) => c.notNull().defaultTo('green'))
    // The worse of its own light and its open tasks': what lists and the board show, kept by the recorder.
    .addColumn('shown_light', 'text', (c) => c.notNull().defaultTo('green'))
    .addColumn('category', 'text')
    .addColumn('department_id', 'text')
    .addColumn('assigned_leader_id', 'text')
    .addColumn('departments', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('people', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('facts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('open', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('processes_kind_open').on('processes').columns(['kind', 'open', 'shown_light']).execute();
  await db.schema.createIndex('processes_departments').on('processes').using('gin').column('departments').execute();
  await db.schema.createIndex('processes_people').on('processes').using('gin').column('people').execute();

  await db.schema.createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) => c.notNull())
    .addColumn('process_kind', 'text', (c) => c.notNull())
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('light', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('provisional', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('department_id', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('candidate_roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('outcome', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('tasks_open_assignee').on('tasks').columns(['assignee_id', 'due_at']).where(sql.ref('closed_at'), 'is', null).execute();
  await db.schema.createIndex('tasks_open_department').on('tasks').columns(['department_id', 'due_at']).where(sql.ref('closed_at'), 'is', null).execute();
  await db.schema.createIndex('tasks_process').on('tasks').column('process_id').execute();

  await db.schema.createTable('rungs')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('reached', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.createIndex('rungs_task').on('rungs').columns(['task_id', 'step']).execute();
  await db.schema.createIndex('rungs_reached').on('rungs').using('gin').column('reached').execute();

  await db.schema.createTable('acknowledgements')
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('acknowledgements_pk', ['task_id', 'step', 'person_id'])
    .execute();

  await db.schema.createTable('extensions')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer')
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('extensions_task').on('extensions').column('task_id').execute();

  await db.schema.createTable('instructions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) => c.notNull())
    .addColumn('process_kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('light', 'text', (c) => c.notNull().defaultTo('green'))
    .addColumn('department_id', 'text')
    .addColumn('issued_by', 'text')
    .addColumn('responder_id', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('instructions_issued_by').on('instructions').columns(['issued_by', 'issued_at']).execute();

  await db.schema.createTable('instruction_rounds')
    .addColumn('instruction_id', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('decision', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addPrimaryKeyConstraint('instruction_rounds_pk', ['instruction_id', 'round'])
    .execute();

  await db.schema.createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stream_seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('process_id', 'text')
    .addColumn('task_id', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_process').on('events').columns(['process_id', 'at']).execute();

  await db.schema.createTable('recorder_position')
    .addColumn('consumer', 'text', (c) => c.primaryKey())
    .addColumn('stream_seq', 'bigint', (c) => c.notNull())
    .addColumn('event_time', 'timestamptz')
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['recorder_position', 'events', 'instruction_rounds', 'instructions', 'extensions', 'acknowledgements', 'rungs', 'tasks', 'processes']) {
    await db.schema.dropTable(table).execute();
  }
}
