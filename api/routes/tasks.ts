/** The staff inbox and the actions on a task. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DepartmentId, PersonId } from '../../contracts/directory';
import { Light } from '../../contracts/ladder';
import { formSchemas } from '../../contracts/forms';
import { TaskCompletion, TaskState, TaskView } from '../../contracts/task';
import type { TaskService } from '../task-service';
import { Problem, problemResponses, SafeText } from './problem';

const TaskId = z.object({ id: SafeText(400).describe('the task id, e.g. req-1/handling (URL-encode the slash)') });
const TaskSummary = z.object({
  taskId: z.string(),
  title: z.string().optional(),
  processKind: z.string().optional(),
  processId: z.string().optional(),
  status: z.string().optional(),
  light: Light.optional(),
  assigneeId: z.string().optional(),
  dueAt: z.string().optional(),
  provisional: z.boolean().optional(),
  extensionPending: z.boolean().optional().describe("an extension awaits the decision of the task's department head"),
});

/** A task Temporal no longer holds, as the record keeps it (records/reads.ts RecordedTask). */
const RecordedTaskView = z.object({
  recorded: z.literal(true),
  taskId: z.string(), taskKey: z.string(), processKind: z.string(), processId: z.string(), title: z.string(), status: z.string(), light: Light,
  departmentId: z.string().optional(), assigneeId: z.string().optional(), candidateRoles: z.array(z.string()),
  dueAt: z.string().optional(), provisional: z.boolean(), createdAt: z.string(), closedAt: z.string().optional(),
  completion: z.object({ outcome: z.string(), actorId: z.string().optional(), at: z.string() }).optional().describe('its answer: the outcome, by whom, when'),
  rungs: z.array(z.object({
    step: z.number().int(), kind: z.enum(['reminder', 'escalation']), label: z.string().optional(), at: z.string(), reached: z.array(z.string()),
    acknowledgements: z.array(z.object({ personId: z.string(), at: z.string() })),
  })),
  extensions: z.array(z.object({
    workingDays: z.number().int().optional(), requestedBy: z.string().optional(), requestedAt: z.string(),
    decision: z.string().optional(), decidedBy: z.string().optional(), decidedAt: z.string().optional(),
  })),
  history: z.array(z.object({ at: z.string(), type: z.string(), actorId: z.string().optional(), words: z.string() })),
}).describe("a closed task Temporal no longer holds (its retention), from the record: read-only, no verbs, no form payload");

const PendingCompletion = z.object({
  status: z.literal('pending'),
  idempotencyKey: z.string().describe('send the same body again with this Idempotency-Key to learn the answer'),
  retryAfterSeconds: z.number().int(),
}).describe('sent to the task but not confirmed in time (the worker is slow or down): it may yet be applied');

/** The forms' payload rules, as the OpenAPI document shows them: form → outcome → JSON Schema of its payload. */
function formRules(formNames: readonly string[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(formNames.map((form) => [form, Object.fromEntries(Object.entries(formSchemas(form))
    .map(([outcome, schema]) => [outcome, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })]))]));
}

export const taskRoutes: FastifyPluginAsyncZod<{ tasks: TaskService; formNames: readonly string[] }> = async (app, { tasks, formNames }) => {
  const payload = z.record(z.string(), z.unknown()).default({}).meta({
    description: "what the task's form asks for the chosen outcome (GET the task for its form); the rules of each form and outcome are in x-greenlight-forms",
    'x-greenlight-forms': formRules(formNames),
  });
  app.get('/api/tasks', {
    schema: {
      tags: ['tasks'],
      summary: "The caller's inbox: tasks assigned to them or offered to their departments, soonest deadline first",
      querystring: z.object({
        light: Light.optional(),
        processKind: SafeText().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        cursor: SafeText(400).optional().describe("the previous page's `next`: the tasks after it"),
      }),
      response: {
        200: z.object({
          tasks: z.array(TaskSummary.extend({
            assignedToMe: z.boolean().describe('assigned to the caller'),
            forPersonId: z.string().optional().describe('reaches the caller as the agent (代理) of this person: assigned to them or offered to their department'),
            offered: z.boolean().describe("offered to a department, held by nobody yet: the caller may claim it"),
          })),
          counts: z.object({ total: z.number().int(), red: z.number().int(), yellow: z.number().int(), green: z.number().int() })
            .describe('every task the filters match, by light, not only the page returned'),
          next: z.string().optional().describe('the cursor of the next page; absent on the last'),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => tasks.inboxWithCounts(req.auth.actor, req.query));

  app.get('/api/tasks/:id', {
    schema: {
      tags: ['tasks'],
      summary: 'The authoritative state of a task, with the verbs the caller may use on it now; once Temporal has forgotten a closed task, the record of it',
      params: TaskId,
      response: { 200: z.union([TaskView, RecordedTaskView]), ...problemResponses },
    },
  }, async (req) => tasks.get(req.params.id, req.auth.actor));

  app.post('/api/tasks/:id/claim', {
    schema: { tags: ['tasks'], summary: 'Take an offered task', params: TaskId, response: { 200: TaskState, ...problemResponses } },
  }, async (req) => tasks.claim(req.params.id, req.auth.actor));

  app.post('/api/tasks/:id/release', {
    schema: { tags: ['tasks'], summary: 'Give a claimed task back to its department', params: TaskId, response: { 200: TaskState, ...problemResponses } },
  }, async (req) => tasks.release(req.params.id, req.auth.actor));

  app.post('/api/tasks/:id/reassign', {
    schema: {
      tags: ['tasks'],
      summary: 'Reassign a task to a person or another department (department heads and admins); both must be in the directory (400 naming the field)',
      params: TaskId,
      body: z.object({ toPersonId: PersonId.optional(), toDepartmentId: DepartmentId.optional(), reason: z.string().max(1000).optional() })
        .refine((b) => b.toPersonId || b.toDepartmentId, '请选择改派人员或转办部门（也可两者都选）'),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.reassign(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/chase', {
    schema: {
      tags: ['tasks'],
      summary: 'Chase the holder (催办): the initiator, the department head or a leader; once per half working day per person and task (429 saying when, with Retry-After)',
      params: TaskId,
      body: z.object({ note: z.string().trim().max(500).optional() }).default({}),
      response: { 200: TaskState, ...problemResponses, 429: Problem.describe('chased already in this half working day: the message and Retry-After say when') },
    },
  }, async (req) => tasks.chase(req.params.id, req.auth.actor, req.body));

  for (const [how, summary] of [
    ['delegate', 'Delegate (委派) the task to a colleague: they act on it and it comes back to you, who complete it (the holder only)'],
    ['transfer', 'Transfer (转交) the task to a colleague: it is theirs now (the holder only; the head\'s reassign stays as it is)'],
  ] as const) {
    app.post(`/api/tasks/:id/${how}`, {
      schema: {
        tags: ['tasks'],
        summary,
        params: TaskId,
        body: z.object({ toPersonId: PersonId, reason: z.string().trim().max(500).optional() }),
        response: { 200: TaskState, ...problemResponses },
      },
    }, async (req) => tasks.handOver(req.params.id, req.auth.actor, how, req.body));
  }

  app.post('/api/tasks/:id/delegation/return', {
    schema: {
      tags: ['tasks'],
      summary: 'The delegate (委派) says what they did: the task goes back to its holder',
      params: TaskId,
      body: z.object({ opinion: z.string().trim().min(1).max(2000) }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.returnDelegation(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/signers', {
    schema: {
      tags: ['tasks'],
      summary: "Ask people for their opinion before deciding (前加签): the task waits, and cannot be completed, until each has answered, in any order",
      params: TaskId,
      body: z.object({ personIds: z.array(PersonId).min(1).max(20), note: z.string().trim().max(500).optional() }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.addSigners(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/sign-after', {
    schema: {
      tags: ['tasks'],
      summary: "Decide, and put the decision to people who must approve it before the task completes (后加签); one who disagrees sends it back to you",
      params: TaskId,
      body: z.object({
        outcome: SafeText(), payload,
        personIds: z.array(PersonId).min(1).max(20).describe('who must approve the decision, in any order'),
        note: z.string().trim().max(500).optional(),
      }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.signAfter(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/withdraw', {
    schema: {
      tags: ['tasks'],
      summary: 'Take back a task you completed (撤回) while its next step is untouched: the next task ends withdrawn with your reason, and this step reopens to you',
      description: 'Answers the withdrawn next task. 409 when the next step has been acted on (or claimed at the same instant), or the process does not allow it here; '
        + '403 when someone else completed the task, or the kind forbids it.',
      params: TaskId,
      body: z.object({ reason: z.string().trim().min(1).max(500) }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.withdraw(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/return', {
    schema: {
      tags: ['tasks'],
      summary: 'Return the process from this task to an earlier step (退回): this task ends with your reason, the other tasks of its parallel group are cancelled with it, '
        + 'and the step reopens to whoever did it, on a fresh deadline',
      description: 'Answers this task, ended returned. The steps offered are the task\'s `returnTargets` (its kind declares them; the verb `returnTo` says the caller may). '
        + '403 when the step is not offered here or the caller may not complete the task; 409 when the task is closed, delegated out or its decision awaits approval.',
      params: TaskId,
      body: z.object({
        toStep: z.string().min(1).max(100).describe('the step to return to: the `step` of one of the task\'s `returnTargets`'),
        reason: z.string().trim().min(1).max(500),
      }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.returnTo(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/signers/answer', {
    schema: {
      tags: ['tasks'],
      summary: "Give the opinion you were asked for (前加签), or approve or not the holder's decision put to you (后加签, agree); the holder is told",
      params: TaskId,
      body: z.object({
        opinion: z.string().trim().min(1).max(2000),
        agree: z.boolean().optional().describe('后加签: whether you approve the decision (required then); 前加签: absent'),
      }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.answerSign(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/signers/remove', {
    schema: {
      tags: ['tasks'],
      summary: 'Take off a person asked who has not answered yet (减签); never the last one asked',
      params: TaskId,
      body: z.object({ personId: PersonId, reason: z.string().trim().max(500).optional() }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.removeSigner(req.params.id, req.auth.actor, req.body));

  const CopyTo = z.object({
    personIds: z.array(PersonId).max(100).optional(),
    departmentIds: z.array(DepartmentId).max(20).optional().describe("every person of these departments is copied"),
  });
  app.post('/api/tasks/:id/copy', {
    schema: {
      tags: ['tasks'],
      summary: 'Copy the task (抄送) to people or departments: they are told, may read it and its process, and mark it 已阅; they cannot act on it',
      params: TaskId,
      body: CopyTo.extend({ note: z.string().trim().max(500).optional() })
        .refine((b) => (b.personIds?.length ?? 0) + (b.departmentIds?.length ?? 0) > 0, 'name people, a department, or both'),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.copy(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/read', {
    schema: {
      tags: ['tasks'],
      summary: 'Mark your copy (抄送) of the task read (已阅); 404 when you hold none',
      params: TaskId,
      response: { 200: z.object({ taskId: z.string(), status: z.literal('read') }), ...problemResponses },
    },
  }, async (req) => tasks.markRead(req.params.id, req.auth.actor));

  app.get('/api/copies', {
    schema: {
      tags: ['tasks'],
      summary: '抄送我的: the tasks copied to the caller, unread first, newest first',
      querystring: z.object({
        status: z.enum(['unread', 'read']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        cursor: SafeText(400).optional().describe("the previous page's `next`: the copies after it"),
      }),
      response: {
        200: z.object({
          copies: z.array(z.object({
            taskId: z.string(), title: z.string().optional(), processKind: z.string(), processId: z.string(),
            status: z.enum(['unread', 'read']), by: z.string().optional().describe('who copied it'), copiedAt: z.string(), readAt: z.string().optional(),
          })),
          counts: z.object({ total: z.number().int(), unread: z.number().int() }).describe('every copy the filter matches, not only the page returned'),
          next: z.string().optional().describe('the cursor of the next page; absent on the last'),
        }),
        ...problemResponses,
      },
    },
  }, async (req) => tasks.copies(req.auth.actor, req.query));

  app.post('/api/tasks/:id/extension', {
    schema: {
      tags: ['tasks'],
      summary: 'Ask for more working days before the deadline (延期), when the task allows it; its department head decides',
      params: TaskId,
      body: z.object({ workingDays: z.number().int().min(1).max(60), reason: z.string().trim().min(1).max(1000) }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.requestExtension(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/extension/decision', {
    schema: {
      tags: ['tasks'],
      summary: 'Grant or refuse the pending extension: granted, every working-day rung of the ladder moves',
      params: TaskId,
      body: z.object({ approve: z.boolean(), reason: z.string().trim().max(1000).optional() }),
      response: { 200: TaskState, ...problemResponses },
    },
  }, async (req) => tasks.decideExtension(req.params.id, req.auth.actor, req.body));

  app.post('/api/tasks/:id/complete', {
    schema: {
      tags: ['tasks'],
      summary: 'Complete a task with one of its outcomes; Idempotency-Key makes a retry safe',
      description: 'An Idempotency-Key belongs to the person who sends it and to one body: the same key and body again is a replay '
        + '(the first answer); the same key with another body is 422. Not confirmed in time: 202 with the key to retry.',
      params: TaskId,
      headers: z.object({ 'idempotency-key': SafeText().optional() }),
      body: z.object({ outcome: SafeText(), payload, copyTo: CopyTo.optional().describe('copy (抄送) people or departments at completion') }),
      response: { 200: TaskCompletion, 202: PendingCompletion, ...problemResponses },
    },
  }, async (req, reply) => {
    const answer = await tasks.complete(req.params.id, req.auth.actor, req.body, req.headers['idempotency-key']);
    if ('status' in answer) return reply.status(202).header('retry-after', String(answer.retryAfterSeconds)).send(answer);
    return answer;
  });
};
