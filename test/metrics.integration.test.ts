/**
 * What operators watch, on the real stack. Each process's /metrics, as they scrape it: the API's,
 * the worker's (with the Temporal SDK's own, installed as workers/main.ts installs them), the
 * notifier's and the recorder's each parse as Prometheus text, and their counters move when work is
 * handled; the Grafana dashboard in deploy/ names only metrics that the scrapes hold. And the
 * traces: exported by the SDK's OTLP/HTTP exporter to a collector this test starts, one request's
 * spans from the API, the Temporal client, the workflows, their activities, the notifier and the
 * recorder share one trace, each the child of the one that caused it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { apiMetrics, type ApiMetrics } from '../api/metrics';
import { notifierRegistry } from '../notifier/metrics';
import { freePort } from '../runtime/free-port';
import { processRegistry, serveMetrics, type ServedMetrics } from '../runtime/metrics';
import { workerRegistry } from '../workers/metrics';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { recorderRegistry } from '../records/metrics';
import { runRecorder } from '../records/recorder';
import { startTracing, workflowTracingSinks, type Tracing } from '../runtime/tracing';
import { workflowBundle } from './harness/workflow-bundle';
import { startCollector, type ReceivedSpan } from './harness/otlp-collector';
import { eventually } from './harness/eventually';
import { repoRoot } from './harness/harness';
import { parsePrometheus, sampleSum, type Sample } from './harness/prometheus';
import { startApi, startStack, type TestStack } from './harness/stack';

let stack: TestStack;
let api: { url: string; close(): Promise<void> };
let metrics: ApiMetrics;
const served: Record<'api' | 'worker' | 'notifier' | 'recorder', ServedMetrics> = {} as never;
let collector: Awaited<ReturnType<typeof startCollector>>;
let tracing: Tracing;

async function scrape(which: keyof typeof served): Promise<Sample[]> {
  const res = await fetch(served[which].url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text()).samples;
}

beforeAll(async () => {
  // As workers/main.ts does: the SDK's Prometheus endpoint on loopback, before any connection. The
  // harness installed a runtime without one when it was imported; idle, it is shut down first.
  const sdkMetrics = `127.0.0.1:${await freePort('127.0.0.1')}`;
  await Runtime.instance().shutdown();
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { metrics: { prometheus: { bindAddress: sdkMetrics, useSecondsForDurations: true } } } });
  // As every process's main does when OTEL_EXPORTER_OTLP_ENDPOINT is set: before the worker is made.
  collector = await startCollector();
  tracing = startTracing('greenlight-test', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint })!;
  stack = await startStack();
  metrics = apiMetrics({ client: stack.client, nats: stack.nats });
  api = await startApi(stack, { metrics });
  const node = processRegistry();
  served.api = await serveMetrics([node, metrics.registry], { port: 0 });
  served.worker = await serveMetrics([workerRegistry], { port: 0, also: [`http://${sdkMetrics}/metrics`] });
  served.notifier = await serveMetrics([notifierRegistry], { port: 0 });
  served.recorder = await serveMetrics([recorderRegistry(stack.recorder!)], { port: 0 });
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(served).map((s) => s.close()));
  await api?.close();
  await stack?.stop();
  await tracing?.shutdown();
  await collector?.close();
}, 60_000);

const asTax = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${api.url}${path}`, {
    method, headers: { authorization: `Bearer ${await stack.token('liaison-ye')}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
};

test('each /metrics parses as Prometheus text, and its counters move when work is handled', async () => {
  const before = { api: await scrape('api'), worker: await scrape('worker'), notifier: await scrape('notifier'), recorder: await scrape('recorder') };
  const route = { method: 'POST', route: '/api/processes/enterpriseRequest', status: '202' };
  const started = await asTax('POST', '/api/processes/enterpriseRequest', {
    id: 'req-metrics-1', enterprise: { name: '某茶馆', contact: '138-0000-0000' }, category: 'parkingAndTraffic',
    title: '门前无处停车', description: '希望设置临时停车位。', liaisonId: 'liaison-ye',
  });
  expect(started.status).toBe(202);

  const after = await scrape('api');
  expect(sampleSum(after, 'greenlight_http_requests_total', route) - sampleSum(before.api, 'greenlight_http_requests_total', route)).toBe(1);
  expect(sampleSum(after, 'greenlight_http_request_duration_seconds_count', route)).toBeGreaterThan(sampleSum(before.api, 'greenlight_http_request_duration_seconds_count', route));
  expect(sampleSum(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  // The business gauges, read at the scrape: the new request's task is open (one light or another).
  await eventually(() => scrape('api'), (s) => sampleSum(s, 'greenlight_open_tasks') >= 1, 'the open task counted', 30_000);
  expect(after.filter((s) => s.name === 'greenlight_escalations_today')).toHaveLength(1);

  // The worker ran the request's workflow tasks and activities; the SDK counts them too.
  const worker = await eventually(() => scrape('worker'),
    (s) => sampleSum(s, 'greenlight_activity_duration_seconds_count', { outcome: 'completed' }) > sampleSum(before.worker, 'greenlight_activity_duration_seconds_count', { outcome: 'completed' }),
    'the worker\'s activities counted', 30_000);
  expect(sampleSum(worker, 'temporal_workflow_task_execution_latency_count')).toBeGreaterThan(sampleSum(before.worker, 'temporal_workflow_task_execution_latency_count'));

  // The request's task names its department's people: the notifier publishes their notifications.
  await eventually(() => scrape('notifier'),
    (s) => sampleSum(s, 'greenlight_notifications_published_total') > sampleSum(before.notifier, 'greenlight_notifications_published_total'),
    'the notifier\'s notifications counted', 30_000);

  // The recorder applied the request's events, and caught up: nothing behind (its lag, as /readyz says it).
  const recorder = await eventually(() => scrape('recorder'),
    (s) => sampleSum(s, 'greenlight_recorder_events_total', { outcome: 'applied' }) > sampleSum(before.recorder, 'greenlight_recorder_events_total', { outcome: 'applied' })
      && sampleSum(s, 'greenlight_recorder_events_behind') === 0,
    'the recorder\'s events counted, and none behind', 30_000);
  expect(recorder.filter((s) => s.name === 'greenlight_recorder_seconds_behind').map((s) => s.value)).toEqual([0]);
}, 90_000);

test('the recorder\'s lag is seen on /metrics while it is behind', async () => {
  await stack.recorder!.stop();
  try {
    const started = await asTax('POST', '/api/processes/enterpriseRequest', {
      id: 'req-metrics-lag', enterprise: { name: '某书店', contact: '138-0000-0001' }, category: 'parkingAndTraffic',
      title: '门前无处停车', description: '希望设置临时停车位。', liaisonId: 'liaison-ye',
    });
    expect(started.status).toBe(202);
    const behind = await eventually(() => scrape('recorder'), (s) => sampleSum(s, 'greenlight_recorder_events_behind') >= 1, 'events behind', 30_000);
    expect(sampleSum(behind, 'greenlight_recorder_seconds_behind')).toBeGreaterThanOrEqual(0);
    // Behind by seconds that grow while it stays stopped (the oldest unapplied event's age, in tenths).
    await eventually(() => scrape('recorder'), (s) => sampleSum(s, 'greenlight_recorder_seconds_behind') > sampleSum(behind, 'greenlight_recorder_seconds_behind'), 'seconds behind growing', 10_000);
  } finally {
    stack.recorder = await runRecorder(stack.nats, stack.record, pino({ level: 'silent' }));
  }
}, 60_000);

test('the Grafana dashboard names only metrics the processes expose', async () => {
  // A failing workflow task (a type no worker registers) makes the SDK's failure counter appear, as it would in production.
  const handle = await stack.client.workflow.start('noSuchWorkflowType', { taskQueue: stack.taskQueue, workflowId: 'metrics-failing-workflow-task', args: [] });
  await eventually(() => scrape('worker'), (s) => sampleSum(s, 'temporal_workflow_task_execution_failed') >= 1, 'the failed workflow task counted', 30_000);
  await handle.terminate('the test saw its workflow task fail');
  const exposed = new Set([...await scrape('api'), ...await scrape('worker'), ...await scrape('notifier'), ...await scrape('recorder')].map((s) => s.name));
  const dashboard = JSON.parse(readFileSync(join(repoRoot, 'deploy/grafana/dashboards/greenlight.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
  expect(exprs.length).toBeGreaterThan(5);
  const named = exprs.flatMap(({ panel, expr }) => (expr.match(/\b(greenlight|temporal|process|nodejs)_[a-z0-9_]+/g) ?? []).map((name) => ({ panel, name })));
  expect(named.length).toBeGreaterThanOrEqual(exprs.length);
  expect(named.filter(({ name }) => !exposed.has(name))).toEqual([]);
}, 60_000);

test('one request is one trace: the API, the Temporal client, the workflows, their activities, the notifier and the recorder', async () => {
  // The caller's own trace (a gateway's, say), continued by the API.
  const traceId = randomBytes(16).toString('hex');
  const callerSpan = randomBytes(8).toString('hex');
  const res = await fetch(`${api.url}/api/processes/enterpriseRequest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.token('liaison-ye')}`, 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpan}-01` },
    body: JSON.stringify({
      id: 'req-traced-1', enterprise: { name: '某面馆', contact: '138-0000-0002' }, category: 'parkingAndTraffic',
      title: '门前无处停车', description: '希望设置临时停车位。', liaisonId: 'liaison-ye',
    }),
  });
  expect(res.status).toBe(202);

  const inTrace = () => collector.spans.filter((s) => s.traceId === traceId);
  const named = (spans: ReceivedSpan[], scope: string, name: RegExp) => spans.filter((s) => s.scope === scope && name.test(s.name));
  // A workflow's span of an activity ends (and is sent) when the workflow hears the activity ended: after the activity's own.
  const parentsHere = (s: ReceivedSpan[]) => s.filter((run) => run.name === 'RunActivity:publishEvents').every((run) => s.some((p) => p.spanId === run.parentSpanId));
  const spans = await eventually(async () => {
    await tracing.flush();
    return inTrace();
  }, (s) => named(s, 'greenlight-notifier', /^notify /).length > 0 && named(s, 'greenlight-recorder', /^record /).length > 0 && parentsHere(s),
  'the notifier\'s and the recorder\'s spans in the trace, and each activity\'s parent', 30_000);

  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const parentOf = (s: ReceivedSpan) => (s.parentSpanId ? byId.get(s.parentSpanId) : undefined);
  const [request] = named(spans, 'greenlight-api', /^POST \/api\/processes\/enterpriseRequest$/);
  expect(request).toMatchObject({ service: 'greenlight-test', kind: 2 /* SERVER */, parentSpanId: callerSpan, attributes: { 'http.response.status_code': 202 } });
  const [start] = named(spans, '@temporalio/interceptor-client', /^StartWorkflow:enterpriseRequest$/);
  expect(parentOf(start)).toBe(request);
  // In the workflow's sandbox: the activities it scheduled, and the human task it started as a child.
  const scheduled = named(spans, '@temporalio/interceptor-workflow', /^StartActivity:/);
  expect(scheduled.length).toBeGreaterThan(0);
  expect(named(spans, '@temporalio/interceptor-workflow', /^StartChildWorkflow:humanTask$/)).toHaveLength(1);
  // Run by the worker, each under the workflow span that scheduled it.
  const published = named(spans, '@temporalio/interceptor-activity', /^RunActivity:publishEvents$/);
  expect(published.length).toBeGreaterThan(0);
  for (const run of published) expect(parentOf(run)?.name).toBe('StartActivity:publishEvents');
  // Past NATS: the notifier's and the recorder's work on an event, each under the activity that published it.
  const notified = named(spans, 'greenlight-notifier', /^notify /);
  const recorded = named(spans, 'greenlight-recorder', /^record /);
  for (const consumed of [...notified, ...recorded]) {
    expect(consumed.kind).toBe(5 /* CONSUMER */);
    expect(parentOf(consumed)?.name).toBe('RunActivity:publishEvents');
  }
  expect(notified.map((s) => s.name)).toContain('notify greenlight.task.created');

  // A traced run is as deterministic as any: its history replays with the interceptors that made it.
  const history = await stack.client.workflow.getHandle('req-traced-1').fetchHistory();
  expect(JSON.stringify(history.events?.[0])).toContain('_tracer-data');
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workflowTracingSinks() }, history, 'req-traced-1');
}, 60_000);

test('a command submitted on NATS with a traceparent header starts a workflow in the submitter\'s trace', async () => {
  const traceId = randomBytes(16).toString('hex');
  const h = natsHeaders();
  h.set('traceparent', `00-${traceId}-${randomBytes(8).toString('hex')}-01`);
  await jetstream(stack.nats).publish('gl.cmd.request.submit', JSON.stringify({
    id: 'req-traced-2', enterprise: { name: '某茶楼', contact: '138-0000-0003' }, category: 'parkingAndTraffic',
    title: '门前无处停车', description: '希望设置临时停车位。', liaisonId: 'liaison-ye',
  }), { headers: h });
  const spans = await eventually(async () => {
    await tracing.flush();
    return collector.spans.filter((s) => s.traceId === traceId);
  }, (s) => s.some((x) => x.name === 'RunActivity:publishEvents'), 'the started workflow\'s activity in the submitter\'s trace', 30_000);
  const command = spans.find((s) => s.scope === 'greenlight-intake');
  expect(command?.name).toBe('command gl.cmd.request.submit');
  expect(spans.find((s) => s.name === 'StartWorkflow:enterpriseRequest')?.parentSpanId).toBe(command?.spanId);
}, 60_000);
