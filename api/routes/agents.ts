/**
 * 代理: a person names an agent for a period (api/agents.ts); each person their own, an admin
 * anyone's. The API serves GET and POST only (api/server.ts): naming is a POST to the agent,
 * clearing a POST to its `clear`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadDirectory } from '../../activities/directory-file';
import { PersonId } from '../../contracts/directory';
import type { Agents } from '../agents';
import { HttpError, unavailable } from '../errors';
import { mayKeepAgent } from '../policy';
import { problemResponses } from './problem';

const AgentBody = z.object({
  agentId: PersonId.describe('the agent: a person of the directory, not the person themselves'),
  from: z.iso.datetime({ offset: true }).describe('when the agent begins to stand in (inclusive)'),
  until: z.iso.datetime({ offset: true }).describe('when the agent stops (exclusive): after `from`'),
});

const AgentView = z.object({
  personId: z.string(),
  agent: z.object({
    agentId: z.string(), from: z.string(), until: z.string(), setBy: z.string(), setAt: z.string(),
    active: z.boolean().describe('whether the agent stands in now'),
  }).optional().describe('absent when the person has named none'),
});

export const agentRoutes: FastifyPluginAsyncZod<{ agents: Agents; directoryPath: string }> = async (app, { agents, directoryPath }) => {
  /** 403 unless the caller may keep this person's agent; 404 for a person the directory does not hold. */
  const allowed = (actor: Parameters<typeof mayKeepAgent>[0], personId: string) => {
    const may = mayKeepAgent(actor, personId);
    if (may !== true) throw new HttpError(403, may);
    if (!loadDirectory(directoryPath).people.some((p) => p.id === personId)) throw new HttpError(404, `no person ${personId}`);
  };
  const view = (personId: string): z.infer<typeof AgentView> => {
    const agent = agents.of(personId);
    const now = Date.now();
    return { personId, ...(agent ? { agent: { ...agent, active: Date.parse(agent.from) <= now && now < Date.parse(agent.until) } } : {}) };
  };

  app.get('/api/people/:id/agent', {
    schema: {
      tags: ['directory'],
      summary: "The person's agent (代理) and its period (the person themselves; admins)",
      params: z.object({ id: PersonId }),
      response: { 200: AgentView, ...problemResponses },
    },
  }, async (req) => {
    allowed(req.auth.actor, req.params.id);
    return view(req.params.id);
  });

  app.post('/api/people/:id/agent', {
    preValidation: async (req) => {
      const may = mayKeepAgent(req.auth.actor, (req.params as { id: string }).id);
      if (may !== true) throw new HttpError(403, may);
    },
    schema: {
      tags: ['directory'],
      summary: "Name the person's agent (代理) for a period: while it lasts, the tasks assigned to the person or offered to their departments reach the agent too, and what the agent does on them is recorded 代某某办理 (the person themselves; admins)",
      params: z.object({ id: PersonId }),
      body: AgentBody,
      response: { 200: AgentView, ...problemResponses },
    },
  }, async (req) => {
    allowed(req.auth.actor, req.params.id);
    const { agentId, from, until } = req.body;
    const issues = [
      ...(!loadDirectory(directoryPath).people.some((p) => p.id === agentId) ? [{ path: 'agentId', message: `人员名录中没有 ${agentId}，请从名录中选择代理人` }] : []),
      ...(agentId === req.params.id ? [{ path: 'agentId', message: '代理人不能是本人' }] : []),
      ...(Date.parse(until) <= Date.parse(from) ? [{ path: 'until', message: '代理结束时间须晚于开始时间' }] : []),
    ];
    if (issues.length > 0) throw new HttpError(400, `请改正后再提交：${issues.map((i) => i.message).join('；')}`, issues);
    try {
      await agents.set(req.params.id, {
        agentId, from: new Date(from).toISOString(), until: new Date(until).toISOString(), setBy: req.auth.actor.personId, setAt: new Date().toISOString(),
      });
    } catch (err) {
      req.log.warn({ err, personId: req.params.id }, 'the agent could not be stored');
      throw unavailable('the agent could not be stored (NATS)');
    }
    return view(req.params.id);
  });

  app.post('/api/people/:id/agent/clear', {
    schema: {
      tags: ['directory'],
      summary: "Clear the person's agent (代理): from now on, their tasks reach only them (the person themselves; admins)",
      params: z.object({ id: PersonId }),
      response: { 204: z.undefined().describe('No agent now; no body'), ...problemResponses },
    },
  }, async (req, reply) => {
    allowed(req.auth.actor, req.params.id);
    try {
      await agents.clear(req.params.id);
    } catch (err) {
      req.log.warn({ err, personId: req.params.id }, 'the agent could not be cleared');
      throw unavailable('the agent could not be cleared (NATS)');
    }
    return reply.status(204).send();
  });
};
