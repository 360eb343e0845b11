/**
 * The recorder process: `npx tsx records/main.ts`. Applies every event of GL_EVENTS to the record
 * in GREENLIGHT_DATABASE_URL (records/recorder.ts); waits for PostgreSQL when it is not there yet.
 * Serves its metrics (its lag among them) on GREENLIGHT_METRICS_PORT when set, and sends its spans
 * to OTEL_EXPORTER_OTLP_ENDPOINT when set.
 */
import { connect } from '@nats-io/transport-node';
import { runProcess } from '../log/process-main';
import { openRecordWhenReachable } from './database';
import { runRecorder } from './recorder';
import { recorderRegistry } from './metrics';
import { processRegistry, serveMetrics } from '../runtime/metrics';
import { startTracing } from '../runtime/tracing';

runProcess('recorder', async ({ config, logger }) => {
  const tracing = startTracing('greenlight-recorder', config);
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-recorder', maxReconnectAttempts: -1 });
  const record = await openRecordWhenReachable(config.GREENLIGHT_DATABASE_URL, logger, { max: 2 });
  const recorder = await runRecorder(nats, record, logger);
  const lag = await recorder.lag();
  logger.info({ eventsBehind: lag.events, secondsBehind: lag.seconds, position: lag.position, traces: tracing?.url ?? 'off' }, 'recorder running');
  const served = config.GREENLIGHT_METRICS_PORT === undefined ? undefined
    : await serveMetrics([processRegistry(), recorderRegistry(recorder)], { host: config.GREENLIGHT_METRICS_HOST, port: config.GREENLIGHT_METRICS_PORT });
  if (served) logger.info({ url: served.url }, 'metrics served');
  return async () => {
    await served?.close();
    await recorder.stop();
    await record.close();
    await nats.drain();
    await tracing?.shutdown();
  };
});
