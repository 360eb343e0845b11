/**
 * The record's reads at a district's scale, not a test: 10,000 open tasks of 5,000 running
 * processes (two tasks each, across 10 departments, every light) applied through the recorder's
 * own apply path to a fresh PostgreSQL, then one inbox read (a department's staff member: the
 * first page of 100 with the exact counts per light), a kind's list (the first page, red first,
 * with its total) and a report count, each timed `reads` times, p50/p99.
 *
 *   npx tsx bench/record-reads.bench.ts [reads=200]
 *
 * The same data read from Temporal's visibility needs 10,000 task workflows: see
 * docs/performance.md for the inbox over visibility (the record's side is what this measures).
 */
import { sql } from 'kysely';
import type { CloudEvent } from '../contracts/events';
import { startPostgres } from '../runtime/postgres';
import { applyEvent } from '../records/apply';
import { openRecord } from '../records/database';
import { countProcesses, inbox, listProcesses } from '../records/reads';
import { summarize } from './stats';

const reads = Number(process.argv[2] ?? 200);
const processes = 5_000;
const departments = Array.from({ length: 10 }, (_, i) => `dept-${i}`);
const lights = ['green', 'green', 'green', 'yellow', 'red'] as const;

function events(i: number): CloudEvent[] {
  const id = `12345-bench-${i}`;
  const department = departments[i % departments.length];
  const base = { specversion: '1.0' as const, source: `urn:greenlight:hotlineTicket:${id}`, time: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(), datacontenttype: 'application/json' as const };
  const process: CloudEvent = {
    ...base, id: `${id}#0`, type: 'greenlight.hotlineticket.dispatched', subject: id,
    data: { process: { kind: 'hotlineTicket', title: `工单 ${i}`, status: 'handling', light: lights[i % 5], closed: false, departmentId: department, departments: [department, 'center'], people: [], facts: i % 3 === 0 ? ['complaint'] : [] } },
  };
  const tasks = ['signing-1', 'handling-1'].map((key, k): CloudEvent => ({
    ...base, id: `${id}/${key}#1`, type: 'greenlight.task.created', subject: `${id}/${key}`,
    data: {
      taskId: `${id}/${key}`, taskKey: key, processKind: 'hotlineTicket', processId: id, title: `工单 ${i}: ${key}`, status: k === 0 ? 'open' : 'claimed',
      light: lights[(i + k) % 5], provisional: false, departmentId: department, candidateRoles: ['staff'], recipients: [],
      ...(k === 1 ? { assigneeId: `staff-${i % 50}` } : {}), dueAt: new Date(Date.UTC(2026, 11, 10) + (i * 7919 % 100_000) * 60_000).toISOString(),
    },
  }));
  return [process, ...tasks];
}

async function time(fn: () => Promise<unknown>): Promise<ReturnType<typeof summarize>> {
  const samples: number[] = [];
  for (let r = 0; r < reads; r++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const s = summarize(samples);
  return { n: s.n, p50: Math.round(s.p50 * 10) / 10, p99: Math.round(s.p99 * 10) / 10, max: Math.round(s.max * 10) / 10 };
}

async function main(): Promise<void> {
  const pg = await startPostgres({});
  const record = await openRecord(pg.url('bench'));
  try {
    const t0 = Date.now();
    let seq = 0;
    for (let start = 0; start < processes; start += 500) {
      await record.db.transaction().execute(async (tx) => {
        for (let i = start; i < Math.min(processes, start + 500); i++) for (const e of events(i)) await applyEvent(tx, e, ++seq, []);
      });
    }
    const seedSeconds = (Date.now() - t0) / 1000;
    // The statistics autovacuum would gather a minute later, so the planner sees 10,000 rows, not an empty table.
    await sql`ANALYZE`.execute(record.root);
    const staff = { personId: 'staff-7', roles: ['staff' as const], departments: ['dept-7'] };
    const result = {
      data: { openTasks: processes * 2, runningProcesses: processes, events: seq, seedSeconds, eventsPerSecondApplied: Math.round(seq / seedSeconds) },
      inbox: await time(() => inbox(record.db, staff, { limit: 100 })),
      inboxRed: await time(() => inbox(record.db, staff, { limit: 100, light: 'red' })),
      listDistrict: await time(() => listProcesses(record.db, 'hotlineTicket', 'all', { limit: 200, order: 'light' })),
      listDepartment: await time(() => listProcesses(record.db, 'hotlineTicket', { departments: ['dept-7'], people: [] }, { limit: 200, order: 'latest' })),
      reportCount: await time(() => countProcesses(record.db, 'hotlineTicket', { fact: 'complaint' })),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await record.close();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
