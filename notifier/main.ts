/** The notifier process: `npx tsx notifier/main.ts`. */
import { connect } from '@nats-io/transport-node';
import { runProcess } from '../log/process-main';
import { runNotifier } from './notifier';

runProcess('notifier', async ({ config, logger }) => {
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-notifier', maxReconnectAttempts: -1 });
  const notifier = await runNotifier(nats, config.GREENLIGHT_DIRECTORY, logger);
  logger.info('notifier running');
  return async () => {
    await notifier.stop();
    await nats.drain();
  };
});
