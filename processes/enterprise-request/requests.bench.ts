/**
 * Benchmark (not a test): 1,000 enterprise requests submitted through NATS and completed
 * through the API (handling by the department, confirmation by the liaison), on real servers.
 * Reports requests per second end to end, p50/p99 from submit to the task visible in the
 * inbox, and from the liaison's confirmation to the closed event; then the same number of bare
 * Temporal workflows with one Update each, for the ratio.
 *
 *   npx tsx processes/enterprise-request/requests.bench.ts [count]
 */
import { jetstream } from '@nats-io/jetstream';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { CloudEvent } from '../../contracts/events';
import { startStack, type TestStack } from '../../test/harness/stack';
import { bareRequest, resolveUpdate } from './bare-workflow';
import { inBatches, progress, summarize } from '../../bench/stats';

const departments = [
  { category: 'tax', staff: 'tax-huang' },
  { category: 'financing', staff: 'finance-liu' },
  { category: 'permits', staff: 'permits-feng' },
  { category: 'propertyServices', staff: 'housing-wu' },
] as const;

/**
 * Works a person's inbox as staff would: every wanted task that shows up is noted (when it
 * became visible) and completed, until all are done. An inbox lists at most 500 tasks, soonest
 * first, so waiting for all of them to show before acting would never end.
 */
async function workInbox(
  stack: TestStack, personId: string, wanted: Set<string>, visibleAt: Map<string, number>, doneAt: Map<string, number>,
  body: { outcome: string; payload: Record<string, unknown> }, total: number, label: string,
): Promise<void> {
  while ([...wanted].some((id) => !doneAt.has(id))) {
    const res = await stack.call(personId, 'GET', '/api/tasks?limit=500');
    const now = Date.now();
    const fresh = (res.body.tasks as Array<{ taskId: string }>).map((t) => t.taskId).filter((id) => wanted.has(id) && !doneAt.has(id));
    fresh.forEach((id) => visibleAt.has(id) || visibleAt.set(id, now));
    await inBatches(fresh, 16, async (taskId) => {
      const done = await stack.call(personId, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, body);
      if (done.status !== 200) throw new Error(`completing ${taskId}: ${done.status} ${JSON.stringify(done.body)}`);
      doneAt.set(taskId, Date.now());
      progress(label, doneAt.size, total);
    });
    if (fresh.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  process.stderr.write('starting the stack (Temporal dev server, NATS, worker, API, intake, notifier)...\n');
  const stack = await startStack();
  const run = Date.now().toString(36);
  const ids = Array.from({ length: count }, (_, i) => `req-bench-${run}-${i}`);
  const dept = (i: number) => departments[i % departments.length];

  const closedAt = new Map<string, number>();
  const sub = stack.nats.subscribe('gl.evt.request.closed');
  void (async () => {
    for await (const m of sub) closedAt.set(String(m.json<CloudEvent>().subject), Date.now());
  })();

  const submittedAt = new Map<string, number>();
  const t0 = Date.now();
  const visibleAt = new Map<string, number>();
  const handledAt = new Map<string, number>();
  const confirmedAt = new Map<string, number>();
  const confirmations = new Map<string, number>();
  // Staff work their inboxes while requests arrive, as they would.
  const working = Promise.all([
    ...departments.map((d) => workInbox(stack, d.staff, new Set(ids.filter((_, i) => dept(i) === d).map((id) => `${id}/handling-1`)),
      visibleAt, handledAt, { outcome: 'resolved', payload: { summary: 'done' } }, count, 'handled')),
    workInbox(stack, 'liaison-ye', new Set(ids.map((id) => `${id}/confirmation-1`)), confirmations, confirmedAt,
      { outcome: 'satisfied', payload: {} }, count, 'confirmed'),
  ]);
  const js = jetstream(stack.nats);
  await inBatches(ids, 64, async (id, i) => {
    submittedAt.set(id, Date.now());
    await js.publish('gl.cmd.request.submit', JSON.stringify({
      id, enterprise: { name: `企业 ${i}` }, category: dept(i).category, title: `bench request ${i}`,
      description: 'benchmark', liaisonId: 'liaison-ye',
    }));
  });

  await working;
  while (ids.some((id) => !closedAt.has(id))) await new Promise((r) => setTimeout(r, 50));
  const endToEndSeconds = (Math.max(...closedAt.values()) - t0) / 1000;
  sub.unsubscribe();

  // The bare comparison on the same server: start, one Update, result.
  process.stderr.write('bare Temporal comparison...\n');
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const worker = await Worker.create({
    connection, taskQueue: 'bench-bare',
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./bare-workflow') }),
  });
  const bare = await worker.runUntil(async () => {
    const b0 = Date.now();
    let done = 0;
    await inBatches(ids, 64, async (id) => {
      const handle = await stack.client.workflow.start(bareRequest, { taskQueue: 'bench-bare', workflowId: `bare-${id}` });
      await handle.executeUpdate(resolveUpdate, { args: ['done'] });
      await handle.result();
      progress('bare workflows', ++done, count);
    });
    return (Date.now() - b0) / 1000;
  });
  await connection.close();

  const perSecond = count / endToEndSeconds;
  const barePerSecond = count / bare;
  console.log(JSON.stringify({
    requests: count,
    endToEndRequestsPerSecond: +perSecond.toFixed(1),
    submitToInboxMs: summarize(ids.map((id) => visibleAt.get(`${id}/handling-1`)! - submittedAt.get(id)!)),
    confirmationToClosedEventMs: summarize(ids.map((id) => closedAt.get(id)! - confirmedAt.get(`${id}/confirmation-1`)!)),
    bareWorkflowWithOneUpdatePerSecond: +barePerSecond.toFixed(1),
    ratioBareToGreenlight: +(barePerSecond / perSecond).toFixed(1),
  }, null, 2));
  await stack.stop();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
