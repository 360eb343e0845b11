/** The notifier process: `npx tsx notifier/main.ts`. */
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '../contracts/config';
import { createLogger } from '../log/logger';
import { runNotifier } from './notifier';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('notifier', config.LOG_LEVEL);
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-notifier', maxReconnectAttempts: -1 });
  const notifier = await runNotifier(nats, config.GREENLIGHT_DIRECTORY, logger);
  logger.info('notifier running');
  const stop = async () => {
    await notifier.stop();
    await nats.drain();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
