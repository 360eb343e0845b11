/** What a leader does and sees: acknowledge an escalation, their escalations, instructions and board. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TaskState } from '../../contracts/task';
import type { LeaderService } from '../leader-service';
import { problemResponses } from './problem';

const TaskId = z.object({ id: z.string().min(1).describe('the task id, e.g. req-1/handling (URL-encode the slash)') });

export const leaderRoutes: FastifyPluginAsyncZod<{ leaders: LeaderService }> = async (app, { leaders }) => {
  app.post('/api/tasks/:id/acknowledge', {
    schema: {
      tags: ['leaders'],
      summary: 'Acknowledge (已阅) an escalation of the task that reached you: the rung named by step, or the latest; the light does not change',
      params: TaskId,
      body: z.object({
        step: z.number().int().min(0).optional().describe("the escalation's rung (escalations[].step in the task's state); the latest that reached you when absent"),
        note: z.string().trim().max(1000).optional(),
      }).default({}),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => leaders.acknowledge(req.params.id, req.auth.actor, req.body));
};
