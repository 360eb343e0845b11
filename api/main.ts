/**
 * The API process: `npx tsx api/main.ts`. Needs GREENLIGHT_JWKS_URL (or _FILE) with
 * GREENLIGHT_JWT_ISSUER and GREENLIGHT_JWT_AUDIENCE, or GREENLIGHT_JWT_SECRET; stops cleanly on
 * SIGINT/SIGTERM.
 */
import { Client, Connection } from '@temporalio/client';
import { connect } from '@nats-io/transport-node';
import { natsUserOptions } from '../runtime/nats-user';
import { runProcess } from '../log/process-main';
import { startIntake } from '../intake/processes';
import { tokenKeysFrom } from './auth';
import { buildServer } from './server';
import { openRecordWhenReachable } from '../records/database';
import { oidcSettingsFrom } from '../web/server/oidc';
import { demoSignInRefusal } from '../web/server/plugin';
import { processRegistry, serveMetrics } from '../runtime/metrics';
import { apiMetrics } from './metrics';
import { followDirectory } from '../directory/store';
import { startTracing, temporalClientInterceptors } from '../runtime/tracing';

runProcess('api', async ({ config, logger }) => {
  const refusal = demoSignInRefusal(config.GREENLIGHT_API_HOST);
  if (refusal) throw new Error(refusal);
  const tracing = startTracing('greenlight-api', config);
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-api', maxReconnectAttempts: -1, ...natsUserOptions(config.NATS_URL) });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: temporalClientInterceptors() });
  const record = await openRecordWhenReachable(config.GREENLIGHT_DATABASE_URL, logger);
  const directory = await followDirectory(nats, config.GREENLIGHT_DIRECTORY, logger.child({ component: 'directory' }));
  const metrics = apiMetrics({ client, nats });
  const app = await buildServer({ metrics, client, nats, record, directoryPath: config.GREENLIGHT_DIRECTORY, directoryStore: directory.store, trustProxy: config.GREENLIGHT_TRUST_PROXY, tokens: tokenKeysFrom(config), oidc: oidcSettingsFrom(config), sessionSecret: config.GREENLIGHT_SESSION_SECRET, taskQueue: config.GREENLIGHT_TASK_QUEUE, calendarDir: config.GREENLIGHT_CALENDAR_DIR, logger });
  const intake = await startIntake(nats, { client, taskQueue: config.GREENLIGHT_TASK_QUEUE, directoryPath: config.GREENLIGHT_DIRECTORY }, logger.child({ component: 'intake' }));
  await app.listen({ host: config.GREENLIGHT_API_HOST, port: config.GREENLIGHT_API_PORT });
  const served = config.GREENLIGHT_METRICS_PORT === undefined ? undefined
    : await serveMetrics([processRegistry(), metrics.registry], { host: config.GREENLIGHT_METRICS_HOST, port: config.GREENLIGHT_METRICS_PORT });
  if (served) logger.info({ url: served.url }, 'metrics served');
  if (tracing) logger.info({ url: tracing.url }, 'traces exported');
  return async () => {
    await served?.close();
    await app.close();
    await intake.stop();
    await directory.stop();
    await connection.close();
    await record.close();
    await nats.drain();
    await tracing?.shutdown();
  };
});
