/**
 * OpenTelemetry traces, exported over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, and off
 * (nothing recorded, nothing sent) when it is not. One request is one trace: the API's span, the
 * Temporal client's start, the workflow and its child tasks, their activities (the SDK's
 * interceptors, `@temporalio/interceptors-opentelemetry`), and past NATS — the event carries its
 * `traceparent` in the message headers — the notifier's and the recorder's work on it
 * (runtime/spans.ts).
 *
 * ```ts
 * const tracing = startTracing('greenlight-api', config);   // in a main, before any client or worker
 * const client = new Client({ connection, interceptors: temporalClientInterceptors() });
 * await tracing?.shutdown();                                 // flushes what is left
 * ```
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  makeWorkflowExporter, OpenTelemetryActivityInboundInterceptor, OpenTelemetryWorkflowClientInterceptor, type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { WorkflowClientInterceptor } from '@temporalio/client';

export interface Tracing {
  /** The URL spans are sent to (`<endpoint>/v1/traces`). */
  url: string;
  /** Sends what is batched now (a test's assertion, a stop). */
  flush(): Promise<void>;
  /** Flushes, then stops exporting. */
  shutdown(): Promise<void>;
}

/** What the worker's workflow spans go through: the installed tracing's, or nothing. */
let installed: { processor: SpanProcessor; resource: Resource } | undefined;

/**
 * Installs the process's tracer provider, exporting to `OTEL_EXPORTER_OTLP_ENDPOINT` (its
 * `/v1/traces`, JSON over HTTP; `OTEL_EXPORTER_OTLP_HEADERS` adds headers such as a collector's
 * token). Undefined, and nothing installed, when no endpoint is configured.
 */
export function startTracing(service: string, config: { OTEL_EXPORTER_OTLP_ENDPOINT?: string }): Tracing | undefined {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  if (installed) throw new Error('tracing is already started in this process');
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const resource = new Resource({ 'service.name': service });
  const processor = new BatchSpanProcessor(new OTLPTraceExporter({ url }));
  const provider = new BasicTracerProvider({ resource });
  provider.addSpanProcessor(processor);
  provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
  installed = { processor, resource };
  return {
    url,
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      installed = undefined;
    },
  };
}

/** The Temporal client's interceptors: a workflow started, signalled, updated or queried continues the caller's trace. */
export function temporalClientInterceptors(): { workflow: WorkflowClientInterceptor[] } {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/** The activity interceptor: each activity a span, child of the workflow's span that scheduled it. */
export const activityTracing: ActivityInterceptorsFactory = (ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) });

/**
 * The sink the workflow interceptors (in every bundle, workers/workflow-bundle.ts) hand their
 * finished spans to, outside the sandbox: the installed exporter's, or one that drops them. Always
 * registered, so that a worker without tracing runs the same bundle without complaint.
 */
export function workflowTracingSinks(): InjectedSinks<OpenTelemetrySinks> {
  return { exporter: makeWorkflowExporter(installed?.processor ?? new NoopSpanProcessor(), installed?.resource ?? Resource.empty()) };
}
