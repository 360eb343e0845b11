/**
 * `records rebuild` on real servers: the record rebuilt from the stream equals the one the live
 * recorder built, table by table; and the live recorder goes on into the new tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { sql } from 'kysely';
import pino from 'pino';
import type { CloudEvent } from '../contracts/events';
import { startNatsServer, type NatsServer } from '../runtime/dev-servers';
import { startPostgres, type PostgresServer } from '../runtime/postgres';
import { ensureStreams } from '../runtime/streams';
import { eventually } from '../test/harness/eventually';
import { openRecord, type RecordConnection } from './database';
import { rebuildRecord } from './rebuild';
import { runRecorder, type Recorder } from './recorder';

let natsDir: string;
let natsServer: NatsServer;
let nats: NatsConnection;
let pg: PostgresServer;
let record: RecordConnection;
let recorder: Recorder;

beforeAll(async () => {
  natsDir = mkdtempSync(join(tmpdir(), 'gl-rebuild-nats-'));
  [natsServer, pg] = await Promise.all([startNatsServer({ storeDir: natsDir }), startPostgres({})]);
  nats = await connect({ servers: natsServer.url });
  await ensureStreams(nats);
  record = await openRecord(pg.url('rebuild_test'));
  recorder = await runRecorder(nats, record, pino({ level: 'silent' }));
}, 120_000);
afterAll(async () => {
  await recorder?.stop();
  await record?.close();
  await nats?.close();
  await Promise.all([natsServer?.stop(), pg?.stop()]);
  rmSync(natsDir, { recursive: true, force: true });
});

let n = 0;
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 2, minutes)).toISOString();
function event(type: string, subject: string, source: string, data: Record<string, unknown>, minutes: number): CloudEvent {
  return { specversion: '1.0', id: `${subject}#${++n}`, source, type: `greenlight.${type}`, subject, time: at(minutes), datacontenttype: 'application/json', data };
}
const task = (id: string, status: string, light: string, extra: Record<string, unknown> = {}) => ({
  taskId: `${id}/handling-1`, taskKey: 'handling-1', processKind: 'enterpriseRequest', processId: id, title: `诉求 ${id}: 办理`,
  status, light, provisional: false, departmentId: 'tax', candidateRoles: ['staff'], recipients: [], dueAt: at(600), ...extra,
});
const process = (id: string, status: string, light: string) => ({
  requestId: id, process: { kind: 'enterpriseRequest', title: `诉求 ${id}`, status, light, closed: status === 'closed', category: 'tax', departmentId: 'tax', departments: ['tax'], people: ['liaison-ye'] },
});

function story(id: string): CloudEvent[] {
  const source = `urn:greenlight:enterpriseRequest:${id}`;
  const taskId = `${id}/handling-1`;
  return [
    event('request.submitted', id, source, process(id, 'routing', 'green'), 0),
    event('request.routed', id, source, process(id, 'handling', 'green'), 1),
    event('task.created', taskId, source, task(id, 'open', 'green'), 1),
    event('task.claimed', taskId, source, task(id, 'claimed', 'green', { assigneeId: 'tax-huang', actorId: 'tax-huang' }), 2),
    event('task.extension-requested', taskId, source, task(id, 'claimed', 'green', { assigneeId: 'tax-huang', actorId: 'tax-huang', detail: { workingDays: 2 } }), 3),
    event('task.extension-approved', taskId, source, task(id, 'claimed', 'green', { assigneeId: 'tax-huang', actorId: 'head-chen', detail: { workingDays: 2 } }), 4),
    event('task.escalated', taskId, source, task(id, 'claimed', 'red', { assigneeId: 'tax-huang', step: 1, recipients: ['leader-zhao'], detail: { label: '逾期' } }), 5),
    event('task.acknowledged', taskId, source, task(id, 'claimed', 'red', { assigneeId: 'tax-huang', step: 1, actorId: 'leader-zhao' }), 6),
    event('instruction.issued', `${id}/instruction-1`, source, {
      instructionId: `${id}/instruction-1`, processKind: 'enterpriseRequest', processId: id, text: '尽快办结', status: 'awaitingAnswer', light: 'green', round: 1,
      departmentId: 'tax', issuedBy: 'leader-zhao', responderId: 'head-chen',
    }, 7),
    event('task.completed', taskId, source, task(id, 'completed', 'red', { assigneeId: 'tax-huang', actorId: 'tax-huang', detail: { outcome: 'resolved' } }), 8),
    event('request.closed', id, source, process(id, 'closed', 'red'), 9),
  ];
}

async function publish(events: CloudEvent[]): Promise<void> {
  const js = jetstream(nats);
  for (const e of events) {
    const [, aggregate, name] = e.type.split('.');
    await js.publish(`gl.evt.${aggregate}.${name}`, JSON.stringify(e), { msgID: e.id });
  }
}

const tables = ['processes', 'tasks', 'rungs', 'acknowledgements', 'extensions', 'instructions', 'instruction_rounds', 'events'] as const;

/** Every table's rows, in a stable order. */
async function dump(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.id('record', table)}`.execute(record.root);
    out[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

const caughtUp = () => eventually(() => recorder.lag(), (l) => l.events === 0 && l.last > 0, 'the recorder caught up');

test('a rebuild from the stream equals the live record, and the recorder goes on into it', async () => {
  await publish(['req-r-1', 'req-r-2', 'req-r-3'].flatMap(story));
  await caughtUp();
  const live = await dump();
  expect(live.processes).toHaveLength(3);
  expect(live.events).toHaveLength(33);

  const outcome = await rebuildRecord(nats, record);
  expect(outcome).toEqual({ events: 33, position: 33 });
  expect(await dump()).toEqual(live);

  await publish(story('req-r-4'));
  await caughtUp();
  const after = await dump();
  expect(after.processes).toHaveLength(4);
  expect(after.events).toHaveLength(44);
});
