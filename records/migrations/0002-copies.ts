/**
 * The copies (抄送) people hold: one row per task and person copied, unread until they mark it
 * read (已阅). 抄送我的 reads it (records/reads.ts copiesOf), and so does a closed task's page
 * when it asks whether the reader holds a copy.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('copies')
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('process_id', 'text', (c) => c.notNull())
    .addColumn('process_kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('copied_by', 'text')
    .addColumn('copied_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addPrimaryKeyConstraint('copies_pk', ['task_id', 'person_id'])
    .execute();
  // 抄送我的: a person's copies, unread first, the latest first.
  await db.schema.createIndex('copies_person').on('copies')
    .expression(sql`person_id, (read_at is not null), copied_at desc, task_id`).execute();
  await db.schema.createIndex('copies_process').on('copies').columns(['process_id', 'person_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('copies').execute();
}
