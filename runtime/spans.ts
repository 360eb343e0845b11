/**
 * The spans of the processes' own work, on the OpenTelemetry API alone (light to load; the SDK that
 * records and exports them is installed by each process's main, runtime/tracing.ts, and without it
 * these spans cost nothing): a request's server span, and a consumer span for a NATS message that
 * continues the trace in its `traceparent` header.
 *
 * ```ts
 * await js.publish(subject, data, { msgID, headers: traceHeaders() });   // inside a span
 * await inConsumerSpan('greenlight-notifier', `notify ${event.type}`, m, () => notify(event));
 * ```
 *
 * Spans are named by what they do, never by whom: ids go in attributes, personal data nowhere.
 */
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type TextMapGetter } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';

/** NATS headers carrying the active span's `traceparent`, for a publish inside a span. */
export { traceHeaders } from '../activities/trace-headers';

const fromNats: TextMapGetter<MsgHdrs | undefined> = {
  get: (carrier, key) => carrier?.get(key) || undefined,
  keys: (carrier) => carrier?.keys() ?? [],
};

/** The trace a NATS message continues (its `traceparent`), or none. */
export function contextOf(message: { headers?: MsgHdrs }): Context {
  return propagation.extract(ROOT_CONTEXT, message.headers, fromNats);
}

/**
 * Runs `work` in a server span for an HTTP request, continuing the caller's `traceparent` if it
 * sent one; `end` takes the status the answer had (an error status marks the span failed).
 */
export function inServerSpan<T>(name: string, requestHeaders: Record<string, string | string[] | undefined>, work: (end: (status: number) => void) => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, requestHeaders, fromHttp);
  return trace.getTracer('greenlight-api').startActiveSpan(name, { kind: SpanKind.SERVER }, parent, (span) => work((status) => {
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }));
}

const fromHttp: TextMapGetter<Record<string, string | string[] | undefined>> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

/**
 * Runs `work` in a consumer span, child of the message's trace: what the notifier or the recorder
 * did with an event is seen under the request that caused it. A failure is recorded and rethrown.
 */
export function inConsumerSpan<T>(component: string, name: string, message: { headers?: MsgHdrs }, work: () => Promise<T>, attributes: Attributes = {}): Promise<T> {
  return trace.getTracer(component).startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, contextOf(message), async (span) => {
    try {
      return await work();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
