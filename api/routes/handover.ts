/** 离职交接: an administrator hands every open task of a person who leaves to another person (api/handover-service.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PersonId } from '../../contracts/directory';
import { HttpError } from '../errors';
import type { HandoverService } from '../handover-service';
import { mayHandOverPeople } from '../policy';
import { problemResponses } from './problem';

const HeldTask = z.object({
  taskId: z.string(), title: z.string(), processKind: z.string(), processId: z.string(), status: z.string(),
  departmentId: z.string().optional(), dueAt: z.string().optional(),
});

export const handoverRoutes: FastifyPluginAsyncZod<{ handovers: HandoverService }> = async (app, { handovers }) => {
  app.post('/api/people/:id/handover', {
    // Whoever may never hand over is refused before the body is read.
    preValidation: async (req) => {
      const may = mayHandOverPeople(req.auth.actor);
      if (may !== true) throw new HttpError(403, may);
    },
    schema: {
      tags: ['directory'],
      summary: "Hand every open task of a person who leaves (claimed by or assigned to them) to another person, each by its 改派 with the reason 离职交接：…, in one recorded operation (gl.evt.person.handed-over); a dry run lists what would move (admins)",
      params: z.object({ id: PersonId.describe('the person who leaves; one already out of the directory is found by the tasks they hold') }),
      body: z.object({
        toPersonId: PersonId.describe('who receives the tasks: in the directory, another person (400 naming the field otherwise)'),
        reason: z.string().trim().min(1, '请写明交接原因').max(500),
        dryRun: z.boolean().default(false),
      }),
      response: {
        200: z.object({
          personId: z.string(), toPersonId: z.string(), dryRun: z.boolean(),
          moved: z.array(HeldTask).describe('the tasks moved to the receiver; on a dry run, those that would move'),
          refused: z.array(HeldTask.extend({ reason: z.string() })).describe('the tasks that stay where they are, each with why (the rest still move)'),
          handoverId: z.string().optional().describe("the handover's id, in its event; absent on a dry run"),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => handovers.handOver(req.params.id, req.auth.actor, req.body));
};
