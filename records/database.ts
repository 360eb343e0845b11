/**
 * The record's database: its tables as Kysely sees them, a connection, and the migrations that
 * bring it to the code's version (run at every start: the recorder's, the API's).
 *
 *   const record = await openRecord(process.env.GREENLIGHT_DATABASE_URL);   // database made and migrated
 *   … record.db.selectFrom('tasks') …
 *   await record.close();
 *
 * The tables live in a schema of their own (`record`), so that `greenlight records rebuild` can
 * build fresh ones beside them (`record_next`) and swap the two in one transaction.
 */
import { Kysely, Migrator, PostgresDialect, sql, type ColumnType, type Generated, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations';

/** The schema the live record is in. */
export const RECORD_SCHEMA = 'record';

type Instant = ColumnType<Date, Date | string, Date | string>;
type Nullable<T> = T | null;

export interface ProcessRow {
  id: string;
  kind: string;
  title: Nullable<string>;
  status: Nullable<string>;
  light: Generated<string>;
  shown_light: Generated<string>;
  category: Nullable<string>;
  department_id: Nullable<string>;
  assigned_leader_id: Nullable<string>;
  departments: Generated<string[]>;
  people: Generated<string[]>;
  facts: ColumnType<string[], string, string>;
  open: Generated<boolean>;
  started_at: Instant;
  updated_at: Instant;
  closed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface TaskRow {
  id: string;
  process_id: string;
  process_kind: string;
  task_key: string;
  title: string;
  status: string;
  light: string;
  due_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  provisional: Generated<boolean>;
  department_id: Nullable<string>;
  assignee_id: Nullable<string>;
  candidate_roles: Generated<string[]>;
  outcome: Nullable<string>;
  completed_by: Nullable<string>;
  created_at: Instant;
  updated_at: Instant;
  closed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface RungRow {
  event_id: string;
  task_id: string;
  step: number;
  kind: string;
  label: Nullable<string>;
  at: Instant;
  reached: Generated<string[]>;
}

export interface AcknowledgementRow {
  task_id: string;
  step: number;
  person_id: string;
  at: Instant;
}

export interface ExtensionRow {
  event_id: string;
  task_id: string;
  working_days: Nullable<number>;
  requested_by: Nullable<string>;
  requested_at: Instant;
  decision: Nullable<string>;
  decided_by: Nullable<string>;
  decided_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface InstructionRow {
  id: string;
  process_id: string;
  process_kind: string;
  text: Nullable<string>;
  status: string;
  light: Generated<string>;
  department_id: Nullable<string>;
  issued_by: Nullable<string>;
  responder_id: Nullable<string>;
  due_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  round: Generated<number>;
  issued_at: Instant;
  closed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface InstructionRoundRow {
  instruction_id: string;
  round: number;
  answered_by: Nullable<string>;
  answered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  decision: Nullable<string>;
  decided_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface EventRow {
  id: string;
  /** pg returns bigint as a string. */
  stream_seq: ColumnType<string, number | string, number | string>;
  type: string;
  process_id: Nullable<string>;
  task_id: Nullable<string>;
  at: Instant;
  words: string;
  data: ColumnType<Record<string, unknown>, string, string>;
}

export interface CopyRow {
  task_id: string;
  person_id: string;
  process_id: string;
  process_kind: string;
  title: Nullable<string>;
  copied_by: Nullable<string>;
  copied_at: Instant;
  read_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface PositionRow {
  consumer: string;
  stream_seq: ColumnType<string, number | string, number | string>;
  event_time: ColumnType<Date | null, Date | string | null, Date | string | null>;
  applied_at: Instant;
}

export interface RecordTables {
  processes: ProcessRow;
  tasks: TaskRow;
  rungs: RungRow;
  acknowledgements: AcknowledgementRow;
  extensions: ExtensionRow;
  instructions: InstructionRow;
  instruction_rounds: InstructionRoundRow;
  copies: CopyRow;
  events: EventRow;
  recorder_position: PositionRow;
}

export type RecordDb = Kysely<RecordTables>;

export interface RecordConnection {
  /** Queries on the live record's tables. */
  db: RecordDb;
  /** The same connections, with no schema set (rebuild's swap). */
  root: Kysely<unknown>;
  url: string;
  close(): Promise<void>;
}

/** Makes the database when the server lacks it and the role may (an existing database is used as it is). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  try {
    await client.connect();
  } catch {
    return; // no maintenance database to reach: the database is then the operator's to make
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    // CREATE DATABASE takes no parameters: the name is quoted as an identifier.
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A pool on the database; `max` connections (10 by default). */
export function connectRecord(url: string, options: { max?: number; schema?: string } = {}): RecordConnection {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // A server restarting ends its sessions: the pool drops them and connects again on the next query.
  pool.on('error', () => undefined);
  const root = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return {
    db: root.withSchema(options.schema ?? RECORD_SCHEMA) as unknown as RecordDb,
    root,
    url,
    close: () => root.destroy(),
  };
}

/** Brings a schema's tables to the code's version; throws with the failing migration's error. */
export async function migrate(root: Kysely<unknown>, schema = RECORD_SCHEMA): Promise<MigrationResultSet> {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(root);
  const migrator = new Migrator({
    db: root.withSchema(schema),
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new Error(`the record's migration ${failed} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
  }
  return result;
}

/** The database made if needed, migrated, and connected. */
export async function openRecord(url: string, options: { max?: number } = {}): Promise<RecordConnection> {
  await ensureDatabase(url);
  const record = connectRecord(url, options);
  try {
    await migrate(record.root);
  } catch (err) {
    await record.close();
    throw err;
  }
  return record;
}

/** openRecord, tried again every second while PostgreSQL does not answer (a process started before it). */
export async function openRecordWhenReachable(url: string, logger: { warn(o: object, m: string): void }, options: { max?: number } = {}): Promise<RecordConnection> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openRecord(url, options);
    } catch (err) {
      if (attempt % 10 === 0) logger.warn({ err: (err as Error).message }, 'record: PostgreSQL does not answer yet: waiting');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
