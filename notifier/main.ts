/** The notifier process: `npx tsx notifier/main.ts`. */
import { connect } from '@nats-io/transport-node';
import { natsUserOptions } from '../runtime/nats-user';
import { runProcess } from '../log/process-main';
import { createMailer } from './email';
import { runNotifier } from './notifier';
import { webhookSecrets } from './secrets';
import { processRegistry, serveMetrics } from '../runtime/metrics';
import { notifierRegistry } from './metrics';
import { followDirectory } from '../directory/store';
import { startTracing } from '../runtime/tracing';

runProcess('notifier', async ({ config, logger }) => {
  const tracing = startTracing('greenlight-notifier', config);
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-notifier', maxReconnectAttempts: -1, ...natsUserOptions(config.NATS_URL) });
  // The API serves the workbench on its own origin: without a configured URL, links point there.
  const webUrl = config.GREENLIGHT_WEB_URL ?? `http://${config.GREENLIGHT_API_HOST}:${config.GREENLIGHT_API_PORT}`;
  const directory = await followDirectory(nats, config.GREENLIGHT_DIRECTORY, logger.child({ component: 'directory' }));
  const notifier = await runNotifier(nats, config.GREENLIGHT_DIRECTORY, logger, {
    webUrl,
    calendarDir: config.GREENLIGHT_CALENDAR_DIR,
    channels: {
      webhook: { secrets: webhookSecrets() },
      email: config.GREENLIGHT_SMTP_URL ? { mailer: createMailer(config.GREENLIGHT_SMTP_URL, config.GREENLIGHT_MAIL_FROM) } : undefined,
    },
  });
  logger.info({ email: Boolean(config.GREENLIGHT_SMTP_URL), webUrl, traces: tracing?.url ?? 'off' }, 'notifier running');
  const served = config.GREENLIGHT_METRICS_PORT === undefined ? undefined
    : await serveMetrics([processRegistry(), notifierRegistry], { host: config.GREENLIGHT_METRICS_HOST, port: config.GREENLIGHT_METRICS_PORT });
  if (served) logger.info({ url: served.url }, 'metrics served');
  return async () => {
    await served?.close();
    await notifier.stop();
    await directory.stop();
    await nats.drain();
    await tracing?.shutdown();
  };
});
