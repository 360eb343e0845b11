/**
 * A Temporal server on PostgreSQL, for benchmarks that ask what the engine does on a production
 * store rather than on the dev server's SQLite: the Temporal server itself (its four services in
 * one process, `temporal-server start`), on a PostgreSQL 15 cluster made for the run, with SQL
 * visibility in PostgreSQL too. Both listen on loopback ports chosen free, and both stop with
 * `stop()`, which deletes the cluster.
 *
 *   const temporal = await startPostgresTemporal({ metricsPort });
 *   … Connection.connect({ address: temporal.address }) …
 *   await temporal.stop();
 *
 * The test harness starts it in place of the dev server when BENCH_TEMPORAL_STORE=postgres
 * (test/harness/stack.ts), so every benchmark runs on it unchanged:
 *
 *   BENCH_TEMPORAL_STORE=postgres npx tsx bench/deadlines.bench.ts 1000
 *
 * What it needs: PostgreSQL (runtime/postgres.ts starts the cluster, as it does the record's), and
 * Go for the first run, which builds the pinned Temporal server and its schema tool from the Go
 * module proxy into .tools/go/ (about three minutes on two cores; later runs find them there).
 *
 * PostgreSQL keeps its defaults, fsync and synchronous commit included, as a production server
 * would; only its connection limit is raised for the Temporal server's pools. Two variables try
 * others, to find what a figure depends on: BENCH_POSTGRES_SETTINGS, a comma-separated list of
 * settings (`synchronous_commit=off,shared_buffers=512MB`), and BENCH_TEMPORAL_SHARDS, the
 * number of history shards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { allSearchAttributes } from '../processes/search-attributes';
import { freePort } from '../runtime/free-port';
import { findOnPath } from '../runtime/servers';
import { startProcess, type ManagedProcess } from '../runtime/managed-process';
import { startPostgres } from '../runtime/postgres';
import { ensureSearchAttributes } from '../runtime/search-attributes';
import { dynamicConfigYaml } from '../runtime/temporal-dynamic-config';
import { waitUntilReady } from '../runtime/wait-until-ready';

/**
 * The Temporal server built for these runs. 1.30.8 is the newest release that both builds with
 * the Go on this machine (1.26.8; 1.30.9 and 1.31.x want 1.26.10) and has all its modules on the
 * proxy (1.31 needs go.temporal.io/auto-scaled-workers, which is not served).
 */
export const temporalServerModule = { path: 'go.temporal.io/server', version: 'v1.30.8' };

const toolsDir = resolve(__dirname, '..', '.tools', 'go', `temporal-server-${temporalServerModule.version}`);

export interface PostgresTemporalOptions {
  /** Port for the Temporal server's Prometheus `/metrics`; none when omitted. */
  metricsPort?: number;
  /** 'default' unless given. */
  namespace?: string;
  /** History shards; BENCH_TEMPORAL_SHARDS, else 4 (the dev server has 1). */
  historyShards?: number;
  /** PostgreSQL settings beyond its defaults; BENCH_POSTGRES_SETTINGS (comma-separated) unless given. */
  postgresSettings?: string[];
  /** Called with each line either server prints. */
  onLine?: (line: string) => void;
}

export interface PostgresTemporal {
  /** host:port of the Temporal frontend, as TEMPORAL_ADDRESS takes it. */
  address: string;
  namespace: string;
  /** The two servers' processes: the Temporal server's and PostgreSQL's (each the leader of its process group). */
  process: ManagedProcess;
  postgres: ManagedProcess;
  stop(): Promise<void>;
}

/** The Temporal server and its SQL schema tool, built into .tools/go/ on the first call. */
export function temporalServerBinaries(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): { server: string; sqlTool: string } {
  const server = join(toolsDir, 'temporal-server');
  const sqlTool = join(toolsDir, 'temporal-sql-tool');
  if (existsSync(server) && existsSync(sqlTool)) return { server, sqlTool };
  const go = findOnPath('go', ['/usr/local/go/bin']);
  if (!go) throw new Error(`the Temporal server is not built (${server}) and there is no Go to build it: install Go 1.26 or put the server there`);
  const staging = `${toolsDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const { path, version } = temporalServerModule;
  log(`postgres-temporal: building the Temporal server ${version} and its SQL tool with Go (about three minutes, once)…`);
  const built = spawnSync(go, ['install', `${path}/cmd/server@${version}`, `${path}/cmd/tools/sql@${version}`], {
    env: { ...process.env, GOBIN: staging, GOTOOLCHAIN: 'local' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`go install of ${path}@${version} failed (exit ${built.status ?? built.signal}); its output is above`);
  }
  renameSync(join(staging, 'server'), join(staging, 'temporal-server'));
  renameSync(join(staging, 'sql'), join(staging, 'temporal-sql-tool'));
  rmSync(toolsDir, { recursive: true, force: true });
  renameSync(staging, toolsDir);
  log(`postgres-temporal: built into ${toolsDir}`);
  return { server, sqlTool };
}

/**
 * A free loopback port below 32768: the server records its services' membership ports in a
 * PostgreSQL smallint, which the kernel's ephemeral ports (32768 and up) overflow.
 */
async function freeLowPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((ok) => {
      const probe = createServer();
      probe.once('error', () => ok(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => ok(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free loopback port between 20000 and 32000');
}

function serverConfig(o: {
  pgPort: number; shards: number; frontend: number; http: number; history: number; matching: number; worker: number;
  membership: [number, number, number, number]; metricsPort?: number; dynamicConfig: string;
}): string {
  const store = (db: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: "127.0.0.1:${o.pgPort}"
        connectProtocol: tcp
        user: postgres
        password: ""
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const [fm, hm, mm, wm] = o.membership;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${o.shards}
  datastores:
    default:${store('temporal', 20)}
    visibility:${store('temporal_visibility', 10)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
${o.metricsPort ? `  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:${o.metricsPort}"
` : ''}services:
  frontend:
    rpc: { grpcPort: ${o.frontend}, membershipPort: ${fm}, httpPort: ${o.http}, bindOnLocalHost: true }
  history:
    rpc: { grpcPort: ${o.history}, membershipPort: ${hm}, bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: ${o.matching}, membershipPort: ${mm}, bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: ${o.worker}, membershipPort: ${wm}, bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${o.frontend}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${o.dynamicConfig}
  pollInterval: 10s
`;
}

export async function startPostgresTemporal(options: PostgresTemporalOptions = {}): Promise<PostgresTemporal> {
  const namespace = options.namespace ?? 'default';
  const shards = options.historyShards ?? Number(process.env.BENCH_TEMPORAL_SHARDS ?? 4);
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`BENCH_TEMPORAL_SHARDS is ${process.env.BENCH_TEMPORAL_SHARDS}: give a whole number of shards, 1 or more`);
  const settings = options.postgresSettings
    ?? (process.env.BENCH_POSTGRES_SETTINGS ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const { server, sqlTool } = temporalServerBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'gl-pg-temporal-'));
  const started: Array<{ stop(): Promise<unknown> }> = [];
  const stop = async () => {
    for (const p of [...started].reverse()) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    const pg = await startPostgres({ settings: ['max_connections=200', ...settings], onLine: (line) => options.onLine?.(line) });
    started.push(pg);
    const pgPort = pg.port;

    // The two databases, at the schema versions this server release embeds.
    const sql = (db: string, ...args: string[]) =>
      execFileSync(sqlTool, ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pgPort), '-u', 'postgres', '--db', db, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    for (const [db, schema] of [['temporal', 'temporal'], ['temporal_visibility', 'visibility']]) {
      sql(db, 'create-database');
      sql(db, 'setup-schema', '-v', '0.0');
      sql(db, 'update-schema', '-s', `postgresql/v12/${schema}`);
    }

    const [frontend, http, history, matching, worker] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const membership: [number, number, number, number] = [
      await freeLowPort(taken), await freeLowPort(taken), await freeLowPort(taken), await freeLowPort(taken),
    ];
    const dynamicConfig = join(dir, 'dynamic-config.yaml');
    writeFileSync(dynamicConfig, dynamicConfigYaml());
    const configFile = join(dir, 'temporal-server.yaml');
    writeFileSync(configFile, serverConfig({
      pgPort, shards, frontend, http, history, matching, worker, membership,
      metricsPort: options.metricsPort, dynamicConfig,
    }));

    const address = `127.0.0.1:${frontend}`;
    const temporal = startProcess({
      name: 'temporal-server', command: server, args: ['--config-file', configFile, '--allow-no-auth', 'start'],
      onLine: (line) => options.onLine?.(line),
    });
    started.push({ stop: () => temporal.stop(20_000) });
    const connection = Connection.lazy({ address });
    try {
      const timed = <T>(call: () => Promise<T>) => connection.withDeadline(Date.now() + 2_000, call);
      await waitUntilReady({
        what: `Temporal server on ${address}`, process: temporal, timeoutMs: 90_000,
        probe: () => timed(() => connection.workflowService.getSystemInfo({})),
      });
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') });
      await waitUntilReady({
        what: `namespace ${namespace} on ${address}`, process: temporal, timeoutMs: 30_000,
        probe: () => timed(() => connection.workflowService.describeNamespace({ namespace })),
      });
      const attributes = allSearchAttributes();
      await ensureSearchAttributes(connection, namespace, attributes);
      // The frontend knows the new keys once a query naming one of them is accepted.
      await waitUntilReady({
        what: `search attributes on ${address}`, process: temporal, timeoutMs: 30_000,
        probe: () => timed(() => connection.workflowService.listWorkflowExecutions({ namespace, query: `${attributes[0].name} = 'x'` })),
      });
    } finally {
      await connection.close();
    }
    return { address, namespace, process: temporal, postgres: pg.process, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
