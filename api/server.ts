/**
 * The HTTP API: Fastify with zod contracts (validation, serialisation and the OpenAPI
 * document at /docs come from the same schemas).
 *
 * ```ts
 * const app = await buildServer({ client, nats, directoryPath, jwtSecret, logger });
 * await app.listen({ port: 8080 });
 * ```
 */
import Fastify, { type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { loadDirectory } from '../activities/directory-file';
import { AuthError, authenticate, type AuthContext } from './auth';
import { HttpError } from './errors';
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
import type { ProcessDefinition } from '../processes/definition';
import { definitions as registered } from '../processes/registry';

export interface ApiDeps {
  client: Client;
  nats: NatsConnection;
  directoryPath: string;
  jwtSecret: string;
  taskQueue: string;
  logger: Logger;
  /** The kinds served (processes/registry.ts by default). */
  definitions?: readonly ProcessDefinition[];
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}


export async function buildServer(deps: ApiDeps) {
  const app = Fastify({ loggerInstance: deps.logger }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Greenlight API', version: '0.1.0', description: 'Tasks, processes and escalations of the district government.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(workbench, deps); // the web workbench at /: before the auth hook, its session cookie stands in for the bearer header
  app.decorateRequest('auth', undefined as unknown as AuthContext);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    request.auth = await authenticate(request.headers.authorization, deps.jwtSecret, loadDirectory(deps.directoryPath));
  });

  app.setErrorHandler((err, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send({ error: 'invalid request', issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })) });
    }
    if (err instanceof AuthError) return reply.status(401).send({ error: err.message });
    if (err instanceof HttpError) return reply.status(err.statusCode).send({ error: err.message, details: err.details });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.status(status).send({ error: (err as Error).message });
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: 'internal error' });
  });

  const tasks = new TaskService(deps.client);
  await app.register(healthRoutes, { client: deps.client, nats: deps.nats });
  await app.register(taskRoutes, { tasks });
  const definitions = deps.definitions ?? registered;
  await app.register(processRoutes, { definitions, processes: new ProcessService(deps.client, deps.taskQueue, deps.directoryPath) });
  await app.register(leaderRoutes, { leaders: new LeaderService(deps.client, deps.directoryPath, definitions) });
  await app.register(instructionRoutes, { definitions, instructions: new InstructionService(deps.client, deps.taskQueue, deps.directoryPath) });
  return app;
}
