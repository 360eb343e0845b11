/**
 * What the HTTP API is built from (`buildServer(deps)`, api/server.ts): its own file, so that the
 * workbench's plugin (web/server/plugin.ts), which the server registers, can name it without
 * importing the server.
 */
import type { Client } from '@temporalio/client';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import type { ProcessDefinition } from '../processes/definition';
import type { RecordConnection } from '../records/database';
import type { TokenKeys } from './auth';
import type { SessionEnds } from './sessions';

export interface ApiDeps {
  client: Client;
  nats: NatsConnection;
  directoryPath: string;
  /** How tokens are verified: the identity provider's JWKS, or a shared secret (api/auth.ts). */
  tokens?: TokenKeys;
  /** @deprecated Use `tokens: { secret }`. */
  jwtSecret?: string;
  /** How long a request may wait on Temporal and the worker before it is answered 503 (or 202 pending); 8 s by default. */
  deadlineMs?: number;
  taskQueue: string;
  logger: Logger;
  /** The record (records/): inboxes, 我的预警, 我下达的督办 and reports read it; without one, inboxes ask Temporal's visibility. */
  record?: RecordConnection;
  /** The kinds served (processes/registry.ts by default). */
  definitions?: readonly ProcessDefinition[];
  /** Where ended sessions are kept; opened on `nats` when absent (api/sessions.ts). */
  sessions?: SessionEnds;
}
