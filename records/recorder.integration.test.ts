/**
 * The recorder's promise, on real servers and its real process: with 20 enterprise requests in
 * flight, the recorder is killed (SIGKILL) mid-stream and PostgreSQL is stopped for a while as
 * their tasks are completed; once both are back, every event of the stream is in the record exactly
 * once and every task's row says what its last event says.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { sql } from 'kysely';
import { startProcess, type ManagedProcess } from '../runtime/managed-process';
import { startPostgres, type PostgresServer } from '../runtime/postgres';
import { eventually } from '../test/harness/eventually';
import { storedEvents } from '../test/harness/events';
import { repoRoot } from '../test/harness/harness';
import { startStack, type TestStack } from '../test/harness/stack';
import { connectRecord, type RecordConnection } from './database';

let stack: TestStack;
let pgDir: string;
let pg: PostgresServer;
let record: RecordConnection;
const children: ManagedProcess[] = [];

beforeAll(async () => {
  stack = await startStack({ recorder: false });
  pgDir = mkdtempSync(join(tmpdir(), 'gl-recorder-test-'));
  chmodSync(pgDir, 0o755);
  // Its own folder, kept when the server stops: stopped and started again, it keeps its data.
  pg = await startPostgres({ dataDir: join(pgDir, 'pg') });
  await pg.createDatabase('greenlight');
  record = connectRecord(pg.url('greenlight'), { max: 2 });
}, 180_000);

afterAll(async () => {
  for (const c of children) await c.stop(5_000);
  await record?.close();
  await pg?.stop();
  await stack?.stop();
  rmSync(pgDir, { recursive: true, force: true });
}, 60_000);

/** The recorder as the stack runs it: its own node process. */
function startRecorderProcess(): ManagedProcess {
  const child = startProcess({
    name: 'recorder',
    command: process.execPath,
    args: ['--import', 'tsx', 'records/main.ts'],
    cwd: repoRoot,
    env: { ...process.env, NATS_URL: stack.natsUrl, GREENLIGHT_DATABASE_URL: pg.url('greenlight'), LOG_LEVEL: 'info' },
  });
  children.push(child);
  return child;
}

const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(record.root)).rows[0].n);

test('killed mid-stream and cut off from PostgreSQL, the recorder applies every event exactly once', async () => {
  let recorder = startRecorderProcess();
  const js = jetstream(stack.nats);
  const ids = Array.from({ length: 20 }, (_, i) => `req-recorder-${i + 1}`);
  for (const id of ids) {
    await js.publish('gl.cmd.request.submit', JSON.stringify({
      id, enterprise: { name: `企业 ${id}` }, category: 'tax', title: `退税咨询 ${id}`, description: 'a refund question', liaisonId: 'liaison-ye',
    }));
  }
  // Mid-stream: some of the requests' events applied, not all.
  await eventually(() => count(sql<{ n: string }>`SELECT count(*) AS n FROM record.events`), (n) => n >= 5, 'the first events recorded', 60_000);
  process.kill(-(recorder.pid as number), 'SIGKILL');
  await recorder.exited;

  recorder = startRecorderProcess();
  // The stack's API reads another record (this test's recorder is the only one, and writes here).
  await eventually(
    () => count(sql<{ n: string }>`SELECT count(*) AS n FROM record.tasks WHERE id LIKE 'req-recorder-%/handling-1'`),
    (n) => n === 20, 'the 20 handling tasks recorded', 120_000,
  );

  // PostgreSQL goes away while the tasks are completed; the recorder waits, then catches up.
  await pg.stop();
  const outageStarted = Date.now();
  for (const id of ids) {
    const done = await stack.call('tax-huang', 'POST', `/api/tasks/${encodeURIComponent(`${id}/handling-1`)}/complete`, { outcome: 'resolved', payload: { summary: 'explained' } });
    expect(done.status).toBe(200);
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - outageStarted))));
  pg = await startPostgres({ dataDir: join(pgDir, 'pg'), port: pg.port });

  const stream = await storedEvents(stack.nats);
  await eventually(
    () => count(sql<{ n: string }>`SELECT count(*) AS n FROM record.events`),
    (n) => n >= stream.length,
    'every stored event recorded', 90_000,
  );
  // Exactly once: one row per event id (the key), none missing, none added, and the rungs and tasks agree with the stream.
  const recorded = await sql<{ id: string; stream_seq: string }>`SELECT id, stream_seq FROM record.events ORDER BY stream_seq`.execute(record.root);
  expect(recorded.rows.map((r) => r.id)).toEqual(stream.map((s) => s.event.id));
  expect(recorded.rows.map((r) => Number(r.stream_seq))).toEqual(stream.map((s) => s.seq));
  const lastOfTask = new Map<string, string>();
  for (const s of stream) if (s.event.type.startsWith('greenlight.task.')) lastOfTask.set(String(s.event.data.taskId), String(s.event.data.status));
  const tasks = await sql<{ id: string; status: string }>`SELECT id, status FROM record.tasks`.execute(record.root);
  expect(Object.fromEntries(tasks.rows.map((t) => [t.id, t.status]))).toEqual(Object.fromEntries(lastOfTask));
  for (const id of ids) expect(lastOfTask.get(`${id}/handling-1`)).toBe('completed');
  const processes = await sql<{ id: string; title: string }>`SELECT id, title FROM record.processes WHERE id LIKE 'req-recorder-%'`.execute(record.root);
  expect(processes.rows).toHaveLength(20);
  expect(processes.rows.find((p) => p.id === 'req-recorder-1')?.title).toBe('退税咨询 req-recorder-1');
}, 300_000);
