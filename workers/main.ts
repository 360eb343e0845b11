/**
 * The worker process: `npx tsx workers/main.ts`. Configuration from the environment
 * (see contracts/config.ts); stops cleanly on SIGINT/SIGTERM.
 */
import { NativeConnection } from '@temporalio/worker';
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '../contracts/config';
import { createLogger, routeTemporalLogs } from '../log/logger';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.LOG_LEVEL);
  routeTemporalLogs(logger);
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-worker', maxReconnectAttempts: -1 });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.GREENLIGHT_TASK_QUEUE,
    nats,
    directoryPath: config.GREENLIGHT_DIRECTORY,
    calendarDir: config.GREENLIGHT_CALENDAR_DIR,
  });
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  logger.info({ taskQueue: config.GREENLIGHT_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker running');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await nats.drain();
  }
  logger.info('worker stopped');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
