/**
 * The workflow interceptors of every bundle (workers/workflow-bundle.ts): OpenTelemetry's
 * (`@temporalio/interceptors-opentelemetry`), which make a span of each workflow run, each activity,
 * child and signal it starts and each update it handles, and carry the trace on in their headers.
 *
 * Behind `patched(TRACING_PATCH)`, decided once per run at its start: OpenTelemetry's interceptors
 * resolve what they wrap a few promise turns later, which reorders commands against a history made
 * without them (an update's completion before a search-attribute upsert, say). A run started before
 * tracing existed replays, and goes on, as it was recorded: untraced. Queries and update validators
 * make no command and are never traced (a validator may not call `patched`).
 */
import { patched, type WorkflowInterceptors } from '@temporalio/workflow';
import { interceptors as openTelemetry } from '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';

export const TRACING_PATCH = 'opentelemetry-tracing';

export const interceptors = (): WorkflowInterceptors => {
  const traced = openTelemetry();
  const inbound = traced.inbound?.[0];
  const outbound = traced.outbound?.[0];
  if (!inbound?.execute || !inbound.handleSignal || !inbound.handleUpdate || !outbound?.scheduleActivity || !outbound.scheduleLocalActivity
    || !outbound.startChildWorkflowExecution || !outbound.continueAsNew || !outbound.signalWorkflow) {
    throw new TypeError('@temporalio/interceptors-opentelemetry no longer has the interceptors workflows/tracing.ts delegates to');
  }
  let on: boolean | undefined;
  const tracing = () => (on ??= patched(TRACING_PATCH));
  return {
    inbound: [{
      execute: (input, next) => (tracing() ? inbound.execute!(input, next) : next(input)),
      handleSignal: (input, next) => (tracing() ? inbound.handleSignal!(input, next) : next(input)),
      handleUpdate: (input, next) => (tracing() ? inbound.handleUpdate!(input, next) : next(input)),
    }],
    outbound: [{
      scheduleActivity: (input, next) => (tracing() ? outbound.scheduleActivity!(input, next) : next(input)),
      scheduleLocalActivity: (input, next) => (tracing() ? outbound.scheduleLocalActivity!(input, next) : next(input)),
      startChildWorkflowExecution: (input, next) => (tracing() ? outbound.startChildWorkflowExecution!(input, next) : next(input)),
      continueAsNew: (input, next) => (tracing() ? outbound.continueAsNew!(input, next) : next(input)),
      signalWorkflow: (input, next) => (tracing() ? outbound.signalWorkflow!(input, next) : next(input)),
      getLogAttributes: (input, next) => (on ? outbound.getLogAttributes!(input, next) : next(input)),
    }],
    internals: traced.internals,
  };
};
