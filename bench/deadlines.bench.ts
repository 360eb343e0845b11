/**
 * Benchmark (not a test): many deadlines at one instant. Starts `count` human tasks whose
 * escalation rung falls on the same instant (one clock start, one duration), waits for it, and
 * reports p50/p99 from that instant to each task's `task.escalated` event on NATS and to the
 * notification on `gl.notify.<person>` (the leader actually told, through the notifier). Then,
 * in the same process on the same server, bare Temporal with the same shape — a timer to the
 * instant, then a local activity publishing to JetStream (bare/deadline-workflow.ts) — and the ratio.
 *
 *   npx tsx bench/deadlines.bench.ts [count=1000] [leadSeconds=40]
 *
 * `leadSeconds` is how far ahead the instant lies: every task must have started before it, or
 * the figure would measure the starts; the JSON says how many started late.
 */
import { readFileSync } from 'node:fs';
import { jetstream } from '@nats-io/jetstream';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { maxCachedWorkflows } from '../contracts/config';
import type { CloudEvent } from '../contracts/events';
import { startStack, type TestStack } from '../test/harness/stack';
import { bareDeadline } from './bare/deadline-workflow';
import { inBatches, summarize, workMeter } from './stats';
import { escalationAfter, startTasks } from './tasks';

const load = () => readFileSync('/proc/loadavg', 'utf8').trim();
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Resolves when `n` samples are in, or after `timeoutMs`, with what arrived. */
function collect(n: number, timeoutMs: number, samples: Map<string, number>): Promise<void> {
  return new Promise((resolve) => {
    const end = Date.now() + timeoutMs;
    const check = () => (samples.size >= n || Date.now() > end ? resolve() : setTimeout(check, 50));
    check();
  });
}

/** From `at` (waited for) on: what each deadline costs (workMeter), and how busy the cores were. */
async function meterFrom(at: number, stack: TestStack) {
  await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
  const meter = await workMeter(stack);
  const t0 = Date.now();
  return async (units: number) => {
    const cost = await meter.stop(units);
    const seconds = (Date.now() - t0) / 1000;
    return { seconds: +seconds.toFixed(1), coresBusy: +(cost.cpuSeconds.total / seconds).toFixed(2), ...cost };
  };
}
type StormCost = Awaited<ReturnType<Awaited<ReturnType<typeof meterFrom>>>>;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const leadS = Number(process.argv[3] ?? 40);
  const loadAtStart = load();
  const stack = await startStack({ temporalMetrics: true });
  const run = Date.now().toString(36);

  const escalatedAt = new Map<string, number>();
  const notifiedAt = new Map<string, number>();
  const events = stack.nats.subscribe('gl.evt.task.escalated');
  void (async () => {
    for await (const m of events) {
      const subject = String(m.json<CloudEvent>().subject);
      if (subject.startsWith(`dl-${run}-`) && !escalatedAt.has(subject)) escalatedAt.set(subject, Date.now());
    }
  })();
  // The leader the rung names: one notification per task reaches them.
  const notifications = stack.nats.subscribe('gl.notify.leader-sun');
  void (async () => {
    for await (const m of notifications) {
      const text = m.string();
      const id = new RegExp(`dl-${run}-\\d+/handling`).exec(text)?.[0];
      if (id && !notifiedAt.has(id)) notifiedAt.set(id, Date.now());
    }
  })();

  const clockStart = new Date();
  const dueAt = clockStart.getTime() + leadS * 1000;
  process.stderr.write(`load ${loadAtStart}: starting ${count} tasks, all escalating at ${new Date(dueAt).toISOString()}\n`);
  let startedLate = 0;
  const s0 = Date.now();
  await startTasks(stack, count, {
    prefix: `dl-${run}`,
    ladder: escalationAfter(leadS, ['assignedLeader']),
    input: (i) => ({ title: `deadline ${i}`, assignedLeaderId: 'leader-sun', clockStartsAt: clockStart.toISOString() }),
    onStarted: () => void (Date.now() > dueAt && startedLate++),
  });
  const startsPerSecond = count / ((Date.now() - s0) / 1000);
  const storm = await meterFrom(dueAt, stack);
  const loadAtInstant = load();
  const rssAtInstantMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  await collect(count, Math.max(0, dueAt - Date.now()) + 60_000, notifiedAt);
  await collect(count, 5_000, escalatedAt);
  const stormCost = await storm(count);
  events.unsubscribe();
  notifications.unsubscribe();

  // Bare: the same number of timers to one instant, each then publishing one event.
  process.stderr.write(`bare Temporal (load ${load()})...\n`);
  const js = jetstream(stack.nats);
  const bareAt = new Map<string, number>();
  const bareSub = stack.nats.subscribe('gl.evt.bench.escalated');
  void (async () => {
    for await (const m of bareSub) bareAt.set(m.string(), Date.now());
  })();
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const worker = await Worker.create({
    connection, taskQueue: 'bench-bare-deadline',
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./bare/deadline-workflow'), logger: quiet }),
    // Like the engine's publish: the msgID makes a retried publish one event.
    activities: { publishEscalation: async (workflowId: string) => void (await js.publish('gl.evt.bench.escalated', workflowId, { msgID: workflowId })) },
  });
  const bareDue = Date.now() + Math.min(leadS, 20) * 1000;
  const bareDueIso = new Date(bareDue).toISOString();
  const bareLoad = load();
  let bareCost: StormCost | undefined;
  await worker.runUntil(async () => {
    await inBatches(Array.from({ length: count }, (_, i) => i), 64, async (i) => {
      await stack.client.workflow.start(bareDeadline, { taskQueue: 'bench-bare-deadline', workflowId: `bare-dl-${run}-${i}`, args: [bareDueIso] });
    });
    const bareStorm = await meterFrom(bareDue, stack);
    await collect(count, Math.max(0, bareDue - Date.now()) + 60_000, bareAt);
    bareCost = await bareStorm(count);
  });
  bareSub.unsubscribe();
  await connection.close();

  const escalation = summarize([...escalatedAt.values()].map((t) => t - dueAt));
  const notification = summarize([...notifiedAt.values()].map((t) => t - dueAt));
  const bare = summarize([...bareAt.values()].map((t) => t - bareDue));
  console.log(JSON.stringify({
    benchmark: `${count} deadlines at one instant`,
    loadAtStart,
    temporalStore: stack.temporalStore,
    loadAtInstant,
    loadAtBareStart: bareLoad,
    node: process.version,
    tasks: count,
    startsPerSecond: +startsPerSecond.toFixed(1),
    startedAfterTheInstant: startedLate,
    maxCachedWorkflows: maxCachedWorkflows(process.env),
    stackProcessRssMbAtTheInstant: rssAtInstantMb,
    deadlineToEscalationEventMs: escalation,
    deadlineToLeaderNotificationMs: notification,
    bareTimerToPublishedEventMs: bare,
    fromTheInstantToTheLast: { greenlight: stormCost, bare: bareCost },
    ratioToBare: {
      escalationEvent: { p50: +(escalation.p50 / bare.p50).toFixed(2), p99: +(escalation.p99 / bare.p99).toFixed(2) },
      leaderNotification: { p50: +(notification.p50 / bare.p50).toFixed(2), p99: +(notification.p99 / bare.p99).toFixed(2) },
    },
  }, null, 2));
  await stack.stop();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
