/**
 * Builds the Temporal worker: the human task and every kind in processes/registry.ts, every activity bound to NATS,
 * the directory and the calendar.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { NatsConnection } from '@nats-io/nats-core';
import { maxCachedWorkflows } from '../contracts/config';
import { calendarSource } from '../calendar/calendar-source';
import { checkDefinitions } from '../processes/check';
import type { ProcessDefinition } from '../processes/definition';
import { definitions } from '../processes/registry';
import type { RecordDb } from '../records/database';
import { reportActivities } from '../reports/activities';
import { allActivities } from './activities';
import { processesHook, workflowInterceptorModules, workflowsPath } from './workflow-bundle';
import { activityTracing, workflowTracingSinks } from '../runtime/tracing';
import { activityMetrics } from './metrics';

export { workflowsPath } from './workflow-bundle';

export interface GreenlightWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  nats: NatsConnection;
  directoryPath: string;
  calendarDir: string;
  maxCachedWorkflows?: number;
  /** The kinds to run: processes/registry.ts unless given (a test of the consistency check). */
  definitions?: readonly ProcessDefinition[];
  /**
   * Prebuilt workflow bundle: the compiled build's (`{ codePath }`, GREENLIGHT_WORKFLOW_BUNDLE), or one that tests
   * share to save the bundling time. Without it, the worker bundles the workflows itself.
   */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The record, which the scheduled reports are counted from (reports/activities.ts); without it, a worker runs none of their activities. */
  record?: RecordDb;
}

/**
 * Checks the registry (an inconsistent definition stops the worker here), then builds the worker. The kinds'
 * workflow files are checked only when the worker bundles them: a prebuilt bundle was checked when it was built.
 */
export async function createWorker(options: GreenlightWorkerOptions): Promise<Worker> {
  checkDefinitions(options.definitions ?? definitions, { workflowFiles: !options.workflowBundle });
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    maxCachedWorkflows: options.maxCachedWorkflows ?? maxCachedWorkflows({}),
    // A prebuilt bundle holds the workflow interceptors already (workers/workflow-bundle.ts).
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath(), bundlerOptions: { webpackConfigHook: processesHook(options.definitions) } }),
    activities: {
      ...allActivities({ nats: options.nats, directoryPath: options.directoryPath, calendar: calendarSource(options.calendarDir) }, options.definitions),
      ...(options.record ? reportActivities({ nats: options.nats, record: options.record, directoryPath: options.directoryPath }) : {}),
    },
    interceptors: { activity: [activityMetrics, activityTracing], ...(options.workflowBundle ? {} : { workflowModules: workflowInterceptorModules() }) },
    // The workflow interceptors' spans leave the sandbox through this sink (runtime/tracing.ts).
    sinks: workflowTracingSinks(),
  });
}
