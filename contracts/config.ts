/**
 * Configuration from the environment, validated at start. A bad value stops the process with
 * a message that names the variable.
 */
import { z } from 'zod';

export const ConfigSchema = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  NATS_URL: z.string().regex(/^(nats|tls|ws|wss):\/\/\S+$/, 'a nats:// URL').default('nats://127.0.0.1:4222'),
  GREENLIGHT_TASK_QUEUE: z.string().min(1).default('greenlight'),
  /** Development and tests: tokens signed HS256 with this secret. */
  GREENLIGHT_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Production: the identity provider's JWKS (RS256 / ES256), by URL or from a file, with its issuer and audience. */
  GREENLIGHT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  GREENLIGHT_JWKS_FILE: z.string().min(1).optional(),
  GREENLIGHT_JWT_ISSUER: z.string().min(1).optional(),
  GREENLIGHT_JWT_AUDIENCE: z.string().min(1).optional(),
  /**
   * The record's PostgreSQL database (records/): every list, the board and every report read it.
   * The embedded stack starts its own server and sets this; set it to use an existing database.
   */
  GREENLIGHT_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a postgresql:// URL').default('postgresql://postgres@127.0.0.1:5433/greenlight'),
  /**
   * The workbench's sign-in through the identity provider (OpenID Connect, authorization code
   * with PKCE): its issuer, this client's id and secret at it, and the claim whose value is a
   * person's id in the directory (docs/operations.md, "Connecting an identity provider").
   */
  GREENLIGHT_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  GREENLIGHT_OIDC_CLIENT_ID: z.string().min(1).optional(),
  GREENLIGHT_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  GREENLIGHT_OIDC_PERSON_CLAIM: z.string().min(1).default('preferred_username'),
  GREENLIGHT_OIDC_SCOPE: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid').default('openid profile'),
  /** The key of the workbench's sessions, the same in every API replica; needed with GREENLIGHT_OIDC_ISSUER. */
  GREENLIGHT_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  GREENLIGHT_DIRECTORY: z.string().min(1).default('directory/demo.json'),
  GREENLIGHT_CALENDAR_DIR: z.string().min(1).default('calendar/data'),
  GREENLIGHT_API_HOST: z.string().min(1).default('127.0.0.1'),
  GREENLIGHT_API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /**
   * The reverse proxy in front of the API whose X-Forwarded-Proto, -Host and -For are believed
   * (Fastify's trustProxy): its addresses or networks, comma-separated (`127.0.0.1`,
   * `10.0.0.0/8`, or `loopback`). Unset: none is believed, and behind a proxy that terminates
   * TLS the workbench sees http, refuses every sign-in from https and never sets Secure cookies.
   */
  GREENLIGHT_TRUST_PROXY: z.string()
    .regex(/^[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*$/, "the proxy's addresses or networks, comma-separated (e.g. 127.0.0.1,10.0.0.0/8 or loopback)")
    .refine((v) => !/^(true|false|\d+)$/.test(v), "name the proxy's addresses (e.g. 127.0.0.1): believing every client's headers would let anyone claim https")
    .transform((v) => v.split(',').map((a) => a.trim()))
    .optional(),
  /**
   * Workflows a worker keeps in memory between their tasks. The SDK gives every workflow its own
   * copy of the modules it imports: about 0.3 MB for a task waiting on its deadlines, 0.9 MB for a
   * process or a task that has validated a form (docs/performance.md, "Memory"); past this, the least recent are
   * evicted and replayed from history when they next have work. The stack sizes the worker's
   * heap limit from it (runtime/project-processes.ts workerOldSpaceMb).
   */
  GREENLIGHT_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(250),
  /**
   * The worker's prebuilt workflow bundle (`npm run build` writes dist/workflow-bundle.js): the
   * worker runs it instead of bundling the workflows with webpack at start. Made by the same
   * version of @temporalio/worker as the worker's, from the same sources (docs/compiled-build.md).
   */
  GREENLIGHT_WORKFLOW_BUNDLE: z.string().regex(/\.c?js$/, 'a .js file, e.g. dist/workflow-bundle.js').optional(),
  /** The web workbench's base URL, for the links in notifications (e.g. https://greenlight.example.gov.cn). */
  GREENLIGHT_WEB_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A JSON file `{ "<personId>": "<secret>" }` of webhook signing secrets, kept out of the repo. */
  GREENLIGHT_WEBHOOK_SECRETS: z.string().min(1).optional(),
  /** The SMTP server for e-mail notifications, e.g. smtp://mail.example.gov.cn:587 or smtps://user:pass@host:465. */
  GREENLIGHT_SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, 'an smtp:// or smtps:// URL').optional(),
  GREENLIGHT_MAIL_FROM: z.string().min(3).default('Greenlight 绿灯 <greenlight@localhost>'),
  /**
   * Where this process serves its Prometheus metrics (`GET /metrics`), apart from the public port;
   * none when unset. The worker's include the Temporal SDK's, which it keeps on a loopback port of
   * its own (GREENLIGHT_TEMPORAL_METRICS_PORT, any free one when unset).
   */
  GREENLIGHT_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  GREENLIGHT_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  GREENLIGHT_TEMPORAL_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /**
   * Where this process sends its OpenTelemetry traces (OTLP over HTTP: `<endpoint>/v1/traces`), e.g.
   * http://otel-collector:4318; none recorded when unset (runtime/tracing.ts).
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape).filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(known[String(i.path[0])])}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The worker's cache size as the environment gives it (GREENLIGHT_MAX_CACHED_WORKFLOWS), or its
 * default when unset or invalid: for what is sized from it before the worker itself validates
 * the whole configuration (the worker's heap limit, the test stack, the benchmarks).
 */
export function maxCachedWorkflows(env: NodeJS.ProcessEnv): number {
  const field = ConfigSchema.shape.GREENLIGHT_MAX_CACHED_WORKFLOWS;
  const given = field.safeParse(env.GREENLIGHT_MAX_CACHED_WORKFLOWS || undefined);
  return given.success ? given.data : field.parse(undefined);
}
