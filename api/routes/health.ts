/** `/healthz`: the process is up. `/readyz`: Temporal and NATS both answer. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { NatsConnection } from '@nats-io/nats-core';
import { z } from 'zod';

const Health = z.object({ status: z.string(), temporal: z.string().optional(), nats: z.string().optional() });

export const healthRoutes: FastifyPluginAsyncZod<{ client: Client; nats: NatsConnection }> = async (app, { client, nats }) => {
  app.get('/healthz', { schema: { hide: true, response: { 200: Health } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true, response: { 200: Health, 503: Health } } }, async (_req, reply) => {
    const [temporal, natsOk] = await Promise.all([
      client.connection.workflowService.getSystemInfo({}).then(() => 'ok', (e: Error) => e.message),
      nats.isClosed() ? Promise.resolve('closed') : nats.flush().then(() => 'ok', (e: Error) => e.message),
    ]);
    const ready = temporal === 'ok' && natsOk === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', temporal, nats: natsOk });
  });
};
