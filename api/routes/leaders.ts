/** What a leader does and sees: acknowledge an escalation, their escalations, instructions and board. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Light } from '../../contracts/ladder';
import { TaskState } from '../../contracts/task';
import type { LeaderService } from '../leader-service';
import type { TaskService } from '../task-service';
import { problemResponses, SafeText } from './problem';

const MyEscalation = z.object({
  taskId: z.string(), title: z.string().optional(), processKind: z.string(), processId: z.string(), light: Light, status: z.string(),
  dueAt: z.string().optional(), departmentId: z.string().optional(), assigneeId: z.string().optional(),
  escalations: z.array(z.object({
    step: z.number().int(), at: z.string(), label: z.string().optional(), acknowledged: z.boolean(), acknowledgedAt: z.string().optional(),
  })).describe('the rungs that reached you, oldest first'),
  acknowledged: z.boolean().describe('whether you acknowledged the latest of them'),
});
const LightCounts = z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() });
const Counts = { total: z.number().int(), lights: LightCounts };
const Board = z.object({
  scope: z.union([z.literal('district'), z.object({ departments: z.array(z.string()), people: z.array(z.string()) })])
    .describe('the whole district, or the departments and the person (a leader: their projects) the board covers'),
  kinds: z.array(z.object({
    kind: z.string(), title: z.string(), ...Counts,
    categories: z.array(z.object({ category: z.string().optional(), ...Counts })).optional()
      .describe("a kind with categories (a project's phase, a proposal's class), by category in its order; then those without one yet (no category)"),
  })).describe("every kind, in the registry's order, its running processes on the board by light"),
  departments: z.array(z.object({ departmentId: z.string(), ...Counts }))
    .describe('every department with a running process of any kind on the board, by light, the most red first'),
  items: z.array(z.object({
    kind: z.string(), id: z.string(), title: z.string().optional(), status: z.string().optional(), light: Light,
    category: z.string().optional(), departmentId: z.string().optional(), assignedLeaderId: z.string().optional(),
  })).describe('a page of the red, then the yellow, running processes of every kind (the counts above are of all of them)'),
  next: z.string().optional().describe('the cursor of the next page of items; absent on the last'),
});
const TaskId = z.object({ id: z.string().min(1).describe('the task id, e.g. req-1/handling (URL-encode the slash)') });

export const leaderRoutes: FastifyPluginAsyncZod<{ leaders: LeaderService; tasks: TaskService }> = async (app, { leaders, tasks }) => {
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
  }, async (req) => tasks.acknowledge(req.params.id, req.auth.actor, req.body));

  app.get('/api/leaders/me/escalations', {
    schema: {
      tags: ['leaders'],
      summary: 'The open tasks whose escalations reached you, latest first, with whether you acknowledged them',
      querystring: z.object({ acknowledged: z.enum(['true', 'false']).optional().describe('only those whose latest escalation you have (not) acknowledged') }),
      response: { 200: z.object({ escalations: z.array(MyEscalation) }), ...problemResponses },
    },
  }, async (req) => ({
    escalations: await leaders.escalations(req.auth.actor, { acknowledged: req.query.acknowledged === undefined ? undefined : req.query.acknowledged === 'true' }),
  }));

  app.get('/api/leaders/me/board', {
    schema: {
      tags: ['leaders'],
      summary: "The board (挂图作战): the running processes of every kind you oversee, by kind, category and department and by light, the red and yellow ones listed page by page: what the workbench draws and `greenlight board` prints",
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(1000).default(200).describe('red and yellow items per page'),
        cursor: SafeText(400).optional().describe("the previous page's `next`: the items after it (the counts are the same on every page)"),
      }),
      response: { 200: Board, ...problemResponses },
    },
  }, async (req) => leaders.board(req.auth.actor, req.query));
};
