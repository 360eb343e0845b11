/** The notifier process: `npx tsx notifier/main.ts`. */
import { connect } from '@nats-io/transport-node';
import { runProcess } from '../log/process-main';
import { createMailer } from './email';
import { runNotifier } from './notifier';
import { webhookSecrets } from './secrets';

runProcess('notifier', async ({ config, logger }) => {
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-notifier', maxReconnectAttempts: -1 });
  // The API serves the workbench on its own origin: without a configured URL, links point there.
  const webUrl = config.GREENLIGHT_WEB_URL ?? `http://${config.GREENLIGHT_API_HOST}:${config.GREENLIGHT_API_PORT}`;
  const notifier = await runNotifier(nats, config.GREENLIGHT_DIRECTORY, logger, {
    webUrl,
    calendarDir: config.GREENLIGHT_CALENDAR_DIR,
    channels: {
      webhook: { secrets: webhookSecrets() },
      email: config.GREENLIGHT_SMTP_URL ? { mailer: createMailer(config.GREENLIGHT_SMTP_URL, config.GREENLIGHT_MAIL_FROM) } : undefined,
    },
  });
  logger.info({ email: Boolean(config.GREENLIGHT_SMTP_URL), webUrl }, 'notifier running');
  return async () => {
    await notifier.stop();
    await nats.drain();
  };
});
