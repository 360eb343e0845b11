/**
 * One hanging webhook delays nobody else (issue 26): a receiver that never answers takes a burst,
 * a healthy one then takes a few; the healthy ones arrive well within one try's timeout, because
 * a hanging endpoint holds at most `perEndpoint` delivery slots and its circuit opens after a few
 * failed tries. On a real NATS server, with two real HTTP receivers.
 *
 *   npx jest notifier/isolation.integration.test.ts
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import pino from 'pino';
import type { Notification } from '../contracts/events';
import { startNatsServer, type NatsServer } from '../runtime/dev-servers';
import { ensureStreams } from '../runtime/streams';
import { eventually } from '../test/harness/eventually';
import { repoRoot } from '../test/harness/harness';
import { runNotifier } from './notifier';

const TRY_TIMEOUT_MS = 3_000;
let dataDir: string;
let natsServer: NatsServer;
let nats: NatsConnection;
let hanging: Server;
let healthy: Server;
const arrived = new Map<string, number>();

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gl-isolation-'));
  natsServer = await startNatsServer({ storeDir: join(dataDir, 'nats') });
  nats = await connect({ servers: natsServer.url });
  await ensureStreams(nats);
  hanging = createServer(() => undefined); // takes the request, never answers
  healthy = createServer((req, res) => {
    arrived.set(String(req.headers['idempotency-key']), Date.now());
    req.resume().on('end', () => res.writeHead(200).end('{}'));
  });
  const [hangingUrl, healthyUrl] = [await listen(hanging), await listen(healthy)];
  const directory = JSON.parse(readFileSync(join(repoRoot, 'directory/demo.json'), 'utf8'));
  for (const p of directory.people) {
    if (p.id === 'leader-sun') p.channels = { webhook: { url: `${hangingUrl}/sun` } };
    if (p.id === 'leader-qian') p.channels = { webhook: { url: `${healthyUrl}/qian` } };
  }
  writeFileSync(join(dataDir, 'directory.json'), JSON.stringify(directory));
}, 60_000);

afterAll(async () => {
  hanging?.closeAllConnections();
  healthy?.closeAllConnections();
  await Promise.all([hanging, healthy].map((s) => new Promise((r) => s?.close(r))));
  await nats?.drain();
  await natsServer?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const notification = (personId: string, i: number): Notification => ({
  id: `iso-${personId}-${i}`, personId, kind: 'escalation', urgent: true, subject: `【超期升级】测试 ${i}`, text: `【超期升级】测试 ${i}`,
  eventId: `iso-event-${personId}-${i}`, eventType: 'gl.evt.task.escalated', time: new Date().toISOString(),
});

test("a burst to a hanging webhook does not delay another leader's", async () => {
  const notifier = await runNotifier(nats, join(dataDir, 'directory.json'), pino({ level: 'silent' }), {
    events: false,
    channels: { webhook: { secrets: () => 'a-secret-of-at-least-sixteen', timeoutMs: TRY_TIMEOUT_MS } },
    backoffMs: [60_000],
    concurrency: 8,
    perEndpoint: 2,
  });
  try {
    const js = jetstream(nats);
    for (let i = 0; i < 40; i++) await js.publish('gl.notify.leader-sun', JSON.stringify(notification('leader-sun', i)));
    const sent = new Map<string, number>();
    for (let i = 0; i < 10; i++) {
      const n = notification('leader-qian', i);
      sent.set(n.id, Date.now());
      await js.publish('gl.notify.leader-qian', JSON.stringify(n));
    }
    await eventually(async () => arrived.size, (size) => size === 10, 'the healthy notifications', 30_000);
    const latencies = [...sent].map(([id, at]) => (arrived.get(id) ?? Infinity) - at);
    // A slot held by the hanging receiver frees only after a whole try: none of these waited for one.
    expect(Math.max(...latencies)).toBeLessThan(TRY_TIMEOUT_MS / 2);
  } finally {
    await notifier.stop();
  }
}, 60_000);
