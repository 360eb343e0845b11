/**
 * The whole Greenlight stack on one machine: a Temporal dev server (SQLite under the data
 * folder, with its Web UI), a NATS server with JetStream and a PostgreSQL server for the record
 * (under the same folder), then the worker, the API, the notifier and the recorder. Ctrl-C stops it all.
 *
 *   bash scripts/stack.sh                     # bootstraps first, then runs this
 *   npx tsx runtime/stack.ts                  # once bootstrapped
 *   TEMPORAL_ADDRESS=temporal.internal:7233 NATS_URL=nats://nats.internal:4222 npx tsx runtime/stack.ts
 *   GREENLIGHT_DATA_DIR=/tmp/gl GREENLIGHT_TEMPORAL_PORT=0 GREENLIGHT_NATS_PORT=0 … npx tsx runtime/stack.ts
 *
 * With TEMPORAL_ADDRESS, NATS_URL or GREENLIGHT_DATABASE_URL set, that server is used and none is started (variables in
 * runtime/stack-config.ts). With GREENLIGHT_RUN=compiled the worker, the API and the notifier
 * run from dist/ (`npm run build`; scripts/stack.sh builds first). Either way the search attributes, the JetStream streams and the
 * record's tables (records/migrations/) are brought up to date before the project's processes start, so those find what they need.
 *
 * SIGINT or SIGTERM stops the project's processes first, then the servers they talk to, waits for
 * all of them and exits 0; a second signal exits at once, and every child is stopped by its
 * guard (runtime/managed-process.ts). A process that dies on its own (a crash, a SIGKILL) is
 * started again, on the same ports, with a backoff, while the others keep serving
 * (runtime/supervisor.ts): the API answers 503 with Retry-After for what needs the one that is
 * down, and the processes reconnect to a restarted server. Each process's pid is said when it
 * starts. The data folder persists, so a restart finds every open workflow and timer where it was.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { connect } from '@nats-io/transport-node';
import { isAbsolute, relative } from 'node:path';
import { startNatsServer, startTemporalDevServer } from './dev-servers';
import { startPostgres } from './postgres';
import { summarizeDirectory } from './directory-summary';
import { loadOrCreateJwtSecret } from './jwt-secret';
import type { ManagedProcess } from './managed-process';
import { entryExists, missingCompiledFiles, projectProcesses, startProjectProcess } from './project-processes';
import { ensureSearchAttributes } from './search-attributes';
import { readStackConfig, type StackConfig } from './stack-config';
import { ensureStreams } from './streams';
import { supervise, type Started, type Supervised } from './supervisor';
import { waitUntilReady } from './wait-until-ready';
import { loadDirectory } from '../activities/directory-file';
import { mintToken } from '../api/auth';
import { seedDemo } from '../demo/seed';
import { demoSignInRefusal } from '../web/server/plugin';
import { openRecord } from '../records/database';

const say = (line: string) => console.log(`[stack] ${line}`);
const shown = (config: StackConfig, path: string) => {
  const r = relative(config.rootDir, path);
  return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? path : r;
};
const print = (line: string) => console.log(line);

/** Server output worth a developer's attention; the rest is start-up chatter. */
const natsNoteworthy = /\[(WRN|ERR|FTL)\]/;
const postgresNoteworthy = /\b(WARNING|ERROR|FATAL|PANIC):/;

/** A connection string without its password, for the terminal. */
const redactedUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function main(): Promise<void> {
  const config = readStackConfig(process.env);
  const abort = new AbortController();
  const servers: Supervised[] = [];
  const children: Supervised[] = [];
  let stopping: Promise<void> | undefined;

  const stopAll = (exitCode: number): Promise<void> => {
    stopping ??= (async () => {
      abort.abort();
      await Promise.allSettled(children.map((c) => c.stop()));
      await Promise.allSettled(servers.map((s) => s.stop()));
      say(exitCode === 0 ? 'stopped' : 'stopped after a failure');
      process.exit(exitCode);
    })();
    return stopping;
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        // Each child's guard (managed-process.ts) stops it once this process is gone.
        say(`${signal} again: stopping at once`);
        process.exit(130);
      }
      say(`${signal}: stopping the project's processes, then the servers`);
      void stopAll(0);
    });
  }

  // Once stopping, the servers only report their clients leaving: noise at that point.
  const serverLine = (line: string) => {
    if (!stopping) print(line);
  };

  // Each process is kept running once it has started: a crash is followed by a restart, not by the end of the stack.
  const keep = async <T extends Started>(list: Supervised[], name: string, start: () => Promise<T>): Promise<T> => {
    const supervised = supervise({
      name,
      start,
      say,
      onRestarted: (s) => say(`${name} running again (pid ${s.process.pid})`),
    });
    list.push(supervised);
    const started = await supervised.started;
    say(`${name} running (pid ${started.process.pid})`);
    if (stopping) void supervised.stop();
    return started;
  };

  try {
    // Refused before anything starts: the API would refuse it anyway, over and over.
    const refusal = demoSignInRefusal(config.app.GREENLIGHT_API_HOST);
    if (refusal) throw new Error(refusal);
    const missing = config.run === 'compiled' ? missingCompiledFiles(config.rootDir, projectProcesses.filter((p) => entryExists(config.rootDir, p))) : [];
    if (missing.length > 0) throw new Error(`GREENLIGHT_RUN=compiled, but the build has not written ${missing.map((f) => shown(config, f)).join(', ')}: run npm run build`);
    const { temporalAddress, natsUrl, temporalUiUrl, databaseUrl } = await startServers(config, abort.signal, serverLine, (name, start) => keep(servers, name, start));
    if (config.temporal.kind === 'external') await registerSearchAttributes(temporalAddress, config.app.TEMPORAL_NAMESPACE);
    else await keepClosedWorkflows(temporalAddress, config.app.TEMPORAL_NAMESPACE);
    await setUpStreams(natsUrl);
    await setUpRecord(databaseUrl);

    const jwtSecret = config.app.GREENLIGHT_JWT_SECRET ?? loadOrCreateJwtSecret(config.dataDir);
    const directory = summarizeDirectory(config.directoryFile);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: config.app.TEMPORAL_NAMESPACE,
      NATS_URL: natsUrl,
      GREENLIGHT_DATABASE_URL: databaseUrl,
      GREENLIGHT_JWT_SECRET: jwtSecret,
      GREENLIGHT_DIRECTORY: config.app.GREENLIGHT_DIRECTORY,
    };
    const started = new Map<string, ManagedProcess>();
    for (const p of projectProcesses) {
      if (stopping) break;
      if (!entryExists(config.rootDir, p)) {
        say(`${p.entry} does not exist yet: ${p.name} not started`);
        continue;
      }
      const { process: proc } = await keep(children, p.name, async () => {
        const proc = startProjectProcess(p, { rootDir: config.rootDir, env, print, run: config.run });
        return { process: proc, stop: () => proc.stop() };
      });
      started.set(p.name, proc);
    }
    // "Greenlight is running." is printed once the API answers, so that its addresses work when read.
    const api = started.get('api');
    if (api && !stopping) await apiReady(config, api);
    if (!stopping) printWhereToLook(config, { temporalAddress, temporalUiUrl, natsUrl, databaseUrl, directory, started: new Set(started.keys()) });
    if (!stopping) await seedDemoData(natsUrl, jwtSecret, config);
  } catch (err) {
    if (stopping) return;
    console.error(`[stack] ${err instanceof Error ? err.message : String(err)}`);
    await stopAll(1);
  }
}

interface ServerEndpoints {
  temporalAddress: string;
  temporalUiUrl?: string;
  natsUrl: string;
  databaseUrl: string;
}

async function startServers(
  config: StackConfig,
  signal: AbortSignal,
  serverLine: (line: string) => void,
  keep: <T extends Started>(name: string, start: () => Promise<T>) => Promise<T>,
): Promise<ServerEndpoints> {
  const t0 = Date.now();
  const took = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const temporal = async () => {
    if (config.temporal.kind === 'external') return { address: config.temporal.address, uiUrl: undefined };
    const plan = config.temporal;
    say(`starting the Temporal dev server (${shown(config, plan.dataDir)}/temporal.db)`);
    // A restart takes the ports the first start had, where the processes look for it.
    let first: Awaited<ReturnType<typeof startTemporalDevServer>> | undefined;
    const start = () => startTemporalDevServer({
      dataDir: plan.dataDir,
      port: first ? Number(first.address.split(':').pop()) : plan.port,
      uiPort: first?.uiUrl ? Number(new URL(first.uiUrl).port) : plan.uiPort,
      namespace: config.app.TEMPORAL_NAMESPACE,
      signal,
      onLine: (line, stream) => {
        if (stream === 'stderr') serverLine(`[temporal] ${line}`);
      },
    });
    const server = await keep('Temporal dev server', async () => {
      const s = await start();
      first ??= s;
      return s;
    });
    say(`Temporal dev server ready on ${server.address} (${took()})`);
    return server;
  };
  const nats = async () => {
    if (config.nats.kind === 'external') return { url: config.nats.url };
    const plan = config.nats;
    say(`starting the NATS server (${shown(config, plan.storeDir)})`);
    let first: Awaited<ReturnType<typeof startNatsServer>> | undefined;
    const start = () => startNatsServer({
      storeDir: plan.storeDir,
      port: first ? Number(new URL(first.url).port) : plan.port,
      monitorPort: first ? Number(new URL(first.monitorUrl).port) : plan.monitorPort,
      signal,
      onLine: (line) => {
        if (natsNoteworthy.test(line)) serverLine(`[nats] ${line}`);
      },
    });
    const server = await keep('NATS server', async () => {
      const s = await start();
      first ??= s;
      return s;
    });
    say(`NATS server ready on ${server.url} (${took()})`);
    return server;
  };
  const postgres = async () => {
    if (config.postgres.kind === 'external') return config.postgres.url;
    say(`starting PostgreSQL for the record (${shown(config, config.postgres.dataDir)})`);
    const plan = config.postgres;
    let first: Awaited<ReturnType<typeof startPostgres>> | undefined;
    const start = () => startPostgres({
      dataDir: plan.dataDir,
      port: first ? first.port : plan.port,
      onLine: (line) => {
        if (postgresNoteworthy.test(line)) serverLine(`[postgres] ${line}`);
      },
    });
    const server = await keep('PostgreSQL', async () => {
      const s = await start();
      first ??= s;
      return s;
    });
    say(`PostgreSQL ready on ${server.host}:${server.port} (${took()})`);
    return server.url(config.postgres.database);
  };
  const [t, n, databaseUrl] = await Promise.all([temporal(), nats(), postgres()]);
  return { temporalAddress: t.address, temporalUiUrl: t.uiUrl, natsUrl: n.url, databaseUrl };
}

/**
 * How long the embedded namespace keeps a closed workflow: 7 days, on purpose. People read closed
 * cases from the record (records/), which keeps them for years; Temporal's copy serves what only it
 * holds — a task's form payload and a process's full state, for those who open a case that closed
 * this week — and a week of closed histories to replay or debug. Longer only grows the SQLite file
 * (the dev server's default is 24 hours). A cluster of one's own sets its own (docker-compose: 30 days).
 */
export const EMBEDDED_RETENTION_DAYS = 7;

async function keepClosedWorkflows(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  try {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msToTs(`${EMBEDDED_RETENTION_DAYS} days`) },
    });
  } finally {
    await connection.close();
  }
}

async function registerSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  try {
    const added = await ensureSearchAttributes(connection, namespace);
    if (added.length > 0) say(`registered search attributes on ${address}: ${added.join(', ')}`);
  } finally {
    await connection.close();
  }
}

/**
 * The demo: commands from demo/*.commands.json and each kind's demo file (idempotent: the processes they start use their
 * own ids) and a development token for each person in the directory. GREENLIGHT_DEMO=0 skips both.
 */
/** Waits until the API says it is ready (`/readyz`: Temporal and NATS answer it), or its process dies. */
async function apiReady(config: StackConfig, api: ManagedProcess): Promise<void> {
  const t0 = Date.now();
  await waitUntilReady({
    what: `the API on ${config.apiUrl}`,
    process: api,
    timeoutMs: 180_000,
    intervalMs: 250,
    probe: async () => (await fetch(`${config.apiUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).ok || undefined,
  });
  say(`API ready on ${config.apiUrl} (${((Date.now() - t0) / 1000).toFixed(1)}s after its start)`);
}

async function seedDemoData(natsUrl: string, jwtSecret: string, config: StackConfig): Promise<void> {
  if (process.env.GREENLIGHT_DEMO === '0') return;
  const nc = await connect({ servers: natsUrl, name: 'greenlight-demo' });
  try {
    const published = await seedDemo(nc);
    say(`demo: ${published} commands published (gl.cmd.>): the intake starts their processes`);
  } finally {
    await nc.close();
  }
  const directory = loadDirectory(config.directoryFile);
  print('');
  print('Demo tokens (development only; `bin/greenlight token <personId>` mints one):');
  for (const person of directory.people) {
    print(`  ${person.id.padEnd(16)} ${person.roles.join(',').padEnd(28)} ${await mintToken(person.id, jwtSecret)}`);
  }
  print(`  e.g. curl -H "Authorization: Bearer <token of tax-huang>" ${config.apiUrl}/api/tasks`);
}

/** The record's database made if needed and migrated, before the recorder and the API use it. */
async function setUpRecord(databaseUrl: string): Promise<void> {
  const record = await openRecord(databaseUrl, { max: 1 });
  await record.close();
  say('record: tables up to date');
}

async function setUpStreams(natsUrl: string): Promise<void> {
  const nc = await connect({ servers: natsUrl, name: 'greenlight-stack' });
  try {
    const outcomes = await ensureStreams(nc);
    say(`JetStream streams: ${outcomes.map((o) => `${o.name} ${o.action}`).join(', ')}`);
  } finally {
    await nc.close();
  }
}

interface Endpoints extends ServerEndpoints {
  directory?: string;
  started: Set<string>;
}

function printWhereToLook(config: StackConfig, e: Endpoints): void {
  const unless = (name: string) => (e.started.has(name) ? '' : `  (${name} not started)`);
  const rows: [string, string][] = [
    ['Workbench', `${config.apiUrl}/${unless('api')}`],
    ['API', `${config.apiUrl}${unless('api')}`],
    ['API docs', `${config.apiUrl}/docs${unless('api')}`],
    ...(e.temporalUiUrl ? [['Temporal UI', e.temporalUiUrl] as [string, string]] : []),
    ['Temporal', `${e.temporalAddress}  (namespace ${config.app.TEMPORAL_NAMESPACE})`],
    ['NATS', e.natsUrl],
    ['Record', `${redactedUrl(e.databaseUrl)}  (PostgreSQL)`],
    ['Events', 'bin/greenlight events'],
    ['Directory', `${config.app.GREENLIGHT_DIRECTORY}: ${e.directory ?? 'not there yet'}`],
    ['Data', `${shown(config, config.dataDir)}/  (kept across restarts)`],
    ['Run', config.run === 'compiled' ? 'compiled, from dist/ (GREENLIGHT_RUN=compiled)' : 'TypeScript through tsx (GREENLIGHT_RUN=compiled: the build in dist/)'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  print('');
  print('Greenlight is running.');
  for (const [k, v] of rows) print(`  ${k.padEnd(width)}  ${v}`);
  print('Ctrl-C stops it.');
  print('');
}

main().catch((err: unknown) => {
  console.error(`[stack] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
