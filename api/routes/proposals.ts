/** CPPCC proposals (政协提案): register, follow, list and count. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProposalClass, ProposalStats, ProposalSummary, ProposalView, RegisterProposal } from '../../contracts/proposal';
import type { ProposalService } from '../proposal-service';
import { problemResponses } from './problem';


export const proposalRoutes: FastifyPluginAsyncZod<{ proposals: ProposalService }> = async (app, { proposals }) => {
  app.post('/api/proposals', {
    schema: {
      tags: ['proposals'],
      summary: 'Register a proposal (committee staff); the same case number again returns the existing one',
      // Validated by the service against the contract and the directory, so both errors read alike.
      body: z.unknown().describe('RegisterProposal').meta({ ...z.toJSONSchema(RegisterProposal, { io: 'input' }) }),
      response: { 202: z.object({ id: z.string(), existing: z.boolean() }), ...problemResponses },
    },
  }, async (req, reply) => reply.status(202).send(await proposals.register(req.body, req.auth.actor)));

  // Registered before /:id so that "stats" is never taken for a case number.
  app.get('/api/proposals/stats', {
    schema: {
      tags: ['proposals'],
      summary: 'Registered, replied on time, by class, satisfaction rate, moved to A by follow-up review (leaders and the committee)',
      response: { 200: ProposalStats, ...problemResponses },
    },
  }, async (req) => proposals.stats(req.auth.actor));

  app.get('/api/proposals', {
    schema: {
      tags: ['proposals'],
      summary: "Proposals by class, lead unit and key flag; a unit's staff see those their unit leads",
      querystring: z.object({
        class: ProposalClass.optional(),
        unit: z.string().min(1).optional(),
        key: z.enum(['true']).optional().describe('only key proposals (重点提案)'),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: { 200: z.array(ProposalSummary), ...problemResponses },
    },
  }, async (req) => proposals.list(req.auth.actor, { class: req.query.class, unit: req.query.unit, key: req.query.key === 'true', limit: req.query.limit }));

  app.get('/api/proposals/:id', {
    schema: {
      tags: ['proposals'],
      summary: 'A proposal with its class, rating, follow-up, open tasks and whole timeline',
      params: z.object({ id: z.string().min(1) }),
      response: { 200: ProposalView, ...problemResponses },
    },
  }, async (req) => proposals.get(req.params.id, req.auth.actor));
};
