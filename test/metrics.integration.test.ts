/**
 * Each process's /metrics, as operators scrape it: the API's, the worker's (with the Temporal
 * SDK's own, installed as workers/main.ts installs them) and the notifier's each parse as
 * Prometheus text, and their counters move when work is handled; the Grafana dashboard in deploy/
 * names only metrics that the scrapes hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { apiMetrics, type ApiMetrics } from '../api/metrics';
import { notifierRegistry } from '../notifier/metrics';
import { freePort } from '../runtime/free-port';
import { processRegistry, serveMetrics, type ServedMetrics } from '../runtime/metrics';
import { workerRegistry } from '../workers/metrics';
import { eventually } from './harness/eventually';
import { repoRoot } from './harness/harness';
import { parsePrometheus, sampleSum, type Sample } from './harness/prometheus';
import { startApi, startStack, type TestStack } from './harness/stack';

let stack: TestStack;
let api: { url: string; close(): Promise<void> };
let metrics: ApiMetrics;
const served: Record<'api' | 'worker' | 'notifier', ServedMetrics> = {} as never;

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
  stack = await startStack();
  metrics = apiMetrics({ client: stack.client, nats: stack.nats });
  api = await startApi(stack, { metrics });
  const node = processRegistry();
  served.api = await serveMetrics([node, metrics.registry], { port: 0 });
  served.worker = await serveMetrics([workerRegistry], { port: 0, also: [`http://${sdkMetrics}/metrics`] });
  served.notifier = await serveMetrics([notifierRegistry], { port: 0 });
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(served).map((s) => s.close()));
  await api?.close();
  await stack?.stop();
}, 60_000);

const asTax = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${api.url}${path}`, {
    method, headers: { authorization: `Bearer ${await stack.token('liaison-ye')}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
};

test('each /metrics parses as Prometheus text, and its counters move when work is handled', async () => {
  const before = { api: await scrape('api'), worker: await scrape('worker'), notifier: await scrape('notifier') };
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
}, 90_000);

test('the Grafana dashboard names only metrics the processes expose', async () => {
  // A failing workflow task (a type no worker registers) makes the SDK's failure counter appear, as it would in production.
  const handle = await stack.client.workflow.start('noSuchWorkflowType', { taskQueue: stack.taskQueue, workflowId: 'metrics-failing-workflow-task', args: [] });
  await eventually(() => scrape('worker'), (s) => sampleSum(s, 'temporal_workflow_task_execution_failed') >= 1, 'the failed workflow task counted', 30_000);
  await handle.terminate('the test saw its workflow task fail');
  const exposed = new Set([...await scrape('api'), ...await scrape('worker'), ...await scrape('notifier')].map((s) => s.name));
  const dashboard = JSON.parse(readFileSync(join(repoRoot, 'deploy/grafana/dashboards/greenlight.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
  expect(exprs.length).toBeGreaterThan(5);
  const named = exprs.flatMap(({ panel, expr }) => (expr.match(/\b(greenlight|temporal|process|nodejs)_[a-z0-9_]+/g) ?? []).map((name) => ({ panel, name })));
  expect(named.length).toBeGreaterThanOrEqual(exprs.length);
  expect(named.filter(({ name }) => !exposed.has(name))).toEqual([]);
}, 60_000);
