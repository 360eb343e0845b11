/**
 * The whole Greenlight stack in one test process, on real servers: a Temporal dev server, a
 * NATS server and a PostgreSQL server on free loopback ports (data in temp folders), the worker,
 * the API on a free port, the NATS intake, the notifier and the recorder. Integration tests and benchmarks drive it as users
 * would: NATS commands in, HTTP calls with bearer tokens, events and notifications out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { mintToken } from '../../api/auth';
import { maxCachedWorkflows } from '../../contracts/config';
import { buildServer } from '../../api/server';
import { startIntake } from '../../intake/processes';
import { runNotifier } from '../../notifier/notifier';
import { startNatsServer, startTemporalDevServer } from '../../runtime/dev-servers';
import { freePort } from '../../runtime/free-port';
import { startPostgres, type PostgresServer } from '../../runtime/postgres';
import { openRecord, type RecordConnection } from '../../records/database';
import { runRecorder, type Recorder } from '../../records/recorder';
import { ensureStreams } from '../../runtime/streams';
import { createWorker } from '../../workers/worker';
import { startPostgresTemporal } from '../../bench/postgres-temporal';
import type { OidcSettings } from '../../web/server/oidc';
import type { ApiMetrics } from '../../api/metrics';
import { followDirectory } from '../../directory/store';
import { repoRoot } from './harness';
import { workflowBundle } from './workflow-bundle';
import { temporalClientInterceptors } from '../../runtime/tracing';

export interface StackOptions {
  directoryPath?: string;
  calendarDir?: string;
  /** Serve the Temporal server's Prometheus metrics on a free port (TestStack.temporalMetricsUrl). */
  temporalMetrics?: boolean;
  /** Run the recorder in this process (true unless false: a test that runs its own). */
  recorder?: boolean;
  /** Keep the directory's versions in NATS and follow them, as the stack's processes do (directory/store.ts); the file alone when absent. */
  directoryVersions?: boolean;
  /** The Temporal server's store: the dev server's SQLite, or PostgreSQL; BENCH_TEMPORAL_STORE, else sqlite. */
  temporalStore?: 'sqlite' | 'postgres';
}

function temporalStore(options: StackOptions): 'sqlite' | 'postgres' {
  const store = options.temporalStore ?? process.env.BENCH_TEMPORAL_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`BENCH_TEMPORAL_STORE is ${store}: say sqlite or postgres`);
  return store;
}

export interface TestStack {
  apiUrl: string;
  nats: NatsConnection;
  client: Client;
  temporalAddress: string;
  /** Which store the Temporal server keeps its state in, for a benchmark's JSON. */
  temporalStore: 'sqlite' | 'postgres';
  natsUrl: string;
  /** The record's database, and a connection to it. */
  databaseUrl: string;
  record: RecordConnection;
  postgres: PostgresServer;
  /** The recorder applying every event to the record (none when started with `recorder: false`). */
  recorder?: Recorder;
  taskQueue: string;
  /** The servers' process ids, for benchmarks that count the CPU each one spends (PostgreSQL's with that store). */
  serverPids: { temporal?: number; nats?: number; postgres?: number };
  /** The Temporal server's `/metrics` URL when the stack was started with `temporalMetrics`. */
  temporalMetricsUrl?: string;
  token(personId: string): Promise<string>;
  /** An HTTP call as `personId` (or with no token when undefined). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body is whatever the test asserts it to be
  call(personId: string | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export const JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters';

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gl-stack-'));
  const directoryPath = options.directoryPath ?? join(repoRoot, 'directory/demo.json');
  const calendarDir = options.calendarDir ?? join(repoRoot, 'calendar/data');
  const metricsPort = options.temporalMetrics ? await freePort('127.0.0.1') : undefined;
  const store = temporalStore(options);
  const [temporal, natsServer, postgres] = await Promise.all([
    store === 'postgres'
      ? startPostgresTemporal({ metricsPort })
      : startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), headless: true, metricsPort }),
    startNatsServer({ storeDir: join(dataDir, 'nats') }),
    startPostgres({}),
  ]);
  const databaseUrl = postgres.url('greenlight');
  const record = await openRecord(databaseUrl);
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const nats = await connect({ servers: natsServer.url });
  await ensureStreams(nats);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace, interceptors: temporalClientInterceptors() });
  const directory = options.directoryVersions ? await followDirectory(nats, directoryPath, logger) : undefined;
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const taskQueue = 'greenlight';
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: temporal.namespace,
    taskQueue,
    nats,
    directoryPath,
    calendarDir,
    workflowBundle: await workflowBundle(),
    // The worker's own setting, so a benchmark can try a cache of another size.
    maxCachedWorkflows: maxCachedWorkflows(process.env),
    record: record.db,
  });
  const workerRun = worker.run();
  const app = await buildServer({ client, nats, record, directoryPath, directoryStore: directory?.store, jwtSecret: JWT_SECRET, taskQueue, calendarDir, logger });
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const intake = await startIntake(nats, { client, taskQueue, directoryPath }, logger);
  // The API serves the workbench: notifications link to it, as the notifier's own main does.
  const notifier = await runNotifier(nats, directoryPath, logger, { webUrl: apiUrl, calendarDir });
  const recorder = options.recorder === false ? undefined : await runRecorder(nats, record, logger);

  const stack: TestStack = {
    apiUrl,
    nats,
    client,
    temporalAddress: temporal.address,
    temporalStore: store,
    natsUrl: natsServer.url,
    databaseUrl,
    record,
    postgres,
    recorder,
    taskQueue,
    serverPids: {
      temporal: temporal.process.pid,
      nats: natsServer.process.pid,
      ...('postgres' in temporal ? { postgres: temporal.postgres.pid } : {}),
    },
    temporalMetricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}/metrics` : undefined,
    token: (personId) => mintToken(personId, JWT_SECRET),
    async call(personId, method, path, body, headers = {}) {
      const auth: Record<string, string> = personId ? { authorization: `Bearer ${await stack.token(personId)}` } : {};
      const res = await fetch(`${apiUrl}${path}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await app.close();
      await intake.stop();
      await notifier.stop();
      await recorder?.stop();
      await directory?.stop();
      worker.shutdown();
      await workerRun;
      await nativeConnection.close();
      await connection.close();
      await nats.close();
      await record.close();
      await Promise.all([temporal.stop(), natsServer.stop(), postgres.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/**
 * Another API on the stack's servers, for a test that needs one set otherwise: a short deadline
 * on Temporal and the worker (`deadlineMs`; 8 s by default), another directory, another client,
 * sign-in through an identity provider (`oidc`, with its `sessionSecret`) on a port chosen beforehand,
 * a reverse proxy's headers believed (`trustProxy`).
 */
export async function startApi(
  stack: TestStack,
  options: { deadlineMs?: number; directoryPath?: string; client?: Client; port?: number; oidc?: OidcSettings; sessionSecret?: string; metrics?: ApiMetrics; trustProxy?: string[] },
): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildServer({
    client: options.client ?? stack.client,
    nats: stack.nats,
    record: stack.record,
    directoryPath: options.directoryPath ?? join(repoRoot, 'directory/demo.json'),
    tokens: { secret: JWT_SECRET },
    taskQueue: stack.taskQueue,
    logger: pino({ level: 'silent' }),
    deadlineMs: options.deadlineMs,
    oidc: options.oidc,
    sessionSecret: options.sessionSecret,
    metrics: options.metrics,
    trustProxy: options.trustProxy,
  });
  const url = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return { url, close: () => app.close() };
}
