/** Enterprise requests (企业诉求): submit and follow. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RequestView, SubmitRequest } from '../../contracts/enterprise-request';
import type { RequestService } from '../request-service';
import { problemResponses } from './problem';


export const requestRoutes: FastifyPluginAsyncZod<{ requests: RequestService }> = async (app, { requests }) => {
  app.post('/api/requests', {
    schema: {
      tags: ['requests'],
      summary: "Submit an enterprise's request; the same id again returns the existing request",
      // Validated by the service against the contract and the directory, so both errors read alike.
      body: z.unknown().describe('SubmitRequest').meta({ ...z.toJSONSchema(SubmitRequest, { io: 'input' }) }),
      response: { 202: z.object({ id: z.string(), existing: z.boolean() }), ...problemResponses },
    },
  }, async (req, reply) => reply.status(202).send(await requests.submit(req.body, req.auth.actor)));

  app.get('/api/requests/:id', {
    schema: {
      tags: ['requests'],
      summary: 'Status, light, current deadline, open tasks and the timeline of a request',
      params: z.object({ id: z.string().min(1) }),
      response: { 200: RequestView, ...problemResponses },
    },
  }, async (req) => requests.get(req.params.id, req.auth.actor));
};
