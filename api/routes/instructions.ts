/**
 * Supervision instructions (督办): issued on a process of any kind under
 * `/api/processes/<kind>/:id/instructions`, then answered, accepted or sent back under
 * `/api/instructions/:id`; a leader's own under `/api/leaders/me/instructions`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InstructionState, InstructionStatus, IssueInstruction } from '../../contracts/instruction';
import { Light } from '../../contracts/ladder';
import { TaskCompletion } from '../../contracts/task';
import { routeOf, type ProcessDefinition } from '../../processes/definition';
import type { InstructionService } from '../instruction-service';
import { problemResponses } from './problem';

const ProcessId = z.object({ id: z.string().min(1) });
const InstructionId = z.object({ id: z.string().min(1).describe('the instruction id, e.g. req-1/instruction-1 (URL-encode the slashes)') });
const InstructionSummary = z.object({
  instructionId: z.string(), text: z.string().optional(), processTitle: z.string().optional().describe("the title of the process it is about"), processKind: z.string().optional(), processId: z.string().optional(),
  status: z.string().optional(), light: Light.optional(), departmentId: z.string().optional(), issuedBy: z.string().optional(),
  responderId: z.string().optional(), dueAt: z.string().optional(), issuedAt: z.string(), closedAt: z.string().optional(),
});

export const instructionRoutes: FastifyPluginAsyncZod<{ definitions: readonly ProcessDefinition[]; instructions: InstructionService }> = async (
  app, { definitions, instructions },
) => {
  for (const d of definitions) {
    app.post(`${routeOf(d.kind)}/:id/instructions`, {
      schema: {
        tags: ['instructions'],
        summary: `Issue a supervision instruction (督办) on a ${d.title}: the department's head answers within the working days given (leaders, and the kind's overseers)`,
        params: ProcessId,
        body: IssueInstruction,
        response: { 202: z.object({ instructionId: z.string(), processId: z.string() }), ...problemResponses },
      },
    }, async (req, reply) => reply.status(202).send(await instructions.issue(d, req.params.id, req.auth.actor, req.body)));
  }

  app.get('/api/instructions/:id', {
    schema: { tags: ['instructions'], summary: "An instruction's state: its rounds, answers and decisions, and its trail", params: InstructionId, response: { 200: InstructionState, ...problemResponses } },
  }, async (req) => instructions.get(req.params.id, req.auth.actor));

  app.post('/api/instructions/:id/answer', {
    schema: {
      tags: ['instructions'],
      summary: "The responsible department's answer (its head, or an admin): completes the instruction's open response task",
      params: InstructionId,
      body: z.object({ answer: z.string().trim().min(1).max(4000) }),
      response: { 200: z.object({ taskId: z.string(), completion: TaskCompletion }), ...problemResponses },
    },
  }, async (req) => instructions.answer(req.params.id, req.auth.actor, req.body));

  app.post('/api/instructions/:id/accept', {
    schema: {
      tags: ['instructions'],
      summary: 'The leader who issued it accepts the answer: the instruction closes',
      params: InstructionId,
      body: z.object({ comment: z.string().trim().max(4000).optional() }).default({}),
      response: { 200: InstructionState, ...problemResponses },
    },
  }, async (req) => instructions.accept(req.params.id, req.auth.actor, req.body));

  app.post('/api/instructions/:id/return', {
    schema: {
      tags: ['instructions'],
      summary: 'The leader who issued it sends the answer back, once, saying what it lacks: a new round with a new deadline',
      params: InstructionId,
      body: z.object({ comment: z.string().trim().min(1).max(4000) }),
      response: { 200: InstructionState, ...problemResponses },
    },
  }, async (req) => instructions.sendBack(req.params.id, req.auth.actor, req.body));

  app.get('/api/leaders/me/instructions', {
    schema: {
      tags: ['leaders'],
      summary: 'The instructions you issued and where each stands, the latest first',
      querystring: z.object({ status: InstructionStatus.optional() }),
      response: { 200: z.object({ instructions: z.array(InstructionSummary) }), ...problemResponses },
    },
  }, async (req) => ({ instructions: await instructions.mine(req.auth.actor, req.query) }));
};
