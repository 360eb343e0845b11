/**
 * Benchmark (not a test): enterprise requests end to end on real servers — submitted on NATS,
 * handled by the department and confirmed by the liaison through the API, as soon as each task
 * shows in the person's inbox — at a steady offered load and in a burst. Beside each run, in the
 * same process and on the same Temporal server, bare Temporal doing the same shape of work
 * (start, two Updates in sequence, result; bare-workflow.ts), and each figure as a ratio.
 *
 *   npx tsx processes/enterprise-request/requests.bench.ts steady [rates=2,5] [seconds=30]
 *   npx tsx processes/enterprise-request/requests.bench.ts burst [count=300]
 *
 * Figures (milliseconds, p50/p99):
 * - submitToInbox: the command published → the handling task listed in the staff's inbox;
 * - completionToNextTask: the handling completed (API answered) → the confirmation in the liaison's inbox;
 * - confirmationToClosedEvent: the confirmation completed → `request.closed` on NATS;
 * - endToEnd: submit → closed event.
 * The bare run's counterparts: start → started (the first Update may land), Update 1 answered →
 * Update 2 answered, and start → result.
 *
 * A rate is "sustained" when every request offered in the window closed within 5 s of the
 * window's end and the submit → inbox p50 of the window's last third is at most twice that of its
 * first third plus 250 ms (a queue that grows shows in both).
 *
 * Where a request's time goes (`stagesMs`): for up to 40 requests spread over each run, the
 * request's and its two tasks' histories after the run, with the event times the benchmark saw,
 * split submit → inbox and completion → next task into their stages (see `stagesOf`).
 *
 * Inboxes are read as the workbench reads them: on the task's `task.created` event, then every
 * 50 ms (BENCH_INBOX_POLL_MS) until it shows; BENCH_INBOX=poll reads them every 50 ms from the
 * submit on instead (see Inboxes). Each run also counts the CPU seconds the stack's process, the
 * Temporal server and the NATS server spent, per request (bench/stats.ts cpuMeter).
 */
import { readFileSync } from 'node:fs';
import { jetstream } from '@nats-io/jetstream';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { CloudEvent } from '../../contracts/events';
import { startStack, type TestStack } from '../../test/harness/stack';
import { bareRequest, confirmUpdate, resolveUpdate } from './bare-workflow';
import { inBatches, summarize, workMeter } from '../../bench/stats';
import { inboxReading, Inboxes } from '../../bench/inboxes';
import { childStartInitiatedAt, EventType, firstEvent, historyOf, parentTaskAfterChildClosed, stageBreakdown, taskOpening, timeOf } from '../../bench/histories';

const departments = [
  { category: 'tax', staff: 'tax-huang' },
  { category: 'financing', staff: 'finance-liu' },
  { category: 'permits', staff: 'permits-feng' },
  { category: 'propertyServices', staff: 'housing-wu' },
] as const;
const LIAISON = 'liaison-ye';
const INBOX_MODE = process.env.BENCH_INBOX === 'poll' ? 'poll' : 'events';

type Summary = ReturnType<typeof summarize>;

/** `request.closed` events as they arrive, awaitable by request id. */
function closedEvents(stack: TestStack) {
  const at = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  const sub = stack.nats.subscribe('gl.evt.request.closed');
  void (async () => {
    for await (const m of sub) {
      const id = String(m.json<CloudEvent>().subject);
      const now = Date.now();
      at.set(id, now);
      waiters.get(id)?.(now);
    }
  })();
  return {
    when: (id: string) => (at.has(id) ? Promise.resolve(at.get(id)!) : new Promise<number>((r) => waiters.set(id, r))),
    stop: () => sub.unsubscribe(),
  };
}

interface Sample {
  scheduledAt: number;
  id: string;
  /** The benchmark's clock: the command published, the handling listed, the handling's completion answered, the confirmation listed. */
  at: { submitted: number; handlingSeen: number; handled: number; confirmationSeen: number };
  submitToInbox: number;
  completionToNextTask: number;
  confirmationToClosedEvent: number;
  endToEnd: number;
  closedAt: number;
}

interface BareSample {
  scheduledAt: number;
  startToStarted: number;
  updateToNextUpdate: number;
  endToEnd: number;
  closedAt: number;
}

/** Runs `one(i)` at `rate` per second for `seconds` (or all at once when rate is Infinity), open loop. */
async function offer<T>(count: number, rate: number, one: (i: number, scheduledAt: number) => Promise<T>): Promise<{ t0: number; samples: T[] }> {
  const t0 = Date.now();
  if (!Number.isFinite(rate)) {
    const samples: T[] = new Array(count);
    await inBatches(Array.from({ length: count }, (_, i) => i), 64, async (i) => void (samples[i] = await one(i, t0)));
    return { t0, samples };
  }
  const runs: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const at = t0 + (i * 1000) / rate;
    const wait = at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    runs.push(one(i, at));
  }
  return { t0, samples: await Promise.all(runs) };
}

const ratio = (a: Summary, b: Summary) => ({ p50: +(a.p50 / b.p50).toFixed(2), p99: +(a.p99 / b.p99).toFixed(2) });

async function greenlightRun(stack: TestStack, inboxes: Inboxes, closed: ReturnType<typeof closedEvents>, count: number, rate: number) {
  const js = jetstream(stack.nats);
  const run = Date.now().toString(36);
  const complete = async (person: string, taskId: string, body: unknown) => {
    const res = await stack.call(person, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, body);
    if (res.status !== 200) throw new Error(`completing ${taskId}: ${res.status} ${JSON.stringify(res.body)}`);
    return Date.now();
  };
  const { t0, samples } = await offer<Sample>(count, rate, async (i, scheduledAt) => {
    const id = `req-bench-${run}-${i}`;
    const d = departments[i % departments.length];
    const submitted = Date.now();
    const handlingSeen = inboxes.waitFor(d.staff, `${id}/handling-1`);
    await js.publish('gl.cmd.request.submit', JSON.stringify({
      id, enterprise: { name: `企业 ${i}` }, category: d.category, title: `bench request ${i}`, description: 'benchmark', liaisonId: LIAISON,
    }));
    const seen = await handlingSeen;
    const confirmationSeen = inboxes.waitFor(LIAISON, `${id}/confirmation-1`);
    const handled = await complete(d.staff, `${id}/handling-1`, { outcome: 'resolved', payload: { summary: 'done' } });
    const seen2 = await confirmationSeen;
    const confirmed = await complete(LIAISON, `${id}/confirmation-1`, { outcome: 'satisfied', payload: {} });
    const closedAt = await closed.when(id);
    return {
      scheduledAt, id, at: { submitted, handlingSeen: seen, handled, confirmationSeen: seen2 },
      submitToInbox: seen - submitted, completionToNextTask: seen2 - handled,
      confirmationToClosedEvent: closedAt - confirmed, endToEnd: closedAt - submitted, closedAt,
    };
  });
  return { t0, samples };
}

async function bareRun(stack: TestStack, count: number, rate: number) {
  const run = Date.now().toString(36);
  return offer<BareSample>(count, rate, async (i, scheduledAt) => {
    const started = Date.now();
    const handle = await stack.client.workflow.start(bareRequest, { taskQueue: 'bench-bare', workflowId: `bare-${run}-${i}` });
    const ready = Date.now();
    await handle.executeUpdate(resolveUpdate, { args: ['done'] });
    const first = Date.now();
    await handle.executeUpdate(confirmUpdate, { args: [true] });
    const second = Date.now();
    await handle.result();
    const closedAt = Date.now();
    return { scheduledAt, startToStarted: ready - started, updateToNextUpdate: second - first, endToEnd: closedAt - started, closedAt };
  });
}

/**
 * One request's stages, from its histories and what the benchmark saw (bench/histories.ts).
 * Submit → inbox: the command to the request workflow's start (NATS, the intake, the start), its
 * first workflow task waiting for the worker, that task running to the child's start (routing,
 * the first events), the handling task's opening, and its `task.created` to the task listed in
 * the inbox (visibility, the API's read). Completion → next task: the handling task closing after
 * its Update answered, the request's next workflow task, then the same for the confirmation.
 */
async function stagesOf(stack: TestStack, inboxes: Inboxes, s: Sample): Promise<Record<string, number>> {
  const handlingId = `${s.id}/handling-1`;
  const confirmationId = `${s.id}/confirmation-1`;
  const [request, handling, confirmation] = await Promise.all([historyOf(stack, s.id), historyOf(stack, handlingId), historyOf(stack, confirmationId)]);
  const requestStarted = timeOf(request[0]);
  const requestFirstTask = timeOf(firstEvent(request, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));
  const handlingInitiated = childStartInitiatedAt(request, handlingId);
  const handlingClosed = timeOf(handling[handling.length - 1]);
  const parentTask = parentTaskAfterChildClosed(request, handlingId);
  const confirmationInitiated = childStartInitiatedAt(request, confirmationId);
  return {
    commandToRequestStarted: requestStarted - s.at.submitted,
    requestFirstWorkflowTaskQueued: requestFirstTask - requestStarted,
    requestFirstWorkflowTaskToChildStart: handlingInitiated - requestFirstTask,
    ...taskOpening(handling, handlingInitiated, inboxes.createdAt(handlingId), 'handling'),
    handlingCreatedEventToInbox: s.at.handlingSeen - inboxes.createdAt(handlingId),
    completionAnsweredToHandlingClosed: handlingClosed - s.at.handled,
    handlingClosedToRequestWorkflowTask: parentTask - handlingClosed,
    requestWorkflowTaskToChildStart: confirmationInitiated - parentTask,
    ...taskOpening(confirmation, confirmationInitiated, inboxes.createdAt(confirmationId), 'confirmation'),
    confirmationCreatedEventToInbox: s.at.confirmationSeen - inboxes.createdAt(confirmationId),
  };
}

/** Sustained: everything closed within 5 s of the window, and the latency of its last third not run away from its first. */
function sustained(t0: number, seconds: number, samples: Array<{ scheduledAt: number; closedAt: number }>, latency: (s: never) => number): { sustained: boolean; drainAfterWindowS: number; firstThirdP50: number; lastThirdP50: number } {
  const windowEnd = t0 + seconds * 1000;
  const drain = (Math.max(...samples.map((s) => s.closedAt)) - windowEnd) / 1000;
  const third = (k: number) => summarize(samples.filter((s) => {
    const f = (s.scheduledAt - t0) / (seconds * 1000);
    return f >= k / 3 && f < (k + 1) / 3;
  }).map((s) => latency(s as never))).p50;
  const firstThirdP50 = third(0);
  const lastThirdP50 = third(2);
  return { sustained: drain <= 5 && lastThirdP50 <= 2 * firstThirdP50 + 250, drainAfterWindowS: +drain.toFixed(1), firstThirdP50, lastThirdP50 };
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'steady';
  if (mode !== 'steady' && mode !== 'burst') throw new Error('mode: steady or burst');
  const rates = mode === 'steady' ? (process.argv[3] ?? '2,5').split(',').map(Number) : [Infinity];
  const seconds = mode === 'steady' ? Number(process.argv[4] ?? 30) : 0;
  const burst = Number(process.argv[3] ?? 300);
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').trim();
  process.stderr.write(`load ${loadAtStart}; starting the stack...\n`);
  const stack = await startStack({ temporalMetrics: true });
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const bareWorker = await Worker.create({
    connection, taskQueue: 'bench-bare', workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./bare-workflow'), logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } }),
  });
  const bareRunning = bareWorker.run();
  const inboxes = new Inboxes(stack, [...departments.map((d) => d.staff), LIAISON], INBOX_MODE);
  const closed = closedEvents(stack);

  const runs = [];
  for (const rate of rates) {
    const count = mode === 'burst' ? burst : Math.round(rate * seconds);
    process.stderr.write(`${mode} ${mode === 'burst' ? count : `${rate}/s for ${seconds}s`}: Greenlight (load ${readFileSync('/proc/loadavg', 'utf8').trim()})...\n`);
    const queriesBefore = inboxes.queries;
    const readsBefore = inboxes.readMs.length;
    const gMeter = await workMeter(stack);
    const g = await greenlightRun(stack, inboxes, closed, count, rate);
    const gCost = await gMeter.stop(count);
    process.stderr.write(`  bare Temporal (load ${readFileSync('/proc/loadavg', 'utf8').trim()})...\n`);
    const bMeter = await workMeter(stack);
    const b = await bareRun(stack, count, rate);
    const bCost = await bMeter.stop(count);
    const stagesMs = await stageBreakdown(g.samples, (sample) => stagesOf(stack, inboxes, sample));
    const gEnd = Math.max(...g.samples.map((s) => s.closedAt));
    const bEnd = Math.max(...b.samples.map((s) => s.closedAt));
    const greenlight = {
      requests: count,
      closedPerSecond: +(count / ((gEnd - g.t0) / 1000)).toFixed(1),
      submitToInboxMs: summarize(g.samples.map((s) => s.submitToInbox)),
      completionToNextTaskMs: summarize(g.samples.map((s) => s.completionToNextTask)),
      confirmationToClosedEventMs: summarize(g.samples.map((s) => s.confirmationToClosedEvent)),
      endToEndMs: summarize(g.samples.map((s) => s.endToEnd)),
      inboxQueries: inboxes.queries - queriesBefore,
      inboxReadMs: summarize(inboxes.readMs.slice(readsBefore)),
      stagesMs,
      ...gCost,
      ...(mode === 'steady' ? sustained(g.t0, seconds, g.samples, (s: Sample) => s.submitToInbox) : {}),
    };
    const bare = {
      workflows: count,
      closedPerSecond: +(count / ((bEnd - b.t0) / 1000)).toFixed(1),
      startToStartedMs: summarize(b.samples.map((s) => s.startToStarted)),
      updateToNextUpdateMs: summarize(b.samples.map((s) => s.updateToNextUpdate)),
      endToEndMs: summarize(b.samples.map((s) => s.endToEnd)),
      ...bCost,
      ...(mode === 'steady' ? sustained(b.t0, seconds, b.samples, (s: BareSample) => s.startToStarted) : {}),
    };
    runs.push({
      offeredPerSecond: Number.isFinite(rate) ? rate : 'burst',
      seconds: mode === 'steady' ? seconds : undefined,
      greenlight,
      bare,
      ratioGreenlightToBare: {
        closedPerSecond: +(bare.closedPerSecond / greenlight.closedPerSecond).toFixed(2),
        cpuPerUnit: +(gCost.cpuSeconds.total / bCost.cpuSeconds.total).toFixed(2),
        submitToInboxVsStart: ratio(greenlight.submitToInboxMs, bare.startToStartedMs),
        completionToNextTaskVsUpdate: ratio(greenlight.completionToNextTaskMs, bare.updateToNextUpdateMs),
        endToEnd: ratio(greenlight.endToEndMs, bare.endToEndMs),
      },
    });
  }
  const sustainedRates = runs.filter((r) => r.greenlight.sustained).map((r) => r.offeredPerSecond as number);
  console.log(JSON.stringify({
    benchmark: `enterprise requests, ${mode}`,
    loadAtStart,
    temporalStore: stack.temporalStore,
    loadAtEnd: readFileSync('/proc/loadavg', 'utf8').trim(),
    node: process.version,
    inbox: inboxReading(INBOX_MODE),
    runs,
    ...(mode === 'steady' ? { highestSustainedOfferedPerSecond: sustainedRates.length ? Math.max(...sustainedRates) : null } : {}),
  }, null, 2));
  closed.stop();
  await inboxes.stop();
  bareWorker.shutdown();
  await bareRunning;
  await connection.close();
  await stack.stop();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
