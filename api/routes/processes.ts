/**
 * The routes every registered kind gets, under `/api/processes/<kind>`: start, list, get; and
 * `/api/processes`, what kinds there are. The OpenAPI document shows each kind's own contract.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Light } from '../../contracts/ladder';
import { formSchemas } from '../../contracts/forms';
import { routeOf, type ProcessDefinition } from '../../processes/definition';
import type { ProcessService } from '../process-service';
import { problemResponses } from './problem';

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
  };
}

export const processRoutes: FastifyPluginAsyncZod<{ definitions: readonly ProcessDefinition[]; processes: ProcessService }> = async (app, { definitions, processes }) => {
  app.get('/api/processes', {
    schema: {
      tags: ['processes'],
      summary: 'The kinds of process this Greenlight runs, with how each is started, its forms, ladders and events',
      response: { 200: z.object({ kinds: z.array(KindSummary) }), ...problemResponses },
    },
  }, async () => ({ kinds: definitions.map(describeKind) }));

  for (const d of definitions) {
    const route = routeOf(d.kind);
    const tags = [`process: ${d.kind}`];
    app.post(route, {
      schema: {
        tags,
        summary: `Start a ${d.title}; the same id again returns the existing one. Also on NATS: ${d.start.subject}`,
        // Validated by the service against the contract and the directory, so both errors read alike.
        body: z.unknown().describe(d.kind).meta({ ...z.toJSONSchema(d.input(), { io: 'input', unrepresentable: 'any' }) }),
        response: { 202: z.object({ id: z.string(), existing: z.boolean() }), ...problemResponses },
      },
    }, async (req, reply) => reply.status(202).send(await processes.start(d, req.body, req.auth.actor)));

    app.get(route, {
      schema: {
        tags,
        summary: `${d.title}: the latest first; a department's staff see their departments'`,
        querystring: z.object({
          status: z.string().min(1).optional(),
          light: Light.optional(),
          category: z.string().min(1).optional().describe("the kind's own category (a request's, a ticket's consultation or complaint)"),
          department: z.string().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ processes: z.array(ProcessSummary) }), ...problemResponses },
      },
    }, async (req) => ({ processes: await processes.list(d, req.auth.actor, req.query) }));

    app.get(`${route}/:id`, {
      schema: {
        tags,
        summary: `One ${d.title}: its state as its workflow reports it`,
        params: z.object({ id: z.string().min(1) }),
        response: {
          200: z.object({
            kind: z.string(), id: z.string(), title: z.string().optional(), execution: z.string(),
            state: d.state ? d.state() : z.record(z.string(), z.unknown()),
          }),
          ...problemResponses,
        },
      },
    }, async (req) => processes.get(d, req.params.id, req.auth.actor));
  }
};
