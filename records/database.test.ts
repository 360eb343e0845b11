/** The record's migrations, on a real PostgreSQL: all of them apply to an empty database, and again change nothing. */
import { sql } from 'kysely';
import { connectRecord, migrate, openRecord, RECORD_SCHEMA } from './database';
import { migrations } from './migrations';
import { startPostgres, type PostgresServer } from '../runtime/postgres';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres({});
}, 60_000);
afterAll(async () => pg?.stop());

test('every migration applies to an empty database, made for it, and a second start applies none', async () => {
  const url = pg.url('migrations_test');
  const record = await openRecord(url);
  try {
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${RECORD_SCHEMA} ORDER BY table_name`.execute(record.root);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([
      'acknowledgements', 'copies', 'events', 'extensions', 'instruction_rounds', 'instructions', 'processes', 'recorder_position', 'rungs', 'tasks',
    ]));
    const applied = await sql<{ name: string }>`SELECT name FROM ${sql.id(RECORD_SCHEMA, 'kysely_migration')} ORDER BY name`.execute(record.root);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    const again = await migrate(record.root);
    expect(again.results).toEqual([]);
  } finally {
    await record.close();
  }
});

test('a second schema migrates beside the live one (what a rebuild fills)', async () => {
  const record = connectRecord(pg.url('migrations_test'));
  try {
    await migrate(record.root, 'record_next');
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'record_next' AND table_name = 'tasks'`.execute(record.root);
    expect(Number(count.rows[0].n)).toBe(1);
  } finally {
    await record.close();
  }
});
