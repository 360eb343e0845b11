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
import type { Agents } from './agents';
import type { OidcSettings } from '../web/server/oidc';
import type { ApiMetrics } from './metrics';
import type { DirectoryStore } from '../directory/store';

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
  /** Where the people's agents (代理) are kept; opened on `nats` when absent (api/agents.ts). */
  agents?: Agents;
  /** The calendar's data folder (GREENLIGHT_CALENDAR_DIR): the workbench counts working days with it. */
  calendarDir?: string;
  /** People sign in to the workbench through this identity provider (OpenID Connect; web/server/oidc.ts). */
  oidc?: OidcSettings;
  /**
   * The key of the workbench's own sessions and CSRF tokens, the same in every replica of the API
   * (GREENLIGHT_SESSION_SECRET); needed with `oidc`. Without it: the shared secret of `tokens`, or one per process.
   */
  sessionSecret?: string;
  /** Where requests are counted and timed (api/metrics.ts); none when absent. */
  metrics?: ApiMetrics;
  /** Whose X-Forwarded-* headers are believed (GREENLIGHT_TRUST_PROXY, contracts/config.ts): the proxy's addresses or networks; none when absent. */
  trustProxy?: string[];
  /** The directory's versions (directory/store.ts), for `/api/directory`; without it those routes answer 409. */
  directoryStore?: DirectoryStore;
}
