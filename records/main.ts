/**
 * The recorder process: `npx tsx records/main.ts`. Applies every event of GL_EVENTS to the record
 * in GREENLIGHT_DATABASE_URL (records/recorder.ts); waits for PostgreSQL when it is not there yet.
 */
import { connect } from '@nats-io/transport-node';
import { runProcess } from '../log/process-main';
import { openRecordWhenReachable } from './database';
import { runRecorder } from './recorder';

runProcess('recorder', async ({ config, logger }) => {
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-recorder', maxReconnectAttempts: -1 });
  const record = await openRecordWhenReachable(config.GREENLIGHT_DATABASE_URL, logger, { max: 2 });
  const recorder = await runRecorder(nats, record, logger);
  const lag = await recorder.lag();
  logger.info({ eventsBehind: lag.events, secondsBehind: lag.seconds, position: lag.position }, 'recorder running');
  return async () => {
    await recorder.stop();
    await record.close();
    await nats.drain();
  };
});
