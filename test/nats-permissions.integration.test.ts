/**
 * NATS in its production shape (issue 26, point 8): a real nats-server started with
 * deploy/nats/nats.conf and passwords from the environment. No anonymous client gets in; each
 * process's user does what its process does — the worker publishes events and follows the
 * directory, the API's intake consumes commands and keeps the ended sessions, the notifier runs
 * — and cannot publish, subscribe or read a stream outside its subjects; a submitter submits
 * commands and reads nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { SessionEnds } from '../api/sessions';
import { Agents } from '../api/agents';
import { followDirectory } from '../directory/store';
import { startIntake } from '../intake/processes';
import { runNotifier } from '../notifier/notifier';
import { startNatsServer, type NatsServer } from '../runtime/dev-servers';
import { natsUserOptions } from '../runtime/nats-user';
import { ensureStreams } from '../runtime/streams';
import { repoRoot } from './harness/harness';
import { issuedReports, type IssuedReport } from '../reports/issued';

const users = ['admin', 'worker', 'api', 'notifier', 'recorder', 'submitter'] as const;
type User = (typeof users)[number];
const passwords = Object.fromEntries(users.map((u) => [u, `test-${u}-password-${Math.random().toString(36).slice(2)}`])) as Record<User, string>;
const dataDir = mkdtempSync(join(tmpdir(), 'gl-nats-permissions-'));
const directoryPath = join(repoRoot, 'directory/demo.json');
const logger = pino({ level: 'silent' });
let server: NatsServer;
const open: NatsConnection[] = [];

beforeAll(async () => {
  server = await startNatsServer({
    storeDir: join(dataDir, 'nats'),
    configFile: join(repoRoot, 'deploy/nats/nats.conf'),
    serverEnv: { ...process.env, ...Object.fromEntries(users.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, passwords[u]])) },
  });
  await ensureStreams(await as('admin'));
}, 60_000);

afterAll(async () => {
  await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const urlOf = (user: User, password = passwords[user]) => server.url.replace('nats://', `nats://${user}:${encodeURIComponent(password)}@`);

async function as(user: User): Promise<NatsConnection> {
  const url = urlOf(user);
  const nc = await connect({ servers: url, name: `test-${user}`, ...natsUserOptions(url) });
  open.push(nc);
  return nc;
}

/** A JetStream publish the server stores (resolves with its sequence) or refuses (rejects). */
const publish = (nc: NatsConnection, subject: string) => jetstream(nc).publish(subject, '{}', { timeout: 3_000 });

/** Whether a plain subscription is refused: the server says so, and the client closes it with the error. */
async function subscriptionRefused(nc: NatsConnection, subject: string): Promise<boolean> {
  const sub = nc.subscribe(subject);
  const closed = sub.closed.then((err) => err !== undefined && err !== null);
  const outcome = await Promise.race([closed, new Promise<'open'>((r) => setTimeout(() => r('open'), 2_000))]);
  if (outcome === 'open') sub.unsubscribe();
  return outcome === true;
}

const consumerOn = async (nc: NatsConnection, stream: string) => (await jetstreamManager(nc)).consumers.add(stream, { inactive_threshold: 10_000_000_000 });

test('no anonymous client and no wrong password gets in', async () => {
  await expect(connect({ servers: server.url, reconnect: false })).rejects.toThrow(/authorization/i);
  await expect(connect({ servers: urlOf('worker', 'not-the-password'), reconnect: false })).rejects.toThrow(/authorization/i);
});

test("the worker publishes events and follows the directory; it cannot submit commands or read anyone's notifications", async () => {
  const nc = await as('worker');
  await expect(publish(nc, 'gl.evt.request.submitted')).resolves.toMatchObject({ stream: 'GL_EVENTS' });
  const directory = await followDirectory(nc, directoryPath, logger);
  await directory.stop();
  await expect(publish(nc, 'gl.cmd.request.submit')).rejects.toThrow();
  await expect(publish(nc, 'gl.notify.tax-huang')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_NOTIFY')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_COMMANDS')).rejects.toThrow();
  expect(await subscriptionRefused(nc, 'gl.notify.>')).toBe(true);
  expect(await subscriptionRefused(nc, '_INBOX.>')).toBe(true);
});

test('the worker keeps the reports it issues; the API reads them and cannot write them', async () => {
  const api = await as('api');
  await expect((await issuedReports(api, { read: true })).list()).resolves.toEqual([]); // none issued yet: no store to open
  const meta: IssuedReport = { kind: 'week', key: '2026-W45', title: '挂责问效周调度', period: '2026年第45周', issuedAt: '2026-11-09T00:30:00.000Z', sentTo: [] };
  const worker = await issuedReports(await as('worker'));
  await worker.put(meta, { json: new TextEncoder().encode('{}'), xlsx: new Uint8Array([1, 2]), pdf: new Uint8Array(300_000).fill(7) });
  await expect(worker.sent('week', '2026-W45', ['leader-sun'])).resolves.toEqual({ ...meta, sentTo: ['leader-sun'] });
  const read = await issuedReports(api, { read: true });
  await expect(read.list()).resolves.toEqual([{ ...meta, sentTo: ['leader-sun'] }]);
  expect((await read.file('week', '2026-W45', 'pdf'))?.length).toBe(300_000);
  await expect(read.put(meta, { json: new Uint8Array(), xlsx: new Uint8Array(), pdf: new Uint8Array() })).rejects.toThrow();
  await expect(publish(api, '$O.gl-reports.M.anything')).rejects.toThrow();
});

test("the API's intake consumes commands and keeps the ended sessions and the agents; it cannot publish events or notifications", async () => {
  const nc = await as('api');
  // Never reached: the intake only consumes here, it starts nothing.
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const intake = await startIntake(nc, { client, taskQueue: 'greenlight', directoryPath }, logger);
  await intake.stop();
  await client.connection.close();
  await SessionEnds.open(nc);
  // The people's agents (代理): named, read back through the watch, cleared.
  const agents = await Agents.open(nc);
  const agent = { agentId: 'tax-li', from: '2026-01-01T00:00:00.000Z', until: '2099-01-01T00:00:00.000Z', setBy: 'tax-huang', setAt: '2026-01-01T00:00:00.000Z' };
  await agents.set('tax-huang', agent);
  const again = await Agents.open(nc);
  expect(again.of('tax-huang')).toEqual(agent);
  await agents.clear('tax-huang');
  agents.stop();
  again.stop();
  expect(await subscriptionRefused(nc, 'gl.evt.>')).toBe(false);
  await expect(publish(nc, 'gl.evt.request.submitted')).rejects.toThrow();
  await expect(publish(nc, 'gl.notify.tax-huang')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_NOTIFY')).rejects.toThrow();
  expect(await subscriptionRefused(nc, 'gl.notify.>')).toBe(true);
  expect(await subscriptionRefused(nc, '_INBOX_worker.>')).toBe(true);
});

test('the notifier runs; it cannot submit commands, publish events or read the commands', async () => {
  const nc = await as('notifier');
  const notifier = await runNotifier(nc, directoryPath, logger);
  await notifier.stop();
  await expect(publish(nc, 'gl.dlq.notify.webhook.tax-huang')).resolves.toMatchObject({ stream: 'GL_DLQ' });
  await expect(publish(nc, 'gl.dlq.cmd.request.submit')).rejects.toThrow();
  await expect(publish(nc, 'gl.cmd.request.submit')).rejects.toThrow();
  await expect(publish(nc, 'gl.evt.request.submitted')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_COMMANDS')).rejects.toThrow();
  expect(await subscriptionRefused(nc, 'gl.cmd.>')).toBe(true);
});

test('the recorder reads the events and nothing else, and publishes nothing', async () => {
  const nc = await as('recorder');
  const consumer = await consumerOn(nc, 'GL_EVENTS');
  await (await jetstreamManager(nc)).consumers.delete('GL_EVENTS', consumer.name);
  await expect(publish(nc, 'gl.evt.request.submitted')).rejects.toThrow();
  await expect(publish(nc, 'gl.cmd.request.submit')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_COMMANDS')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_NOTIFY')).rejects.toThrow();
  expect(await subscriptionRefused(nc, 'gl.notify.>')).toBe(true);
});

test('a submitter submits commands and reads nothing: no event, no notification, no other stream', async () => {
  const nc = await as('submitter');
  await expect(publish(nc, 'gl.cmd.request.submit')).resolves.toMatchObject({ stream: 'GL_COMMANDS' });
  await expect(publish(nc, 'gl.evt.request.submitted')).rejects.toThrow();
  await expect(publish(nc, 'gl.notify.tax-huang')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_EVENTS')).rejects.toThrow();
  await expect(consumerOn(nc, 'GL_COMMANDS')).rejects.toThrow();
  expect(await subscriptionRefused(nc, 'gl.evt.>')).toBe(true);
  expect(await subscriptionRefused(nc, 'gl.notify.>')).toBe(true);
  expect(await subscriptionRefused(nc, '$KV.gl-directory.>')).toBe(true);
});
