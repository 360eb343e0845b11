/**
 * Real servers for the embedded stack and for integration tests: a Temporal dev server (SQLite,
 * with its Web UI) and a NATS server with JetStream, on loopback ports.
 *
 *   const temporal = await startTemporalDevServer({ dataDir: tmp });   // free ports
 *   const nats = await startNatsServer({ storeDir: join(tmp, 'nats') });
 *   … Connection.connect({ address: temporal.address }) … connect({ servers: nats.url }) …
 *   await Promise.all([temporal.stop(), nats.stop()]);
 *
 * Each start returns once the server answers: Temporal when its namespace can be described and
 * the project's search attributes are registered, NATS when its health endpoint says JetStream is
 * ready (and each has said, in its own output, that the ports are its own). A server that dies
 * or does not answer in time fails the start with its last output.
 * A port left out or 0 is chosen free; when another process takes it between the choice and the
 * bind, the start is retried on new ports.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { allSearchAttributes } from '../processes/search-attributes';
import { freePort } from './free-port';
import { startProcess, type ManagedProcess, type ProcessOptions } from './managed-process';
import { ensureSearchAttributes, type SearchAttributeSpec } from './search-attributes';
import { dynamicConfigFlags } from './temporal-dynamic-config';
import { resolveNatsServer, resolveTemporalCli } from './servers';
import { NotReadyError, waitUntilReady } from './wait-until-ready';

type OnLine = ProcessOptions['onLine'];

export interface TemporalDevServerOptions {
  /** Folder for the SQLite database (temporal.db), created if needed; in memory when omitted. */
  dataDir?: string;
  /** Front-end gRPC port; free when 0 or omitted. */
  port?: number;
  /** Web UI port; free when 0 or omitted. Ignored when headless. */
  uiPort?: number;
  headless?: boolean;
  /** Port of the server's Prometheus `/metrics` endpoint (persistence requests, task latencies); the CLI picks one when omitted. */
  metricsPort?: number;
  /** 127.0.0.1 unless given. */
  ip?: string;
  /** 'default' unless given. */
  namespace?: string;
  /** The common keys and every registered kind's (processes/search-attributes.ts) unless given. */
  searchAttributes?: ReadonlyArray<SearchAttributeSpec>;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** 60 s unless given. */
  readyTimeoutMs?: number;
  onLine?: OnLine;
  /** Aborting stops the server while it is still starting; the start then rejects. */
  signal?: AbortSignal;
  /** Where TEMPORAL_CLI_PATH is read; process.env unless given. */
  env?: NodeJS.ProcessEnv;
  /**
   * SQLite pragmas for a file database (`--sqlite-pragma`); DEV_SERVER_SQLITE_PRAGMAS unless given.
   * See devServerSqlitePragmas.
   */
  sqlitePragmas?: readonly string[];
}

/**
 * The file database's pragmas: write-ahead logging with `synchronous=normal`. SQLite's defaults
 * (a rollback journal, synced in full at every commit) make each workflow-state write wait for
 * several fsyncs, and the dev server writes one state change at a time: 1,000 deadlines at one
 * instant then took 34 s to reach their escalations, bare Temporal's as much as Greenlight's
 * (docs/performance.md). With WAL a commit appends to the log and syncs it at checkpoints; a
 * server killed mid-write loses nothing committed (only a crash of the machine itself can lose
 * the last commits). DEV_SERVER_SQLITE_PRAGMAS overrides it: a comma-separated list, or `none`
 * for SQLite's defaults.
 */
export function devServerSqlitePragmas(env: NodeJS.ProcessEnv = process.env): string[] {
  const given = env.DEV_SERVER_SQLITE_PRAGMAS?.trim();
  if (given === undefined || given === '') return ['journal_mode=wal', 'synchronous=normal'];
  if (given === 'none') return [];
  return given.split(',').map((p) => p.trim()).filter(Boolean);
}

export interface TemporalDevServer {
  /** host:port, as TEMPORAL_ADDRESS takes it. */
  address: string;
  namespace: string;
  uiUrl?: string;
  dbFile?: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface NatsServerOptions {
  /** JetStream's store folder, created if needed. */
  storeDir: string;
  /** Client port; free when 0 or omitted. */
  port?: number;
  /** HTTP monitoring port (its /healthz is the readiness probe); free when 0 or omitted. */
  monitorPort?: number;
  /** 127.0.0.1 unless given. */
  host?: string;
  /** 30 s unless given. */
  readyTimeoutMs?: number;
  onLine?: OnLine;
  /** Aborting stops the server while it is still starting; the start then rejects. */
  signal?: AbortSignal;
  /** Where NATS_SERVER_PATH is read; process.env unless given. */
  env?: NodeJS.ProcessEnv;
  /** A nats-server configuration file (users, permissions: deploy/nats/nats.conf); the flags above override its ports and store. */
  configFile?: string;
  /** The server's environment (the passwords a configuration file reads); process.env unless given. */
  serverEnv?: NodeJS.ProcessEnv;
}

export interface NatsServer {
  /** nats://host:port, as NATS_URL takes it. */
  url: string;
  monitorUrl: string;
  storeDir: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

const portTaken = /address already in use|bind: .*in use|EADDRINUSE/i;
const startAttempts = 3;

export async function startTemporalDevServer(options: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
  const cli = resolveTemporalCli(options.env);
  const ip = options.ip ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const searchAttributes = options.searchAttributes ?? allSearchAttributes();
  const dbFile = options.dataDir === undefined ? undefined : join(options.dataDir, 'temporal.db');
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const choosesPorts = !options.port || (!options.headless && !options.uiPort);

  return withPortRetry(choosesPorts, options.signal, async () => {
    const port = options.port || (await freePort(ip));
    const uiPort = options.headless ? undefined : options.uiPort || (await freePort(ip));
    const address = `${ip}:${port}`;
    const args = [
      'server', 'start-dev',
      '--ip', ip, '--port', String(port),
      '--namespace', namespace,
      '--log-level', options.logLevel ?? 'warn',
      ...(dbFile ? ['--db-filename', dbFile] : []),
      ...(dbFile ? (options.sqlitePragmas ?? devServerSqlitePragmas(options.env)).flatMap((p) => ['--sqlite-pragma', p]) : []),
      ...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']),
      ...(options.metricsPort ? ['--metrics-port', String(options.metricsPort)] : []),
      ...searchAttributes.flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`]),
      ...dynamicConfigFlags(),
    ];
    const connection = Connection.lazy({ address });
    try {
      const server = await startServer({
        name: 'temporal',
        command: cli,
        args,
        // The CLI prints this banner once it has bound its ports.
        announces: (line) => line.startsWith('Temporal Server:'),
        onLine: options.onLine,
        signal: options.signal,
        untilReady: async (proc, announced) => {
          await waitUntilReady({
            what: `Temporal dev server on ${address}`,
            process: proc,
            timeoutMs: options.readyTimeoutMs ?? 60_000,
            probe: async () =>
              announced()
                ? connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.describeNamespace({ namespace }))
                : undefined,
          });
          await ensureSearchAttributes(connection, namespace, searchAttributes);
        },
      });
      return { address, namespace, uiUrl: uiPort ? `http://${ip}:${uiPort}` : undefined, dbFile, ...server };
    } finally {
      await connection.close();
    }
  });
}

export async function startNatsServer(options: NatsServerOptions): Promise<NatsServer> {
  const binary = resolveNatsServer(options.env);
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.storeDir, { recursive: true });
  const choosesPorts = !options.port || !options.monitorPort;

  return withPortRetry(choosesPorts, options.signal, async () => {
    const port = options.port || (await freePort(host));
    const monitorPort = options.monitorPort || (await freePort(host));
    const monitorUrl = `http://${host}:${monitorPort}`;
    const server = await startServer({
      name: 'nats',
      command: binary,
      args: [...(options.configFile ? ['-c', options.configFile] : []), '-js', '-sd', options.storeDir, '-a', host, '-p', String(port), '-m', String(monitorPort)],
      env: options.serverEnv,
      announces: (line) => line.includes('Server is ready'),
      onLine: options.onLine,
      signal: options.signal,
      untilReady: (proc, announced) =>
        waitUntilReady({
          what: `NATS server on ${host}:${port}`,
          process: proc,
          timeoutMs: options.readyTimeoutMs ?? 30_000,
          // /healthz answers 200 only once JetStream has recovered its streams, not merely started.
          probe: async () =>
            announced() && (await fetch(`${monitorUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok ? true : undefined,
        }),
    });
    return { url: `nats://${host}:${port}`, monitorUrl, storeDir: options.storeDir, ...server };
  });
}

interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /**
   * Whether a line of output says the server has bound its ports. Until it says so, whatever
   * answers on them may be another server that got there first.
   */
  announces: (line: string) => boolean;
  onLine?: OnLine;
  signal?: AbortSignal;
  untilReady: (proc: ManagedProcess, announced: () => boolean) => Promise<unknown>;
}

/** Starts the process and waits until it is ready; a failed or aborted start leaves nothing running. */
async function startServer(spec: ServerSpec): Promise<{ process: ManagedProcess; stop(): Promise<void> }> {
  let announced = false;
  const proc = startProcess({
    name: spec.name,
    command: spec.command,
    args: spec.args,
    env: spec.env,
    onLine: (line, stream) => {
      if (spec.announces(line)) announced = true;
      spec.onLine?.(line, stream);
    },
  });
  const stop = async () => {
    await proc.stop(15_000);
  };
  const stopOnAbort = () => void stop();
  spec.signal?.addEventListener('abort', stopOnAbort, { once: true });
  try {
    await spec.untilReady(proc, () => announced);
  } catch (err) {
    await stop();
    // Stopped on purpose: "exited before it answered" would read like a fault.
    throw spec.signal?.aborted ? spec.signal.reason : err;
  } finally {
    spec.signal?.removeEventListener('abort', stopOnAbort);
  }
  return { process: proc, stop };
}

async function withPortRetry<T>(choosesPorts: boolean, signal: AbortSignal | undefined, start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await start();
    } catch (err) {
      const lostRace = err instanceof NotReadyError && portTaken.test(err.output);
      if (!choosesPorts || !lostRace || attempt >= startAttempts) throw err;
    }
  }
}
