/**
 * Builds the Temporal worker: every workflow in `workflows/`, every activity bound to NATS,
 * the directory and the calendar.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { NatsConnection } from '@nats-io/nats-core';
import { calendarSource } from './calendar-source';
import { createActivities } from '../activities';

export interface GreenlightWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  nats: NatsConnection;
  directoryPath: string;
  calendarDir: string;
  maxCachedWorkflows?: number;
  /** Prebuilt workflow bundle (tests share one to save the bundling time). */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function workflowsPath(): string {
  return require.resolve('../workflows');
}

export async function createWorker(options: GreenlightWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    maxCachedWorkflows: options.maxCachedWorkflows ?? 250,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath() }),
    activities: createActivities({ nats: options.nats, directoryPath: options.directoryPath, calendar: calendarSource(options.calendarDir) }),
  });
}
