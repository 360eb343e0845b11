/**
 * The routes every registered kind gets, under `/api/processes/<kind>`: start, list, get, the
 * kind's declared actions (`POST …/<id>/actions/<name>`) and reports (`GET …/reports/<name>`);
 * and `/api/processes`, what kinds there are. The OpenAPI document shows each kind's own
 * contracts. Who may is the service's (api/policy.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Light } from '../../contracts/ladder';
import { formSchemas } from '../../contracts/forms';
import { InstructionState } from '../../contracts/instruction';
import { routeOf, type ProcessDefinition } from '../../processes/definition';
import type { ProcessService } from '../process-service';
import { problemResponses, SafeText } from './problem';

const Fact = z.object({
  label: z.string(), path: z.string(), as: z.enum(['text', 'paragraph', 'person', 'department', 'departments']).optional(),
  values: z.record(z.string(), z.string()).optional(),
});
const Presentation = z.object({
  name: z.string().describe('its name in Chinese'),
  facts: z.array(Fact).describe('what its task pages show of the state'),
  item: z.object({
    list: z.string(), facts: z.array(Fact), materials: z.object({ list: z.string(), missing: z.string() }).optional(),
    decisions: z.object({ history: z.string(), events: z.array(z.string()), why: z.array(z.string()) }).optional(),
  }).optional(),
  categories: z.record(z.string(), z.string()).optional(),
  events: z.record(z.string(), z.string()).optional().describe('its events in Chinese, by event'),
  words: z.record(z.string(), z.string()).optional().describe('its outcomes, fields, ladder labels and statuses in Chinese, by key (outcome.resolved)'),
  en: z.record(z.string(), z.string()).optional().describe('its words in English, by their Chinese'),
  views: z.record(z.string(), z.unknown()).optional().describe('its views beyond the task pages: wall chart, process page sections, responsibility list (processes/definition.ts `Views`)'),
}).describe('how the workbench shows it (processes/definition.ts)');
const KindSummary = z.object({
  kind: z.string(),
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  route: z.string(),
  startSubject: z.string(),
  forms: z.record(z.string(), z.array(z.string())).describe('form → its outcomes'),
  ladders: z.array(z.string()).describe('task names with a built-in ladder (the directory may replace them as <kind>.<task>)'),
  events: z.array(z.string()),
  actions: z.array(z.object({ name: z.string(), summary: z.string(), subject: z.string().optional() })),
  reports: z.array(z.object({ name: z.string(), summary: z.string() })),
  presentation: Presentation,
});
const ProcessSummary = z.object({
  id: z.string(),
  title: z.string().optional(),
  status: z.string().optional(),
  light: z.string().optional(),
  category: z.string().optional(),
  departmentId: z.string().optional(),
  assignedLeaderId: z.string().optional(),
  startedAt: z.string(),
  closedAt: z.string().optional(),
});
const TaskBrief = z.object({
  taskId: z.string(), title: z.string(), status: z.string(), light: Light, dueAt: z.string().optional(), provisional: z.boolean(),
  departmentId: z.string().optional(), assigneeId: z.string().optional(), formName: z.string(), outcomes: z.array(z.string()),
});
const TimelineEntry = z.object({ at: z.string(), event: z.string(), detail: z.record(z.string(), z.unknown()) });
const ProcessId = z.object({ id: SafeText(400) });
/** A process Temporal no longer holds (execution RECORDED): what the record keeps of it (api/process-service.ts RecordedView). */
const RecordedState = z.object({
  recorded: z.literal(true), status: z.string().optional(), category: z.string().optional(), departmentId: z.string().optional(),
  assignedLeaderId: z.string().optional(), startedAt: z.string(), closedAt: z.string().optional(),
}).describe('a process Temporal no longer holds, as the record keeps it');
const RecordedInstruction = z.object({
  instructionId: z.string(), text: z.string().optional(), processKind: z.string().optional(), processId: z.string().optional(), status: z.string().optional(),
  light: Light.optional(), departmentId: z.string().optional(), issuedBy: z.string().optional(), responderId: z.string().optional(),
  dueAt: z.string().optional(), issuedAt: z.string(), closedAt: z.string().optional(),
});

export function describeKind(d: ProcessDefinition): z.infer<typeof KindSummary> {
  return {
    kind: d.kind,
    version: d.version,
    title: d.title,
    summary: d.summary,
    route: routeOf(d.kind),
    startSubject: d.start.subject,
    forms: Object.fromEntries(Object.keys(d.forms).map((name) => [name, Object.keys(formSchemas(name))])),
    ladders: Object.keys(d.ladders),
    events: [...d.events],
    actions: (d.actions ?? []).map((a) => ({ name: a.name, summary: a.summary, subject: a.command?.subject })),
    reports: (d.reports ?? []).map((r) => ({ name: r.name, summary: r.summary })),
    presentation: d.presentation as z.infer<typeof Presentation>,
  };
}

/**
 * A zod schema shown in the OpenAPI document (3.0, so in its dialect: `exclusiveMinimum: true`
 * beside `minimum`, `nullable`) as it is, validated by the service (so its errors read like the directory's).
 */
const documented = (name: string, schema: z.ZodType) => z.unknown().describe(name).meta({ ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) });

export const processRoutes: FastifyPluginAsyncZod<{ definitions: readonly ProcessDefinition[]; processes: ProcessService }> = async (app, { definitions, processes }) => {
  app.get('/api/processes', {
    schema: {
      tags: ['processes'],
      summary: 'The kinds of process this Greenlight runs, with how each is started, its forms, ladders, events, actions and reports',
      response: { 200: z.object({ kinds: z.array(KindSummary) }), ...problemResponses },
    },
  }, async () => ({ kinds: definitions.map(describeKind) }));

  for (const d of definitions) {
    const route = routeOf(d.kind);
    const tags = [`process: ${d.kind}`];
    app.post(route, {
      schema: {
        tags,
        summary: `Start a ${d.title}; the same id and body again returns the existing one. Also on NATS: ${d.start.subject}`,
        description: 'The same id with the same body: 202 existing. The same id with another body, or an id another process already holds: 409 '
          + '(which kind holds it is not said).'
          + (d.checkDirectory ? ' Beyond this schema, the directory rules: every department and person the body names must be in the directory, '
            + 'in the role the kind needs (400 naming the field).' : ''),
        body: documented(d.kind, d.input()),
        response: { 202: z.object({ id: z.string(), existing: z.boolean() }), ...problemResponses },
      },
    }, async (req, reply) => reply.status(202).send(await processes.start(d, req.body, req.auth.actor)));

    app.get(route, {
      schema: {
        tags,
        summary: `${d.title}: the latest first (or red first with order=light); each person sees those the authorisation table lets them read`,
        querystring: z.object({
          status: SafeText().optional(),
          light: Light.optional(),
          category: SafeText().optional().describe("the kind's own category (a request's, a project's phase, a proposal's class)"),
          department: SafeText().optional().describe('narrows what you may see; never widens it'),
          assignedLeader: SafeText().optional().describe('narrows what you may see; never widens it'),
          order: z.enum(['latest', 'light']).default('latest'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          cursor: SafeText(400).optional().describe("the previous page's `next`: the processes after it"),
          ...Object.fromEntries((d.listFilters ?? []).map((f) => [f.name, z.enum(f.values).optional().describe(f.summary)])),
        }),
        response: {
          200: z.object({
            processes: z.array(ProcessSummary),
            total: z.number().int().optional().describe('every process the filters match, not only the page returned'),
            next: z.string().optional().describe('the cursor of the next page; absent on the last'),
          }),
          ...problemResponses,
        },
      },
    }, async (req) => {
      const own = Object.fromEntries((d.listFilters ?? []).map((f) => [f.name, (req.query as unknown as Record<string, string | undefined>)[f.name]]));
      return processes.listPage(d, req.auth.actor, { ...req.query, own });
    });

    // Registered before /:id so that "reports" is never taken for an id.
    for (const report of d.reports ?? []) {
      app.get(`${route}/reports/${report.name}`, {
        schema: { tags, summary: report.summary, response: { 200: report.result(), ...problemResponses } },
      }, async (req) => processes.report(d, report, req.auth.actor));
    }

    app.get(`${route}/:id`, {
      schema: {
        tags,
        summary: `One ${d.title}: its state as its workflow reports it, its tasks and its timeline`,
        params: ProcessId,
        response: {
          200: z.object({
            kind: z.string(), id: z.string(), title: z.string().optional(), execution: z.string(), light: Light.optional(),
            state: (d.state ? d.state() : z.record(z.string(), z.unknown())).or(RecordedState),
            tasks: z.array(TaskBrief.extend({ outcome: z.string().optional() })),
            timeline: z.array(TimelineEntry),
            instructions: z.array(InstructionState.omit({ history: true }).or(RecordedInstruction)).describe('the supervision instructions (督办) issued on it'),
          }),
          ...problemResponses,
        },
      },
    }, async (req) => processes.get(d, req.params.id, req.auth.actor));

    for (const action of d.actions ?? []) {
      app.post(`${route}/:id/actions/${action.name}`, {
        schema: {
          tags,
          summary: `${action.summary}${action.command ? ` Also on NATS: ${action.command.subject}` : ''}`,
          params: ProcessId,
          ...(action.checkDirectory ? { description: 'Beyond this schema, the directory rules: every department and person the body names must be in the directory (400 naming the field).' } : {}),
          body: documented(action.name, action.body()),
          response: { 200: action.result ? action.result() : z.unknown(), ...problemResponses },
        },
      }, async (req) => processes.act(d, action, req.params.id, req.body, req.auth.actor));
    }
  }
};
