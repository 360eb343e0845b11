/**
 * What the embedded stack starts and where, from the environment.
 *
 *   const config = readStackConfig(process.env);
 *   if (config.temporal.kind === 'embedded') startTemporalDevServer({ port: config.temporal.port, … });
 *
 * | variable                       | default                      |                                   |
 * |--------------------------------|------------------------------|-----------------------------------|
 * | TEMPORAL_ADDRESS               | (unset: start a dev server)  | use this Temporal, start none     |
 * | NATS_URL                       | (unset: start a NATS server) | use this NATS, start none         |
 * | GREENLIGHT_DATA_DIR            | .data                        | relative to the repository root   |
 * | GREENLIGHT_TEMPORAL_PORT       | 7233                         | 0 picks a free port               |
 * | GREENLIGHT_TEMPORAL_UI_PORT    | 8233                         | 0 picks a free port               |
 * | GREENLIGHT_NATS_PORT           | 4222                         | 0 picks a free port               |
 * | GREENLIGHT_NATS_MONITOR_PORT   | 8222                         | 0 picks a free port               |
 * | GREENLIGHT_DATABASE_URL        | (unset: start a PostgreSQL)  | use this database for the record  |
 * | GREENLIGHT_POSTGRES_PORT       | 5433                         | 0 picks a free port               |
 * | GREENLIGHT_RUN                 | tsx                          | `compiled`: the processes from dist/ |
 *
 * The rest (namespace, API host and port, directory file, JWT secret) is contracts/config.ts's,
 * read the same way the project's processes read it.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, type Config } from '../contracts/config';
import type { RunMode } from './project-processes';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const StackEnvSchema = z.object({
  GREENLIGHT_DATA_DIR: z.string().min(1).default('.data'),
  GREENLIGHT_TEMPORAL_PORT: port(7233),
  GREENLIGHT_TEMPORAL_UI_PORT: port(8233),
  GREENLIGHT_NATS_PORT: port(4222),
  GREENLIGHT_NATS_MONITOR_PORT: port(8222),
  /** Not 5432: a machine with Debian's package may run its own cluster there. */
  GREENLIGHT_POSTGRES_PORT: port(5433),
  /** `compiled` runs the worker, the API and the notifier from `npm run build`'s dist/ (docs/compiled-build.md). */
  GREENLIGHT_RUN: z.enum(['tsx', 'compiled']).default('tsx'),
});

export type TemporalPlan = { kind: 'external'; address: string } | { kind: 'embedded'; port: number; uiPort: number; dataDir: string };
export type PostgresPlan = { kind: 'external'; url: string } | { kind: 'embedded'; port: number; dataDir: string; database: string };
export type NatsPlan = { kind: 'external'; url: string } | { kind: 'embedded'; port: number; monitorPort: number; storeDir: string };

export interface StackConfig {
  rootDir: string;
  dataDir: string;
  temporal: TemporalPlan;
  nats: NatsPlan;
  /** The record's database (records/). */
  postgres: PostgresPlan;
  /** contracts/config.ts's view of the same environment. */
  app: Config;
  /** Where a browser reaches the API. */
  apiUrl: string;
  /** The directory file, resolved against the repository root. */
  directoryFile: string;
  /** How the project's processes run (runtime/project-processes.ts). */
  run: RunMode;
}

export function readStackConfig(env: NodeJS.ProcessEnv, rootDir = resolve(__dirname, '..')): StackConfig {
  const app = loadConfig(env);
  const given = Object.fromEntries(Object.keys(StackEnvSchema.shape).filter((k) => env[k]).map((k) => [k, env[k]]));
  const parsed = StackEnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(given[String(i.path[0])])}: ${i.message}`);
    throw new Error(`invalid stack configuration:\n${lines.join('\n')}`);
  }
  const stack = parsed.data;
  const dataDir = resolve(rootDir, stack.GREENLIGHT_DATA_DIR);
  // A wildcard bind address is not somewhere a browser can go.
  const apiHost = ['0.0.0.0', '::'].includes(app.GREENLIGHT_API_HOST) ? '127.0.0.1' : app.GREENLIGHT_API_HOST;
  return {
    rootDir,
    dataDir,
    temporal: env.TEMPORAL_ADDRESS
      ? { kind: 'external', address: app.TEMPORAL_ADDRESS }
      : { kind: 'embedded', port: stack.GREENLIGHT_TEMPORAL_PORT, uiPort: stack.GREENLIGHT_TEMPORAL_UI_PORT, dataDir: resolve(dataDir, 'temporal') },
    nats: env.NATS_URL
      ? { kind: 'external', url: app.NATS_URL }
      : { kind: 'embedded', port: stack.GREENLIGHT_NATS_PORT, monitorPort: stack.GREENLIGHT_NATS_MONITOR_PORT, storeDir: resolve(dataDir, 'nats') },
    postgres: env.GREENLIGHT_DATABASE_URL
      ? { kind: 'external', url: app.GREENLIGHT_DATABASE_URL }
      : { kind: 'embedded', port: stack.GREENLIGHT_POSTGRES_PORT, dataDir: resolve(dataDir, 'postgres'), database: 'greenlight' },
    app,
    apiUrl: `http://${apiHost.includes(':') ? `[${apiHost}]` : apiHost}:${app.GREENLIGHT_API_PORT}`,
    directoryFile: resolve(rootDir, app.GREENLIGHT_DIRECTORY),
    run: stack.GREENLIGHT_RUN,
  };
}
