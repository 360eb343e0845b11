/**
 * The record's reads at a district's scale, side by side with the visibility reads they replaced,
 * and the recorder's lag at a steady load. Not a test: run it, read the JSON, put the figures in
 * docs/performance.md with the machine's load at the start (printed first).
 *
 *   npx tsx bench/record-reads.bench.ts [reads=200] [visibilityProcesses=500] [lagSeconds=60]
 *
 * 1. **The record at scale**: 5,000 running processes with 10,000 open tasks (two each, 10
 *    departments, every light) put into a fresh PostgreSQL as rows (the recorder's apply path is
 *    what records/reads.test.ts takes; here the volume matters), then `reads` times each: one
 *    inbox (a department's staff member, first page of 100, exact counts per light), the district's
 *    board (every kind counted by light, category and department in SQL, the first 200 red and
 *    yellow items), a kind's list (the district, red first, first 200, exact total) and one
 *    department's (latest first).
 * 2. **Side by side on a smaller set** (`visibilityProcesses` processes, two tasks each): the same
 *    rows in another database, and the same processes and tasks as executions on a Temporal dev
 *    server, started with their search attributes and never run (no worker), so the visibility
 *    store holds what the tasks' and processes' indexing would. Then the old reads as they were
 *    (one visibility query per inbox, up to 1,000 sorted in memory; the board per kind plus the
 *    open tasks' lights; the list's query) against the record's, 50 times each.
 * 3. **The recorder's lag** at a steady 5 requests/s (10 events each, one every 20 ms) for
 *    `lagSeconds`: NATS JetStream and the recorder as it runs in the stack; each event's lag is the
 *    time from its publish (acknowledged by the stream) to the recorder's position passing it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client, Connection, type WorkflowExecutionInfo } from '@temporalio/client';
import { sql } from 'kysely';
import pino from 'pino';
import type { Actor } from '../contracts/directory';
import type { CloudEvent } from '../contracts/events';
import {
  GlAssignee, GlCandidateGroups, GlCategory, GlDepartment, GlDueAt, GlEntityKind, GlLight, GlProcessId, GlProcessKind, GlProvisional, GlStatus,
} from '../contracts/search-attributes';
import { boardFromGroups } from '../api/board';
import { kindClause, listQuery } from '../api/process-service';
import { inboxQuery } from '../api/task-service';
import { definitionOf, definitions } from '../processes/registry';
import { openRecord, type RecordDb } from '../records/database';
import { boardGroups, boardItems, inbox, listProcesses } from '../records/reads';
import { runRecorder } from '../records/recorder';
import { startNatsServer, startTemporalDevServer } from '../runtime/dev-servers';
import { startPostgres } from '../runtime/postgres';
import { ensureStreams } from '../runtime/streams';
import { inBatches, summarize } from './stats';

const reads = Number(process.argv[2] ?? 200);
const visibilityProcesses = Number(process.argv[3] ?? 500);
const lagSeconds = Number(process.argv[4] ?? 60);
const KIND = 'hotlineTicket';
const departments = Array.from({ length: 10 }, (_, i) => `dept-${i}`);
const lights = ['green', 'green', 'green', 'yellow', 'red'] as const;
const staff: Actor = { personId: 'staff-7', roles: ['staff'], departments: ['dept-7'] };
const kinds = definitions.map((d) => d.kind);

/** Process i and its two tasks, as the record and the visibility store would each hold them. */
function shape(i: number) {
  const id = `12345-bench-${i}`;
  const department = departments[i % departments.length];
  const startedAt = new Date(Date.UTC(2026, 11, 1) + i * 1000);
  const tasks = ['signing-1', 'handling-1'].map((key, k) => ({
    id: `${id}/${key}`, key, status: k === 0 ? 'open' : 'claimed', light: lights[(i + k) % 5], department,
    assignee: k === 1 ? `staff-${i % 50}` : undefined, dueAt: new Date(Date.UTC(2026, 11, 10) + (i * 7919 % 100_000) * 60_000),
  }));
  const worst = [lights[i % 5], ...tasks.map((t) => t.light)].includes('red') ? 'red' : [lights[i % 5], ...tasks.map((t) => t.light)].includes('yellow') ? 'yellow' : 'green';
  return { id, department, startedAt, light: lights[i % 5], shown: worst, category: i % 3 === 0 ? 'complaint' : 'consultation', tasks };
}

async function seedRecord(db: RecordDb, processes: number): Promise<number> {
  const t0 = Date.now();
  for (let start = 0; start < processes; start += 500) {
    const batch = Array.from({ length: Math.min(500, processes - start) }, (_, k) => shape(start + k));
    await db.insertInto('processes').values(batch.map((p) => ({
      id: p.id, kind: KIND, title: `工单 ${p.id}`, status: 'handling', light: p.light, shown_light: p.shown, category: p.category,
      department_id: p.department, departments: [p.department, 'center'], people: [], facts: '[]', open: true, started_at: p.startedAt, updated_at: p.startedAt,
    }))).execute();
    await db.insertInto('tasks').values(batch.flatMap((p) => p.tasks.map((t) => ({
      id: t.id, process_id: p.id, process_kind: KIND, task_key: t.key, title: `工单 ${p.id}: ${t.key}`, status: t.status, light: t.light,
      due_at: t.dueAt, department_id: t.department, assignee_id: t.assignee ?? null, candidate_roles: ['staff'], created_at: p.startedAt, updated_at: p.startedAt,
    })))).execute();
  }
  // The statistics autovacuum would gather a minute later.
  await sql`ANALYZE`.execute(db);
  return (Date.now() - t0) / 1000;
}

async function time(n: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const s = summarize(samples);
  return { n: s.n, p50: Math.round(s.p50 * 10) / 10, p99: Math.round(s.p99 * 10) / 10, max: Math.round(s.max * 10) / 10 };
}

/** The record's reads, as the API makes them. */
function recordReads(db: RecordDb) {
  return {
    inbox: () => inbox(db, staff, { limit: 100 }),
    board: async () => {
      const [groups, items] = await Promise.all([boardGroups(db, kinds, 'all'), boardItems(db, kinds, 'all', { limit: 200 })]);
      return boardFromGroups('district', definitions.map((d) => ({ kind: d.kind, title: d.title })), groups, items.items, items.next);
    },
    listDistrict: () => listProcesses(db, KIND, 'all', { limit: 200, order: 'light' }),
    listDepartment: () => listProcesses(db, KIND, { departments: ['dept-7'], people: [] }, { limit: 200, order: 'latest' }),
  };
}

async function collect(client: Client, query: string, cap: number): Promise<WorkflowExecutionInfo[]> {
  const found: WorkflowExecutionInfo[] = [];
  for await (const info of client.workflow.list({ query, pageSize: 500 })) {
    found.push(info);
    if (found.length >= cap) break;
  }
  return found;
}

/** The reads that visibility answered before the record, as they were made (the inbox's 1,000, the lists' 2,000). */
function visibilityReads(client: Client) {
  const definition = definitionOf(KIND);
  if (!definition) throw new Error(`no ${KIND} in the registry`);
  return {
    inbox: async () => {
      const all = await collect(client, inboxQuery(staff, { limit: 100 }), 1000);
      return all.map((i) => ({ id: i.workflowId, due: i.typedSearchAttributes.get(GlDueAt)?.toISOString() ?? '9999' })).sort((a, b) => a.due.localeCompare(b.due)).slice(0, 100);
    },
    board: async () => {
      const out = [];
      for (const d of definitions) {
        const running = await collect(client, `${kindClause(d.kind)} AND ExecutionStatus = 'Running'`, 2000);
        const lit = await collect(client, `GlEntityKind = 'task' AND ExecutionStatus = 'Running' AND GlProcessKind = '${d.kind}' AND GlLight IN ('red', 'yellow')`, 2000);
        out.push(running.length + lit.length);
      }
      return out;
    },
    listDistrict: async () => {
      const query = listQuery(definition, { personId: 'admin', roles: ['admin'], departments: [] }, {});
      return collect(client, query ?? '', 2000);
    },
    listDepartment: async () => collect(client, listQuery(definition, staff, {}) ?? '', 200),
  };
}

async function sideBySide(pgUrl: (db: string) => string) {
  const record = await openRecord(pgUrl('bench_small'));
  const temporal = await startTemporalDevServer({ headless: true });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  try {
    await seedRecord(record.db, visibilityProcesses);
    const t0 = Date.now();
    const starts = Array.from({ length: visibilityProcesses }, (_, i) => i);
    await inBatches(starts, 16, async (i) => {
      const p = shape(i);
      await client.workflow.start('benchNeverRuns', {
        taskQueue: 'bench-no-worker', workflowId: p.id, memo: { title: `工单 ${p.id}` },
        typedSearchAttributes: [
          { key: GlEntityKind, value: 'process' }, { key: GlProcessKind, value: KIND }, { key: GlStatus, value: 'handling' },
          { key: GlLight, value: p.light }, { key: GlDepartment, value: p.department }, { key: GlCategory, value: p.category },
        ],
      });
      for (const t of p.tasks) {
        await client.workflow.start('benchNeverRuns', {
          taskQueue: 'bench-no-worker', workflowId: t.id, memo: { title: `工单 ${p.id}: ${t.key}` },
          typedSearchAttributes: [
            { key: GlEntityKind, value: 'task' }, { key: GlProcessKind, value: KIND }, { key: GlProcessId, value: p.id },
            { key: GlStatus, value: t.status }, { key: GlLight, value: t.light }, { key: GlDueAt, value: t.dueAt }, { key: GlProvisional, value: false },
            { key: GlCandidateGroups, value: [`dept:${t.department}`, `dept:${t.department}:role:staff`] },
            ...(t.assignee ? [{ key: GlAssignee, value: t.assignee }] : []),
          ],
        });
      }
    });
    const executions = visibilityProcesses * 3;
    for (;;) {
      const { count } = await client.workflow.count(`ExecutionStatus = 'Running'`);
      if (Number(count) >= executions) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const startedSeconds = (Date.now() - t0) / 1000;
    const fromRecord = recordReads(record.db);
    const fromVisibility = visibilityReads(client);
    const n = Math.min(reads, 50);
    return {
      data: { runningProcesses: visibilityProcesses, openTasks: visibilityProcesses * 2, executionsStartedSeconds: startedSeconds },
      record: {
        inbox: await time(n, fromRecord.inbox), board: await time(n, fromRecord.board),
        listDistrict: await time(n, fromRecord.listDistrict), listDepartment: await time(n, fromRecord.listDepartment),
      },
      visibility: {
        inbox: await time(n, fromVisibility.inbox), board: await time(n, fromVisibility.board),
        listDistrict: await time(n, fromVisibility.listDistrict), listDepartment: await time(n, fromVisibility.listDepartment),
      },
    };
  } finally {
    await connection.close();
    await temporal.stop();
    await record.close();
  }
}

/** 5 requests/s of 10 events each, one event every 20 ms, through the stream and the recorder. */
async function recorderLag(pgUrl: (db: string) => string) {
  const storeDir = mkdtempSync(join(tmpdir(), 'gl-bench-nats-'));
  const nats = await startNatsServer({ storeDir });
  const nc = await connect({ servers: nats.url });
  const record = await openRecord(pgUrl('bench_lag'), { max: 4 });
  // The streams first: the recorder's consumer is made on GL_EVENTS.
  await ensureStreams(nc);
  const recorder = await runRecorder(nc, record, pino({ level: 'silent' }));
  try {
    const js = jetstream(nc);
    const published = new Map<number, number>();
    const applied = new Map<number, number>();
    let polling = true;
    const poller = (async () => {
      let seen = 0;
      while (polling) {
        const row = await record.db.selectFrom('recorder_position').select('stream_seq').where('consumer', '=', 'recorder').executeTakeFirst();
        const at = performance.now();
        const position = Number(row?.stream_seq ?? 0);
        for (let s = seen + 1; s <= position; s++) applied.set(s, at);
        seen = Math.max(seen, position);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const total = lagSeconds * 50;
    const started = performance.now();
    for (let e = 0; e < total; e++) {
      const due = started + e * 20;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const request = Math.floor(e / 10);
      const p = shape(request);
      const step = e % 10;
      const task = p.tasks[step % 2];
      const event: CloudEvent = step < 3
        ? {
          specversion: '1.0', id: `${p.id}#${step}`, source: `urn:greenlight:${KIND}:${p.id}`, type: `greenlight.hotlineticket.step-${'abc'[step]}`,
          subject: p.id, time: new Date().toISOString(), datacontenttype: 'application/json',
          data: { process: { kind: KIND, title: `工单 ${p.id}`, status: 'handling', light: p.light, closed: false, departmentId: p.department, departments: [p.department], people: [], facts: [] } },
        }
        : {
          specversion: '1.0', id: `${task.id}#${step}`, source: `urn:greenlight:${KIND}:${p.id}`, type: `greenlight.task.${['created', 'claimed', 'light-changed', 'reminded', 'completed', 'created', 'claimed'][step - 3]}`,
          subject: task.id, time: new Date().toISOString(), datacontenttype: 'application/json',
          data: {
            taskId: task.id, taskKey: task.key, processKind: KIND, processId: p.id, title: `工单 ${p.id}: ${task.key}`, status: step === 7 ? 'completed' : 'claimed',
            light: task.light, provisional: false, departmentId: task.department, assigneeId: 'staff-1', candidateRoles: ['staff'], recipients: [], dueAt: task.dueAt.toISOString(),
            ...(step === 6 ? { step: 0 } : {}), ...(step === 7 ? { actorId: 'staff-1', detail: { outcome: 'resolved' } } : {}),
          },
        };
      const subject = event.type.replace(/^greenlight\./, 'gl.evt.');
      const t = performance.now();
      const ack = await js.publish(subject, JSON.stringify(event), { msgID: event.id });
      published.set(ack.seq, t);
    }
    const sent = performance.now() - started;
    const last = Math.max(...published.keys());
    while (!applied.has(last)) await new Promise((resolve) => setTimeout(resolve, 20));
    polling = false;
    await poller;
    const lags = [...published].map(([seq, t]) => (applied.get(seq) as number) - t);
    const s = summarize(lags);
    return { events: published.size, seconds: Math.round(sent / 100) / 10, eventsPerSecond: Math.round(published.size / (sent / 1000)), lagMs: { p50: Math.round(s.p50), p99: Math.round(s.p99), max: Math.round(s.max) } };
  } finally {
    await recorder.stop();
    await record.close();
    await nc.drain();
    await nats.stop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const machine = { cores: (await import('node:os')).cpus().length, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100), procLoadavg: readFileSync('/proc/loadavg', 'utf8').trim() };
  console.error(`load at start: ${machine.procLoadavg}`);
  const pg = await startPostgres({});
  try {
    const record = await openRecord(pg.url('bench'));
    let atScale;
    try {
      const seedSeconds = await seedRecord(record.db, 5_000);
      const r = recordReads(record.db);
      atScale = {
        data: { runningProcesses: 5_000, openTasks: 10_000, seedSeconds },
        inbox: await time(reads, r.inbox), board: await time(reads, r.board),
        listDistrict: await time(reads, r.listDistrict), listDepartment: await time(reads, r.listDepartment),
      };
    } finally {
      await record.close();
    }
    console.error(`record at scale: ${JSON.stringify(atScale)}`);
    const compared = visibilityProcesses > 0 ? await sideBySide((d) => pg.url(d)) : undefined;
    console.error(`side by side: ${JSON.stringify(compared)}`);
    const lag = lagSeconds > 0 ? await recorderLag((d) => pg.url(d)) : undefined;
    console.log(JSON.stringify({ machine, atScale, sideBySide: compared, recorderLag: lag }, null, 2));
  } finally {
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
