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
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { loadDirectory } from '../activities/directory-file';
import { registeredForm } from '../contracts/forms';
import { AuthError, authenticate, tokenVerifier, type AuthContext } from './auth';
import type { ApiDeps } from './deps';
import { HttpError, isUnavailable, unavailable } from './errors';
import { CONTROL_CHARACTERS, Problem, problemResponses } from './routes/problem';
import { healthRoutes } from './routes/health';
import { instructionRoutes } from './routes/instructions';
import { leaderRoutes } from './routes/leaders';
import { processRoutes } from './routes/processes';
import { taskRoutes } from './routes/tasks';
import { workbench } from '../web/server/plugin';
import { InstructionService } from './instruction-service';
import { LeaderService } from './leader-service';
import { ProcessService } from './process-service';
import { TaskService } from './task-service';
import { InvalidCursor } from '../records/reads';
import { definitions as registered } from '../processes/registry';

export type { ApiDeps } from './deps';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}


/** The methods the API serves; any other is 405 on every path. */
const SERVED_METHODS = ['GET', 'HEAD', 'POST'];

/** The first query parameter or path parameter holding a control character (a NUL included), by name. */
function controlCharacterIn(request: FastifyRequest): string | undefined {
  for (const [where, values] of [['query', request.query], ['path', request.params]] as const) {
    for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      if ([value].flat().some((v) => typeof v === 'string' && CONTROL_CHARACTERS.test(v))) return `${where} parameter ${name}`;
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
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const tokens = deps.tokens ?? (deps.jwtSecret ? { secret: deps.jwtSecret } : undefined);
  if (!tokens) throw new Error('buildServer needs tokens: a JWKS with issuer and audience, or a secret');
  const verify = tokenVerifier(tokens);
  const deadlineMs = deps.deadlineMs ?? 8_000;

  // Every /api route: its error statuses documented with the Problem body, and every call it
  // makes to Temporal bounded by one deadline, so that an outage is a prompt 503, never a slow 500.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (route.schema) route.schema.response = { ...problemResponses, ...(route.schema.response as object | undefined) };
    const handler = route.handler;
    route.handler = function (this: unknown, request, reply) {
      return deps.client.withDeadline(Date.now() + deadlineMs, async () => handler.call(this as never, request, reply));
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

  // With an identity provider's JWKS there is no shared secret: the workbench's CSRF tokens are then
  // keyed per process (its demo person picker needs the secret, and is only on in the demo stack).
  const sessionSecret = 'secret' in tokens ? tokens.secret : randomBytes(32).toString('hex');
  await app.register(workbench, { ...deps, verify, sessionSecret }); // the web workbench at /: before the auth hook, its session cookie stands in for the bearer header
  app.decorateRequest('auth', undefined as unknown as AuthContext);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // A method the API never serves goes to the 405 answer, before anything is asked of the caller.
    if (!request.url.startsWith('/api/') || !SERVED_METHODS.includes(request.method)) return;
    request.auth = await authenticate(request.headers.authorization, verify, loadDirectory(deps.directoryPath));
  });
  app.addHook('preValidation', async (request) => {
    const bad = controlCharacterIn(request);
    if (bad) throw new HttpError(400, `invalid request: the ${bad} holds a control character`);
  });

  app.setNotFoundHandler((request, reply) => {
    if (!SERVED_METHODS.includes(request.method)) {
      return reply.status(405).header('allow', SERVED_METHODS.join(', ')).send({ error: `method ${request.method} is not allowed: this API serves ${SERVED_METHODS.join(', ')}` });
    }
    return reply.status(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies z.infer<typeof Problem>);
  });

  app.setErrorHandler((err, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send({ error: 'invalid request', issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })) });
    }
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

  const tasks = new TaskService(deps.client, deps.directoryPath, deps.record);
  await app.register(healthRoutes, { client: deps.client, nats: deps.nats, record: deps.record });
  const definitions = deps.definitions ?? registered;
  const formNames = [...new Set(definitions.flatMap((d) => Object.keys(d.forms)))].filter((name) => registeredForm(name));
  await app.register(taskRoutes, { tasks, formNames });
  await app.register(processRoutes, { definitions, processes: new ProcessService(deps.client, deps.taskQueue, deps.directoryPath, deps.record) });
  await app.register(leaderRoutes, { leaders: new LeaderService(deps.client, deps.directoryPath, definitions, deps.record) });
  await app.register(instructionRoutes, { definitions, instructions: new InstructionService(deps.client, deps.taskQueue, deps.directoryPath, deps.record) });
  return app;
}
