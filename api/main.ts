/**
 * The API process: `npx tsx api/main.ts`. Needs GREENLIGHT_JWT_SECRET; stops cleanly on
 * SIGINT/SIGTERM.
 */
import { Client, Connection } from '@temporalio/client';
import { connect } from '@nats-io/transport-node';
import { runProcess } from '../log/process-main';
import { consumeCommands } from '../intake/command-consumer';
import { requestSubmitHandler } from '../intake/request-intake';
import { projectIntake } from '../intake/project-intake';
import { proposalIntake } from '../intake/proposal-intake';
import { buildServer } from './server';

runProcess('api', async ({ config, logger }) => {
  if (!config.GREENLIGHT_JWT_SECRET) throw new Error('GREENLIGHT_JWT_SECRET is not set: the API refuses to start without it');
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-api', maxReconnectAttempts: -1 });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const app = await buildServer({ client, nats, directoryPath: config.GREENLIGHT_DIRECTORY, jwtSecret: config.GREENLIGHT_JWT_SECRET, taskQueue: config.GREENLIGHT_TASK_QUEUE, logger });
  const intake = await consumeCommands(nats, requestSubmitHandler(client, config.GREENLIGHT_TASK_QUEUE, config.GREENLIGHT_DIRECTORY), logger.child({ component: 'intake' }));
  const projectCommands = await projectIntake(nats, client, config.GREENLIGHT_TASK_QUEUE, config.GREENLIGHT_DIRECTORY, logger.child({ component: 'intake' }));
  const proposalCommands = await proposalIntake(nats, client, config.GREENLIGHT_TASK_QUEUE, config.GREENLIGHT_DIRECTORY, logger.child({ component: 'intake' }));
  await app.listen({ host: config.GREENLIGHT_API_HOST, port: config.GREENLIGHT_API_PORT });
  return async () => {
    await app.close();
    await intake.stop();
    await projectCommands.stop();
    await proposalCommands.stop();
    await connection.close();
    await nats.drain();
  };
});
