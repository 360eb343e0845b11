/**
 * Benchmark (not a test): 1,000 escalations due at the same instant, delivered to webhooks.
 * Every task starts its clock at the same moment, so every escalation rung falls due at one
 * instant; each tells the task's assigned leader, whose webhook is a receiver this process runs.
 * Reports p50/p99 from the deadline to the webhook receiving the notification (signature checked),
 * and the two parts of it: deadline → escalation event on NATS (Temporal's timers and the outbox)
 * and event → webhook (the notifier and the channel). Tasks must all be created before the
 * deadline for the first part to mean anything: the benchmark says when they were not.
 *
 *   npx tsx bench/notifications.bench.ts [count] [due-after-seconds]
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Notification } from '../contracts/events';
import { runNotifier } from '../notifier/notifier';
import { verify } from '../notifier/webhook';
import { repoRoot } from '../test/harness/harness';
import { startStack } from '../test/harness/stack';
import { progress, summarize } from './stats';
import { escalationAfter, startTasks } from './tasks';

const leaders = ['leader-zhao', 'leader-qian', 'leader-sun', 'leader-zhou'];
const secret = 'bench-secret-0123456789';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const dueAfterS = Number(process.argv[3] ?? 40);
  const load = loadavg().map((l) => +l.toFixed(2));
  const delays: number[] = [];
  const notifierDelays: number[] = [];
  const eventArrived = new Map<string, number>();
  let lastCreated = 0;
  const seen = new Set<string>();
  let bad = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((r) => (resolveAll = r));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrived = Date.now();
      const raw = Buffer.concat(chunks).toString('utf8');
      const ok = verify(secret, { timestamp: req.headers['x-greenlight-timestamp'] as string, signature: req.headers['x-greenlight-signature'] as string }, raw);
      res.writeHead(ok ? 200 : 401).end();
      if (!ok) return void bad++;
      const n = JSON.parse(raw) as Notification;
      if (n.kind !== 'escalation' || seen.has(n.id)) return;
      seen.add(n.id);
      delays.push(arrived - Date.parse(n.time));
      const event = eventArrived.get(n.eventId);
      if (event !== undefined) notifierDelays.push(arrived - event);
      progress('escalations received by webhooks', seen.size, count);
      if (seen.size === count) resolveAll();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  const dir = mkdtempSync(join(tmpdir(), 'gl-bench-notify-'));
  const directory = JSON.parse(readFileSync(join(repoRoot, 'directory/demo.json'), 'utf8'));
  for (const p of directory.people) if (leaders.includes(p.id)) p.channels = { webhook: { url: `http://127.0.0.1:${port}/${p.id}`, kinds: ['escalation'] } };
  const directoryPath = join(dir, 'directory.json');
  writeFileSync(directoryPath, JSON.stringify(directory));

  process.stderr.write(`load average at start: ${load.join(' ')}; starting the stack (Temporal, NATS, worker, API, notifier)...\n`);
  const stack = await startStack({ directoryPath });
  const notifier = await runNotifier(stack.nats, directoryPath, pino({ level: 'silent' }), {
    events: false,
    channels: { webhook: { secrets: () => secret } },
  });

  const sub = stack.nats.subscribe('gl.evt.task.>');
  void (async () => {
    for await (const m of sub) {
      const event = m.json<{ id: string; type: string }>();
      if (event.type === 'greenlight.task.escalated') eventArrived.set(event.id, Date.now());
      if (event.type === 'greenlight.task.created') lastCreated = Date.now();
    }
  })();
  const t0 = Date.now();
  const clockStartsAt = new Date(t0).toISOString();
  let started = 0;
  await startTasks(stack, count, {
    prefix: `bench-${t0}`,
    ladder: escalationAfter(dueAfterS, ['assignedLeader'], 'overdue: assigned leader'),
    input: (i) => ({ clockStartsAt, assignedLeaderId: leaders[i % leaders.length] }),
    onStarted: () => progress('tasks started', ++started, count),
  });
  const startedS = (Date.now() - t0) / 1000;
  if (startedS > dueAfterS) process.stderr.write(`warning: starting took ${startedS}s, past the deadline; raise due-after-seconds\n`);
  await all;
  sub.unsubscribe();
  const deadline = t0 + dueAfterS * 1000;
  const eventDelays = [...eventArrived.values()].map((at) => at - deadline);
  const result = {
    escalations: count,
    loadAverageAtStart: load,
    temporalStore: stack.temporalStore,
    tasksStartedInSeconds: +startedS.toFixed(1),
    lastTaskCreatedSecondsBeforeDeadline: +((deadline - lastCreated) / 1000).toFixed(1),
    deadlineToWebhookMs: summarize(delays),
    deadlineToEventMs: summarize(eventDelays),
    eventToWebhookMs: summarize(notifierDelays),
    badSignatures: bad,
  };
  console.log(JSON.stringify(result, null, 2));
  await notifier.stop();
  await stack.stop();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
