/**
 * The workflow interceptors of every bundle (workers/workflow-bundle.ts): OpenTelemetry's
 * (`@temporalio/interceptors-opentelemetry`), which make a span of each workflow run, each activity,
 * child and signal it starts and each update it handles, and carry the trace on in their headers.
 *
 * Only for a **traced run**: one whose start carries a trace context (`traceparent` in the SDK's
 * `_tracer-data` header), which the Temporal client or a traced parent puts there when its process
 * has tracing on (runtime/tracing.ts). The start's headers are in the history, so a replay decides
 * the same way; that matters, because OpenTelemetry's interceptors resolve what they wrap a few
 * promise turns later, which orders commands otherwise than a run without them (an update's
 * completion before a search-attribute upsert, say). A run started untraced — before tracing
 * existed, or with it off — replays and goes on as it was recorded, and never loads OpenTelemetry:
 * its modules would cost every workflow's sandbox their evaluation. Queries and update validators
 * make no command and are never traced.
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { WorkflowInterceptors } from '@temporalio/workflow';

/** Where the SDK's interceptors carry the trace context in a workflow's, an activity's or a child's headers. */
const TRACE_HEADER = '_tracer-data';

/** Whether a start's headers carry a trace context: the client's interceptor sets the header even when there is none. */
function carriesTrace(headers: Record<string, Payload>): boolean {
  const payload = headers[TRACE_HEADER];
  if (!payload) return false;
  try {
    const carrier = defaultPayloadConverter.fromPayload<Record<string, unknown> | undefined>(payload);
    return typeof carrier?.traceparent === 'string';
  } catch {
    return false;
  }
}

type Full<T> = { [K in keyof T]-?: NonNullable<T[K]> };

export const interceptors = (): WorkflowInterceptors => {
  /** OpenTelemetry's interceptors, made when the run turns out to be traced (at its start); undefined otherwise. */
  let traced: { inbound: Full<NonNullable<WorkflowInterceptors['inbound']>[number]>; outbound: Full<NonNullable<WorkflowInterceptors['outbound']>[number]>; internals: Full<NonNullable<WorkflowInterceptors['internals']>[number]> } | undefined;
  const load = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- evaluated only in a traced run's sandbox (above)
    const made = (require('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors') as typeof import('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')).interceptors();
    traced = { inbound: made.inbound![0] as never, outbound: made.outbound![0] as never, internals: made.internals![0] as never };
    return traced;
  };
  return {
    inbound: [{
      execute: (input, next) => (carriesTrace(input.headers) ? load().inbound.execute(input, next) : next(input)),
      handleSignal: (input, next) => (traced ? traced.inbound.handleSignal(input, next) : next(input)),
      handleUpdate: (input, next) => (traced ? traced.inbound.handleUpdate(input, next) : next(input)),
    }],
    outbound: [{
      scheduleActivity: (input, next) => (traced ? traced.outbound.scheduleActivity(input, next) : next(input)),
      scheduleLocalActivity: (input, next) => (traced ? traced.outbound.scheduleLocalActivity(input, next) : next(input)),
      startChildWorkflowExecution: (input, next) => (traced ? traced.outbound.startChildWorkflowExecution(input, next) : next(input)),
      continueAsNew: (input, next) => (traced ? traced.outbound.continueAsNew(input, next) : next(input)),
      signalWorkflow: (input, next) => (traced ? traced.outbound.signalWorkflow(input, next) : next(input)),
      getLogAttributes: (input, next) => (traced ? traced.outbound.getLogAttributes(input, next) : next(input)),
    }],
    internals: [{
      dispose: (input, next) => (traced ? traced.internals.dispose(input, next) : next(input)),
    }],
  };
};
