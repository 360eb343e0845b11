/**
 * The HTTP API: Fastify with zod contracts (validation, serialisation and the OpenAPI
 * document at /docs come from the same schemas).
 *
 * ```ts
 * const app = await buildServer({ client, nats, directoryPath, tokens: { secret }, logger });
 * await app.listen({ port: 8080 });
 * ```
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifySchemaCompiler } from 'fastify';
import { sayIssues, type SaidIssue } from '../contracts/say-issues';
import { fieldLabel } from '../contracts/field-labels';
import { loadDirectory } from '../activities/directory-file';
import { registeredForm } from '../contracts/forms';
import { AuthError, authenticate, tokenVerifier, withSessions, type AuthContext } from './auth';
import type { ApiDeps } from './deps';
import { HttpError, isUnavailable, unavailable } from './errors';
import { CONTROL_CHARACTERS, Problem, problemResponses } from './routes/problem';
import { controlCharacterPath } from '../contracts/text';
import { healthRoutes } from './routes/health';
import { instructionRoutes } from './routes/instructions';
import { leaderRoutes } from './routes/leaders';
import { issuedReportRoutes, reportRoutes } from './routes/reports';
import { processRoutes } from './routes/processes';
import { taskRoutes } from './routes/tasks';
import { sessionRoutes } from './routes/sessions';
import { refusingEnded, SessionEnds } from './sessions';
import { workbench } from '../web/server/plugin';
import { DirectoryService } from './directory-service';
import { HandoverService } from './handover-service';
import { directoryRoutes } from './routes/directory';
import { handoverRoutes } from './routes/handover';
import { agentRoutes } from './routes/agents';
import { Agents } from './agents';
import { InstructionService } from './instruction-service';
import { LeaderService } from './leader-service';
import { ProcessService } from './process-service';
import { TaskService } from './task-service';
import { InvalidCursor } from '../records/reads';
import { definitions as registered } from '../processes/registry';
import { inServerSpan } from '../runtime/spans';

export type { ApiDeps } from './deps';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}


/** A body, query, path or header the route's contract refuses: each issue said with its field and what to fix (contracts/say-issues.ts). */
class RequestRefused extends Error {
  readonly statusCode = 400;
  constructor(readonly said: { error: string; details: SaidIssue[] }) {
    super(said.error);
  }
}

/** The routes' zod contracts, parsed with the input reported, so that a missing field is told from a wrong one. */
const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data) => {
  const parsed = schema.safeParse(data, { reportInput: true });
  return parsed.success ? { value: parsed.data } : { error: new RequestRefused(sayIssues(parsed.error.issues)) };
};

/** The methods the API serves; any other is 405 on every path. */
const SERVED_METHODS = ['GET', 'HEAD', 'POST'];

/** The first query parameter or path parameter holding a control character (a NUL included), by name. */
function controlCharacterIn(request: FastifyRequest): string | undefined {
  for (const [where, values] of [['query', request.query], ['path', request.params]] as const) {
    for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      if ([value].flat().some((v) => typeof v === 'string' && CONTROL_CHARACTERS.test(v))) return `${where === 'query' ? '查询参数' : '路径参数'} ${name}`;
    }
  }
  return undefined;
}

export async function buildServer(deps: ApiDeps) {
  const app = Fastify({
    loggerInstance: deps.logger,
    // Ids are checked by the routes' own schemas (a 400 that says what is wrong); a task's id with its
    // process's and an instruction's parts runs past the router's default of 100 characters.
    routerOptions: { maxParamLength: 4096 },
    // Our own 503 while closing (below), with Retry-After: Fastify's says not when to come back.
    return503OnClosing: false,
    // Behind a TLS-terminating proxy: request.protocol and .host are what the browser used (https),
    // so the workbench's origin check and Secure cookies follow (web/server/plugin.ts).
    trustProxy: deps.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  if (deps.metrics) {
    const { requests, duration } = deps.metrics;
    app.addHook('onResponse', async (request, reply) => {
      // The route's pattern (`/api/tasks/:taskId`), never the URL: one series per route, not per id.
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
    });
  }
  // Each /api request's span (runtime/tracing.ts), ended with its answer's status.
  const spanEnds = new WeakMap<FastifyRequest, (status: number) => void>();
  app.addHook('onResponse', async (request, reply) => spanEnds.get(request)?.(reply.statusCode));
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    const answer = unavailable('the API is shutting down');
    return reply.status(503).headers({ ...answer.headers, connection: 'close' }).send({ error: answer.message });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const tokens = deps.tokens ?? (deps.jwtSecret ? { secret: deps.jwtSecret } : undefined);
  if (!tokens) throw new Error('buildServer needs tokens: a JWKS with issuer and audience, or a secret');
  if (deps.oidc && !deps.sessionSecret) throw new Error('sign-in through an identity provider needs a session secret (GREENLIGHT_SESSION_SECRET), the same in every API');
  const sessions = deps.sessions ?? await SessionEnds.open(deps.nats);
  if (!deps.sessions) app.addHook('onClose', async () => sessions.stop());
  const agents = deps.agents ?? await Agents.open(deps.nats);
  if (!deps.agents) app.addHook('onClose', async () => agents.stop());
  // The workbench's own sessions (GREENLIGHT_SESSION_SECRET, needed for sign-in through an identity
  // provider) are accepted beside the configured tokens; an ended session is refused either way.
  const verify = refusingEnded(deps.sessionSecret ? withSessions(tokenVerifier(tokens), deps.sessionSecret) : tokenVerifier(tokens), sessions);
  const deadlineMs = deps.deadlineMs ?? 8_000;

  // Every /api route: its error statuses documented with the Problem body, every call it makes to
  // Temporal bounded by one deadline, so that an outage is a prompt 503, never a slow 500, and a
  // span named by its pattern, whose trace the Temporal client carries on into the workflows.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (route.schema) route.schema.response = { ...problemResponses, ...(route.schema.response as object | undefined) };
    const handler = route.handler;
    route.handler = function (this: unknown, request, reply) {
      return inServerSpan(`${request.method} ${route.url}`, request.headers, (end) => {
        spanEnds.set(request, end);
        return deps.client.withDeadline(Date.now() + deadlineMs, async () => handler.call(this as never, request, reply));
      });
    };
  });


  await app.register(swagger, {
    openapi: {
      info: { title: 'Greenlight API', version: '0.1.0', description: 'Tasks, processes and escalations of the district government.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // The workbench's sessions and CSRF tokens: keyed by GREENLIGHT_SESSION_SECRET when given; else by
  // the shared secret; else, with only a JWKS, per process (the demo's picker needs the secret).
  const sessionSecret = deps.sessionSecret ?? ('secret' in tokens ? tokens.secret : randomBytes(32).toString('hex'));
  await app.register(workbench, { ...deps, verify, sessionSecret, sessions, agents }); // the web workbench at /: before the auth hook, its session cookie stands in for the bearer header
  app.decorateRequest('auth', undefined as unknown as AuthContext);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // A method the API never serves goes to the 405 answer, before anything is asked of the caller.
    if (!request.url.startsWith('/api/') || !SERVED_METHODS.includes(request.method)) return;
    request.auth = await authenticate(request.headers.authorization, verify, loadDirectory(deps.directoryPath));
  });
  app.addHook('preValidation', async (request) => {
    const bad = controlCharacterIn(request);
    if (bad) throw new HttpError(400, `请求有误：${bad}含有控制字符，请删去`);
    const inBody = request.url.startsWith('/api/') ? controlCharacterPath(request.body) : undefined;
    if (inBody !== undefined) {
      const message = `${fieldLabel(inBody)}含有控制字符，请删去`;
      throw new HttpError(400, `请改正后再提交：${message}`, [{ path: inBody, field: fieldLabel(inBody), message }]);
    }
  });

  app.setNotFoundHandler((request, reply) => {
    if (!SERVED_METHODS.includes(request.method)) {
      return reply.status(405).header('allow', SERVED_METHODS.join(', ')).send({ error: `method ${request.method} is not allowed: this API serves ${SERVED_METHODS.join(', ')}` });
    }
    return reply.status(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies z.infer<typeof Problem>);
  });

  app.setErrorHandler((err, request, reply) => {
    if (err instanceof RequestRefused) return reply.status(400).send({ error: err.said.error, details: err.said.details });
    if (err instanceof AuthError) return reply.status(401).send({ error: err.message });
    if (err instanceof InvalidCursor) return reply.status(400).send({ error: err.message });
    if (err instanceof HttpError) return reply.status(err.statusCode).headers(err.headers).send({ error: err.message, details: err.details });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.status(status).send({ error: (err as Error).message });
    if (isUnavailable(err)) {
      const answer = unavailable();
      request.log.warn({ err }, 'Temporal or the worker did not answer in time');
      return reply.status(503).headers(answer.headers).send({ error: answer.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: 'internal error' });
  });

  const tasks = new TaskService(deps.client, deps.directoryPath, deps.record, agents);
  await app.register(healthRoutes, { client: deps.client, nats: deps.nats, record: deps.record });
  const definitions = deps.definitions ?? registered;
  const formNames = [...new Set(definitions.flatMap((d) => Object.keys(d.forms)))].filter((name) => registeredForm(name));
  await app.register(taskRoutes, { tasks, formNames });
  await app.register(processRoutes, { definitions, processes: new ProcessService(deps.client, deps.taskQueue, deps.directoryPath, deps.record) });
  await app.register(leaderRoutes, { leaders: new LeaderService(deps.directoryPath, definitions, deps.record), tasks });
  await app.register(reportRoutes, { nats: deps.nats, directoryPath: deps.directoryPath, record: deps.record?.db });
  await app.register(issuedReportRoutes, { nats: deps.nats, directoryPath: deps.directoryPath });
  await app.register(sessionRoutes, { sessions, directoryPath: deps.directoryPath });
  await app.register(directoryRoutes, { directory: new DirectoryService(deps.client, deps.directoryStore) });
  await app.register(agentRoutes, { agents, directoryPath: deps.directoryPath });
  await app.register(handoverRoutes, { handovers: new HandoverService(deps.client, deps.directoryPath, deps.taskQueue, deps.record) });
  await app.register(instructionRoutes, { definitions, instructions: new InstructionService(deps.client, deps.taskQueue, deps.directoryPath, deps.record) });
  return app;
}
