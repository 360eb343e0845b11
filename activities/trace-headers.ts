/**
 * The trace an event carries: NATS headers with the active span's `traceparent` (W3C trace
 * context), so that whoever consumes the event (the notifier, the recorder) continues the trace of
 * the request that caused it. Undefined when no span is recording — tracing off, the headers unchanged.
 * The process's tracing (runtime/tracing.ts) installs the propagator; this only asks the API.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';

export function traceHeaders(): MsgHdrs | undefined {
  const active = trace.getSpan(context.active())?.spanContext();
  if (!active || !trace.isSpanContextValid(active)) return undefined;
  const h = natsHeaders();
  propagation.inject(context.active(), h, { set: (carrier, key, value) => carrier.set(key, value) });
  return h;
}
