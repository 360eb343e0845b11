/**
 * Benchmark (not a test): healthy webhook latency while one endpoint hangs. A receiver that takes
 * requests and never answers gets a burst of `burst` escalations; then, one every 50 ms, `healthy`
 * escalations go to a receiver that answers at once. Run twice on one NATS server: `shared` (every
 * endpoint may take all 32 slots: the notifier before issue 26) and `isolated` (4 slots an endpoint
 * and its circuit breaker: now). Prints publish → arrival p50/p99 of the healthy ones, in JSON.
 *
 *   npx tsx bench/hanging-webhook.bench.ts [burst] [healthy]
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pino from 'pino';
import type { Notification } from '../contracts/events';
import { runNotifier } from '../notifier/notifier';
import { startNatsServer } from '../runtime/dev-servers';
import { ensureStreams } from '../runtime/streams';
import { repoRoot } from '../test/harness/harness';
import { summarize } from './stats';

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function main(): Promise<void> {
  const burst = Number(process.argv[2] ?? 240);
  const healthyCount = Number(process.argv[3] ?? 60);
  const load = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'gl-bench-hanging-'));
  const nats = await startNatsServer({ storeDir: join(dir, 'nats') });
  const nc = await connect({ servers: nats.url });
  await ensureStreams(nc);
  const arrived = new Map<string, number>();
  const hanging = createServer(() => undefined);
  const healthy = createServer((req, res) => {
    arrived.set(String(req.headers['idempotency-key']), Date.now());
    req.resume().on('end', () => res.writeHead(200).end('{}'));
  });
  const [hangingUrl, healthyUrl] = [await listen(hanging), await listen(healthy)];
  const directory = JSON.parse(readFileSync(join(repoRoot, 'directory/demo.json'), 'utf8'));
  for (const p of directory.people) {
    if (p.id === 'leader-sun') p.channels = { webhook: { url: `${hangingUrl}/sun` } };
    if (p.id === 'leader-qian') p.channels = { webhook: { url: `${healthyUrl}/qian` } };
  }
  const directoryPath = join(dir, 'directory.json');
  writeFileSync(directoryPath, JSON.stringify(directory));
  const js = jetstream(nc);
  const results: Record<string, unknown> = {};
  for (const [name, perEndpoint] of [['shared', 32], ['isolated', 4]] as const) {
    const notifier = await runNotifier(nc, directoryPath, pino({ level: 'silent' }), {
      events: false, channels: { webhook: { secrets: () => 'bench-secret-0123456789', timeoutMs: 10_000 } },
      concurrency: 32, perEndpoint, backoffMs: [600_000],
    });
    const n = (personId: string, i: number): Notification => ({
      id: `${name}-${personId}-${i}`, personId, kind: 'escalation', urgent: true, subject: `【超期升级】${i}`, text: `【超期升级】${i}`,
      eventId: `${name}-e-${personId}-${i}`, eventType: 'gl.evt.task.escalated', time: new Date().toISOString(),
    });
    for (let i = 0; i < burst; i++) await js.publish('gl.notify.leader-sun', JSON.stringify(n('leader-sun', i)));
    const sent = new Map<string, number>();
    for (let i = 0; i < healthyCount; i++) {
      const m = n('leader-qian', i);
      sent.set(m.id, Date.now());
      await js.publish('gl.notify.leader-qian', JSON.stringify(m));
      await sleep(50);
    }
    const deadline = Date.now() + 120_000;
    while ([...sent.keys()].some((id) => !arrived.has(id)) && Date.now() < deadline) await sleep(100);
    const latencies = [...sent].filter(([id]) => arrived.has(id)).map(([id, at]) => arrived.get(id)! - at);
    results[name] = { perEndpoint, healthyMs: summarize(latencies), lost: sent.size - latencies.length };
    hanging.closeAllConnections();
    await notifier.stop();
    // What the hanging endpoint still holds waits for the next run's consumer: start each run clean.
    await (await js.jetstreamManager()).streams.purge('GL_NOTIFY');
  }
  console.log(JSON.stringify({ benchmark: 'hanging-webhook', burst, healthy: healthyCount, tryTimeoutMs: 10_000, loadAtStart: load, ...results }, null, 2));
  hanging.closeAllConnections();
  healthy.closeAllConnections();
  hanging.close();
  healthy.close();
  await nc.drain();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
