/**
 * Benchmark (not a test): what one enterprise request costs the engine, read from the real
 * histories it leaves. Submits one request on NATS, completes its handling and confirmation
 * through the API, then counts, for the request and each of its task workflows: workflow tasks,
 * activities (ordinary and local), child workflows, search-attribute upserts (visibility
 * writes), timers and history events; and the events it published on NATS (gl.evt.> and
 * gl.notify.>), and what the Temporal server did for it (persistence requests by operation, from
 * its metrics; the inbox reads included). Prints JSON; docs/performance.md explains the numbers.
 *
 *   npx tsx bench/request-breakdown.ts
 */
import { readFileSync } from 'node:fs';
import { jetstream } from '@nats-io/jetstream';
import { startStack } from '../test/harness/stack';
import { EventType, historyOf, type HistoryEvent } from './histories';
import { serverWork } from './stats';

/** Per workflow: the counts that cost the server a write or the worker a round trip. */
export function costOf(events: HistoryEvent[]): Record<string, number> {
  const count = (type: number) => events.filter((e) => e.eventType === type).length;
  const markers = events.filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED);
  return {
    historyEvents: events.length,
    workflowTasks: count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    localActivities: markers.filter((m) => m.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    patchMarkers: markers.filter((m) => m.markerRecordedEventAttributes?.markerName === 'core_patch').length,
    childWorkflows: count(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED),
    searchAttributeUpserts: count(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
    timersStarted: count(EventType.EVENT_TYPE_TIMER_STARTED),
    updatesAccepted: count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
  };
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').trim();
  const stack = await startStack({ temporalMetrics: true });
  const id = `req-breakdown-${Date.now().toString(36)}`;
  const published: Array<{ subject: string; type?: string; at: number }> = [];
  const sub = stack.nats.subscribe('gl.>');
  void (async () => {
    for await (const m of sub) {
      if (!m.subject.startsWith('gl.evt.') && !m.subject.startsWith('gl.notify.')) continue;
      const text = m.string();
      if (text.includes(id)) published.push({ subject: m.subject, type: (JSON.parse(text) as { type?: string }).type, at: Date.now() });
    }
  })();

  const stages: Record<string, number> = {};
  const server = await serverWork(stack.temporalMetricsUrl);
  const t0 = Date.now();
  await jetstream(stack.nats).publish('gl.cmd.request.submit', JSON.stringify({
    id, enterprise: { name: '企业 breakdown' }, category: 'tax', title: 'breakdown request', description: 'one request, counted', liaisonId: 'liaison-ye',
  }));
  const inInbox = async (person: string, taskId: string) => until(`${taskId} in ${person}'s inbox`, async () => {
    const res = await stack.call(person, 'GET', '/api/tasks?limit=500');
    return (res.body.tasks as Array<{ taskId: string }>).some((t) => t.taskId === taskId) ? true : undefined;
  });
  await inInbox('tax-huang', `${id}/handling-1`);
  stages.submitToHandlingInInbox = Date.now() - t0;
  const t1 = Date.now();
  const handled = await stack.call('tax-huang', 'POST', `/api/tasks/${encodeURIComponent(`${id}/handling-1`)}/complete`, { outcome: 'resolved', payload: { summary: 'done' } });
  if (handled.status !== 200) throw new Error(`handling: ${handled.status} ${JSON.stringify(handled.body)}`);
  stages.completeHandlingCall = Date.now() - t1;
  await inInbox('liaison-ye', `${id}/confirmation-1`);
  stages.handlingCompletedToConfirmationInInbox = Date.now() - t1;
  const t2 = Date.now();
  const confirmed = await stack.call('liaison-ye', 'POST', `/api/tasks/${encodeURIComponent(`${id}/confirmation-1`)}/complete`, { outcome: 'satisfied', payload: {} });
  if (confirmed.status !== 200) throw new Error(`confirmation: ${confirmed.status}`);
  stages.completeConfirmationCall = Date.now() - t2;
  await stack.client.workflow.getHandle(id).result();
  await until('the closed event', async () => (published.some((p) => p.type === 'greenlight.request.closed') ? true : undefined));
  stages.confirmationToClosedEvent = Date.now() - t2;
  await new Promise((r) => setTimeout(r, 500));
  sub.unsubscribe();
  const temporalServer = await server.stop();

  const workflows = { request: id, handling: `${id}/handling-1`, confirmation: `${id}/confirmation-1` };
  const perWorkflow: Record<string, Record<string, number>> = {};
  for (const [name, wid] of Object.entries(workflows)) perWorkflow[name] = costOf(await historyOf(stack, wid));
  const total: Record<string, number> = {};
  for (const cost of Object.values(perWorkflow)) for (const [k, v] of Object.entries(cost)) total[k] = (total[k] ?? 0) + v;
  const bySubject: Record<string, number> = {};
  for (const p of published) bySubject[p.type ?? p.subject] = (bySubject[p.type ?? p.subject] ?? 0) + 1;

  console.log(JSON.stringify({
    loadAtStart,
    temporalStore: stack.temporalStore,
    node: process.version,
    perWorkflow,
    total,
    natsPublishes: { events: published.filter((p) => p.subject.startsWith('gl.evt.')).length, notifications: published.filter((p) => p.subject.startsWith('gl.notify.')).length, byType: bySubject },
    stagesMs: stages,
    temporalServer,
  }, null, 2));
  await stack.stop();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
