/**
 * `/healthz`: the process is up. `/readyz`: Temporal and NATS both answer (and the record's
 * database, with how far the recorder is behind the events: a lag does not make it unready, a
 * database that does not answer does).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { NatsConnection } from '@nats-io/nats-core';
import { z } from 'zod';
import { jetstreamManager } from '@nats-io/jetstream';
import type { RecordConnection } from '../../records/database';
import { recorderLag } from '../../records/lag';

const Health = z.object({
  status: z.string(), temporal: z.string().optional(), nats: z.string().optional(), record: z.string().optional(),
  recorderLag: z.object({ events: z.number(), seconds: z.number(), position: z.number(), last: z.number() }).optional(),
});

export const healthRoutes: FastifyPluginAsyncZod<{ client: Client; nats: NatsConnection; record?: RecordConnection }> = async (app, { client, nats, record }) => {
  app.get('/healthz', { schema: { hide: true, response: { 200: Health } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true, response: { 200: Health, 503: Health } } }, async (_req, reply) => {
    const [temporal, natsOk, lag] = await Promise.all([
      client.connection.workflowService.getSystemInfo({}).then(() => 'ok', (e: Error) => e.message),
      nats.isClosed() ? Promise.resolve('closed') : nats.flush().then(() => 'ok', (e: Error) => e.message),
      record ? jetstreamManager(nats).then((jsm) => recorderLag(jsm, record.db)).catch((e: Error) => e.message) : Promise.resolve(undefined),
    ]);
    const recordOk = lag === undefined ? undefined : typeof lag === 'string' ? lag : 'ok';
    const ready = temporal === 'ok' && natsOk === 'ok' && (recordOk === undefined || recordOk === 'ok');
    return reply.status(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready', temporal, nats: natsOk,
      ...(recordOk ? { record: recordOk } : {}), ...(typeof lag === 'object' ? { recorderLag: lag } : {}),
    });
  });
};
