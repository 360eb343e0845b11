/**
 * The recorder's metrics: the events it applied to the record, and how far the record is behind
 * the events (records/lag.ts, the same figures as the API's `/readyz`), read when Prometheus scrapes.
 * records/main.ts serves them with Node's own.
 *
 * ```ts
 * const recorder = await runRecorder(nats, record, logger);
 * await serveMetrics([processRegistry(), recorderRegistry(recorder)], { port: 9464 });
 * ```
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { Lag } from './lag';

/** Events applied, by whether they changed the record (`applied`) or were there already (`duplicate`, a redelivery). */
export const recordedEvents = new Counter({
  name: 'greenlight_recorder_events_total', help: 'Events the recorder took from GL_EVENTS, by outcome (applied; duplicate: already in the record)',
  labelNames: ['outcome'] as const, registers: [],
});
for (const outcome of ['applied', 'duplicate']) recordedEvents.inc({ outcome }, 0);

/** How long a scrape waits for the lag before it leaves the gauges as they were. */
const LAG_TIMEOUT_MS = 3_000;

/** The recorder's registry: its events counted, and its lag read from the stream and the record at each scrape. */
export function recorderRegistry(recorder: { lag(): Promise<Lag> }): Registry {
  const registry = new Registry();
  registry.registerMetric(recordedEvents);
  let reading: Promise<Lag | undefined> | undefined;
  // Both gauges are collected in one scrape: one read of the lag serves them.
  const lag = () => (reading ??= Promise.race([
    recorder.lag(),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LAG_TIMEOUT_MS).unref()),
  ]).catch(() => undefined).finally(() => setImmediate(() => { reading = undefined; })));
  new Gauge({
    name: 'greenlight_recorder_events_behind', help: 'Events stored in GL_EVENTS and not yet applied to the record (at scrape time)',
    registers: [registry],
    async collect() {
      const l = await lag();
      if (l) this.set(l.events);
    },
  });
  new Gauge({
    name: 'greenlight_recorder_seconds_behind', help: 'Seconds since the oldest event not yet applied was stored; 0 when none (at scrape time)',
    registers: [registry],
    async collect() {
      const l = await lag();
      if (l) this.set(l.seconds);
    },
  });
  return registry;
}
