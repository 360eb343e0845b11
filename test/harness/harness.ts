/**
 * A Greenlight worker on a time-skipping Temporal server and a real NATS server, both on
 * free loopback ports, for workflow tests. Everything started here is stopped by `stop()`.
 *
 * ```ts
 * const h = await startHarness({ startAt: '2026-09-25T02:00:00Z' });
 * await h.runWorker(async () => { ... h.client.workflow.start(...) ... });
 * await h.stop();
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Activities, PublishRequest } from '../../activities';
import { allActivities } from '../../workers/activities';
import { startNatsServer } from '../../runtime/dev-servers';
import { ensureStreams } from '../../runtime/streams';
import { calendarSource } from '../../calendar/calendar-source';
import { storedEvents, waitForEvents, type StoredEvent } from './events';
import { timeSkippingEnv } from './time-skipping';
import { workflowBundle } from './workflow-bundle';
import { workflowTracingSinks } from '../../runtime/tracing';

export interface HarnessOptions {
  /** Start the server's clock at this instant (see time-skipping.ts). */
  startAt?: string;
  directoryPath?: string;
  calendarDir?: string;
  /** Another workflows entry file than workflows/index.ts. */
  workflowsPath?: string;
}

export interface Harness {
  env: TestWorkflowEnvironment;
  client: Client;
  nats: NatsConnection;
  taskQueue: string;
  /** Runs a worker on `taskQueue` while `fn` runs. */
  runWorker<T>(fn: () => Promise<T>): Promise<T>;
  /** Events stored in the stream, waiting until `predicate` holds when given. */
  events(predicate?: (events: StoredEvent[]) => boolean): Promise<StoredEvent[]>;
  /** Make the first attempt of every publish store the event, then fail as if its ack was lost. */
  failFirstPublishAttempt: boolean;
  publishAttempts: Map<string, number>;
  stop(): Promise<void>;
}

export const repoRoot = resolve(__dirname, '../..');

let counter = 0;

// Workers in tests say only what went wrong; a test that expects a failure still sees its warning.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier harness in this process
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const storeDir = mkdtempSync(join(tmpdir(), 'gl-nats-'));
  const natsServer = await startNatsServer({ storeDir });
  const nats = await connect({ servers: natsServer.url });
  await ensureStreams(nats);
  const env = await timeSkippingEnv(options.startAt);
  const taskQueue = `test-${process.pid}-${++counter}`;
  const real = allActivities({
    nats,
    directoryPath: options.directoryPath ?? join(repoRoot, 'directory/demo.json'),
    calendar: calendarSource(options.calendarDir ?? join(repoRoot, 'calendar/data')),
  });

  const harness: Harness = {
    env,
    client: env.client,
    nats,
    taskQueue,
    failFirstPublishAttempt: false,
    publishAttempts: new Map(),
    async runWorker(fn) {
      const activities: Activities & Record<string, unknown> = {
        ...real,
        async publishEvents(requests: PublishRequest[]) {
          for (const req of requests) harness.publishAttempts.set(req.draft.id, (harness.publishAttempts.get(req.draft.id) ?? 0) + 1);
          const result = await real.publishEvents(requests);
          if (harness.failFirstPublishAttempt && Context.current().info.attempt === 1) {
            throw new Error('simulated lost ack after the event was stored');
          }
          return result;
        },
      };
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowBundle: await workflowBundle(options.workflowsPath),
        activities,
        sinks: workflowTracingSinks(),
      });
      return worker.runUntil(fn());
    },
    events: (predicate) => (predicate ? waitForEvents(nats, predicate) : storedEvents(nats)),
    async stop() {
      await env.teardown();
      await nats.close();
      await natsServer.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  return harness;
}
