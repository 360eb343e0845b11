/**
 * The worker process: `npx tsx workers/main.ts`, or compiled (`npm run build`, docs/compiled-build.md)
 * `GREENLIGHT_WORKFLOW_BUNDLE=dist/workflow-bundle.js node --enable-source-maps dist/workers/main.js`.
 * Configuration from the environment (see contracts/config.ts); stops cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { connect } from '@nats-io/transport-node';
import { natsUserOptions } from '../runtime/nats-user';
import { routeTemporalLogs } from '../log/logger';
import { runProcess } from '../log/process-main';
import { createWorker } from './worker';
import { freePort } from '../runtime/free-port';
import { processRegistry, serveMetrics } from '../runtime/metrics';
import { workerRegistry } from './metrics';
import { followDirectory } from '../directory/store';
import { startTracing } from '../runtime/tracing';
import { connectRecord } from '../records/database';
import { ensureReportSchedules } from '../reports/schedules';

/** The weekly and monthly reports' schedules made to say what their configuration says (reports/schedules.ts). */
async function scheduleReports(config: { TEMPORAL_ADDRESS: string; TEMPORAL_NAMESPACE: string; GREENLIGHT_TASK_QUEUE: string }, logger: { info(o: object, m: string): void }): Promise<void> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const schedules = await ensureReportSchedules(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), config.GREENLIGHT_TASK_QUEUE);
    logger.info({ schedules }, 'report schedules in place');
  } finally {
    await connection.close();
  }
}

runProcess('worker', async ({ config, logger }) => {
  // The SDK's metrics stay on loopback; the worker's /metrics (GREENLIGHT_METRICS_PORT) serves them with its own.
  const sdkMetrics = config.GREENLIGHT_METRICS_PORT === undefined ? undefined
    : `127.0.0.1:${config.GREENLIGHT_TEMPORAL_METRICS_PORT ?? await freePort('127.0.0.1')}`;
  routeTemporalLogs(logger, { metricsBindAddress: sdkMetrics });
  // Before the worker is made: its workflow sink and activity interceptor export through it.
  const tracing = startTracing('greenlight-worker', config);
  const bundle = config.GREENLIGHT_WORKFLOW_BUNDLE && resolve(config.GREENLIGHT_WORKFLOW_BUNDLE);
  if (bundle && !existsSync(bundle)) throw new Error(`GREENLIGHT_WORKFLOW_BUNDLE=${config.GREENLIGHT_WORKFLOW_BUNDLE}: no such file (npm run build writes dist/workflow-bundle.js)`);
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-worker', maxReconnectAttempts: -1, ...natsUserOptions(config.NATS_URL) });
  // The activities read the directory's newest version the moment one is applied (directory/store.ts).
  const directory = await followDirectory(nats, config.GREENLIGHT_DIRECTORY, logger.child({ component: 'directory' }));
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // The scheduled reports are counted from the record; the pool opens a connection when one is first counted.
  const record = connectRecord(config.GREENLIGHT_DATABASE_URL, { max: 2 });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.GREENLIGHT_TASK_QUEUE,
    nats,
    directoryPath: config.GREENLIGHT_DIRECTORY,
    calendarDir: config.GREENLIGHT_CALENDAR_DIR,
    maxCachedWorkflows: config.GREENLIGHT_MAX_CACHED_WORKFLOWS,
    workflowBundle: bundle ? { codePath: bundle } : undefined,
    record: record.db,
  });
  // A worker that cannot set the schedules still runs every process: the next start tries again.
  await scheduleReports(config, logger).catch((err: Error) => logger.error({ err: err.message }, 'report schedules not set'));
  logger.info({ taskQueue: config.GREENLIGHT_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE, workflowBundle: bundle ?? 'bundled at start', traces: tracing?.url ?? 'off' }, 'worker running');
  const served = sdkMetrics === undefined ? undefined : await serveMetrics([processRegistry(), workerRegistry], {
    host: config.GREENLIGHT_METRICS_HOST, port: config.GREENLIGHT_METRICS_PORT!, also: [`http://${sdkMetrics}/metrics`],
  });
  if (served) logger.info({ url: served.url }, 'metrics served');
  // Closing after the worker stopped: a failure here is logged, and does not turn a clean stop into a failed one.
  const close = (what: string, step: () => Promise<void>) => step().catch((err: Error) => logger.warn({ err: err.message }, `closing ${what} failed`));
  const running = worker.run().finally(async () => {
    await close('the directory', () => directory.stop());
    await close('the record', () => record.close());
    await close('the Temporal connection', () => connection.close());
    await close('NATS', () => nats.drain());
    await close('the traces', async () => tracing?.shutdown());
  });
  // A worker that stops on its own (a fatal error) takes the process with it; the stack restarts nothing silently.
  running.catch((err: Error) => {
    logger.fatal({ err: err.message }, 'worker failed');
    process.exit(1);
  });
  return async () => {
    await served?.close();
    // The SDK's runtime may have begun the shutdown on the same signal already.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
});
