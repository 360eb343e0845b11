/**
 * The API's metrics: every request by route (the route's pattern, never the raw URL, so that ids
 * do not multiply the series), and two gauges of the district's work, read when Prometheus
 * scrapes: the open human tasks by light (one visibility count per light) and the escalations
 * fired since midnight in Shanghai (the escalation events in GL_EVENTS since then, counted by a
 * short-lived consumer's pending count: nothing is read but the count).
 *
 * ```ts
 * const metrics = apiMetrics({ client, nats });
 * await buildServer({ ...deps, metrics });         // records requests into metrics.registry
 * await serveMetrics([metrics.registry], { port }); // api/main.ts
 * ```
 */
import type { Client } from '@temporalio/client';
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { shanghaiDay, startOfShanghaiDay } from '../calendar/shanghai-time';
import { eventSubject } from '../contracts/events';
import type { LightColour } from '../contracts/lights';

const LIGHTS: readonly LightColour[] = ['green', 'yellow', 'red'];

export interface ApiMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
}

/** How long a scrape waits for a business count before it leaves the gauge as it was. */
const COUNT_TIMEOUT_MS = 3_000;

export function apiMetrics(deps: { client: Client; nats: NatsConnection }): ApiMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'greenlight_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const, registers: [registry],
  });
  const duration = new Histogram({
    name: 'greenlight_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const, buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const within = <T>(work: Promise<T>) => Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), COUNT_TIMEOUT_MS).unref())]);
  new Gauge({
    name: 'greenlight_open_tasks', help: 'Open human tasks, by light (from Temporal visibility, at scrape time)',
    labelNames: ['light'] as const, registers: [registry],
    async collect() {
      await Promise.all(LIGHTS.map(async (light) => {
        const query = `GlEntityKind = 'task' AND ExecutionStatus = 'Running' AND GlLight = '${light}'`;
        const counted = await within(deps.client.workflow.count(query)).catch(() => undefined);
        if (counted) this.set({ light }, Number(counted.count));
      }));
    },
  });
  new Gauge({
    name: 'greenlight_escalations_today', help: 'Escalation events published since 00:00 in Asia/Shanghai (from GL_EVENTS, at scrape time)',
    registers: [registry],
    async collect() {
      const since = startOfShanghaiDay(shanghaiDay(new Date()));
      const counted = await within((async () => {
        const jsm = await jetstream(deps.nats).jetstreamManager();
        const consumer = await jsm.consumers.add('GL_EVENTS', {
          filter_subject: eventSubject('task', 'escalated'), deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.toISOString(),
          ack_policy: AckPolicy.None, inactive_threshold: 5_000_000_000, mem_storage: true,
        });
        await jsm.consumers.delete('GL_EVENTS', consumer.name).catch(() => undefined);
        return consumer.num_pending;
      })()).catch(() => undefined);
      if (counted !== undefined) this.set(counted);
    },
  });
  return { registry, requests, duration };
}
