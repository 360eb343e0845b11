/**
 * A PostgreSQL server of our own, on a loopback port: for the embedded stack's record (data under
 * the data folder, kept across restarts), for the test harness and for the benchmarks (a cluster
 * in a temporary folder, deleted on stop).
 *
 *   const pg = await startPostgres({ dataDir: join(dataDir, 'postgres') });   // free port
 *   await pg.createDatabase('greenlight');
 *   … new Pool({ connectionString: pg.url('greenlight') }) …
 *   await pg.stop();
 *
 * It uses Debian's `postgresql` package's programs (scripts/bootstrap.sh installs it): `initdb`,
 * `postgres` and `pg_isready`, on PATH or in /usr/lib/postgresql/<version>/bin. Only the programs:
 * the package's own cluster and service are neither needed nor touched. A folder without a
 * cluster gets one (`initdb`, trust authentication: it listens on 127.0.0.1 only, with no Unix
 * socket); a folder with one is started as it is. PostgreSQL refuses to run as root, so as root
 * the cluster belongs to, and runs as, the `postgres` user the package creates.
 *
 * Stopping asks for PostgreSQL's fast shutdown (SIGINT: sessions are ended, the data is
 * checkpointed), so a stack stopped with clients still connected stops at once and cleanly.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { startProcess, type ManagedProcess, type ProcessOptions } from './managed-process';
import { findOnPath } from './servers';
import { waitUntilReady } from './wait-until-ready';

export interface PostgresOptions {
  /** The cluster's folder: made (initdb) when it holds none; reused when it does. Omitted: a temporary one, deleted on stop. */
  dataDir?: string;
  /** Free when 0 or omitted. */
  port?: number;
  /** Settings beyond the defaults, as `name=value`. */
  settings?: readonly string[];
  onLine?: ProcessOptions['onLine'];
  /** 60 s unless given. */
  readyTimeoutMs?: number;
}

export interface PostgresServer {
  host: string;
  port: number;
  /** The superuser, with no password (trust on loopback). */
  user: string;
  process: ManagedProcess;
  /** A connection string to one of its databases. */
  url(database: string): string;
  /** Creates the database unless it exists. */
  createDatabase(name: string): Promise<void>;
  /** Fast shutdown; the cluster's folder is deleted when it was temporary. */
  stop(): Promise<void>;
}

export interface PostgresPrograms {
  initdb: string;
  postgres: string;
  pgIsReady: string;
}

/** Debian keeps PostgreSQL's programs under /usr/lib/postgresql/<major>/bin, newest first here. */
function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => join(root, v, 'bin'));
}

/** The server's programs, or an error that says how to install them. */
export function postgresPrograms(): PostgresPrograms {
  const dirs = debianBinDirs();
  const found = {
    initdb: findOnPath('initdb', dirs),
    postgres: findOnPath('postgres', dirs),
    pgIsReady: findOnPath('pg_isready', dirs),
  };
  const missing = Object.entries(found).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0) {
    throw new Error(`PostgreSQL's programs are not installed (${missing.join(', ')} not found): run bash scripts/bootstrap.sh, or apt-get install postgresql; or set GREENLIGHT_DATABASE_URL to a database of your own`);
  }
  return found as PostgresPrograms;
}

const runningAsRoot = () => process.getuid?.() === 0;

/** A PostgreSQL program's command line, run as the `postgres` user when this process is root. */
export function asPostgresUser(command: string, args: readonly string[]): [string, string[]] {
  if (!runningAsRoot()) return [command, [...args]];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Makes the cluster's folder; as root, hands it (and a parent made for it) to the postgres user,
 * and lets that user pass through the folders above it: a folder made private (0700, as
 * `mktemp -d` makes them) gains search permission for others — not reading, only passing.
 */
function prepareDataDir(dataDir: string, parentToo: boolean): void {
  const made = parentToo || !existsSync(dirname(dataDir));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!runningAsRoot()) return;
  const { uid, gid } = postgresIds();
  if (made) chownSync(dirname(dataDir), uid, gid);
  chownSync(dataDir, uid, gid);
  for (let folder = dirname(dataDir); folder !== dirname(folder); folder = dirname(folder)) {
    const { mode, uid: owner } = statSync(folder);
    if (owner !== uid && (mode & 0o001) === 0) chmodSync(folder, (mode & 0o7777) | 0o001);
  }
}

function initdb(programs: PostgresPrograms, dataDir: string): void {
  const [command, args] = asPostgresUser(programs.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A fresh, never started cluster under the temporary directory, made on first use (each user its own). */
function templateCluster(programs: PostgresPrograms): string {
  const template = join(tmpdir(), `gl-pg-template-${process.getuid?.() ?? 'any'}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const staging = join(mkdtempSync(join(tmpdir(), 'gl-pg-template-')), 'data');
  prepareDataDir(staging, true);
  initdb(programs, staging);
  try {
    renameSync(staging, template);
  } catch (err) {
    // Another process made it first: theirs is as good.
    if (!existsSync(join(template, 'PG_VERSION'))) throw err;
  }
  rmSync(dirname(staging), { recursive: true, force: true });
  return template;
}

export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const programs = postgresPrograms();
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? join(mkdtempSync(join(tmpdir(), 'gl-pg-')), 'data');
  const host = '127.0.0.1';
  const user = 'postgres';
  if (temporary) {
    if (runningAsRoot()) {
      const { uid, gid } = postgresIds();
      chownSync(dirname(dataDir), uid, gid);
    }
    // A copy of one cluster made once: initdb takes seconds, a copy a fraction of one.
    execFileSync('cp', ['-a', templateCluster(programs), dataDir]);
  } else if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    prepareDataDir(dataDir, false);
    initdb(programs, dataDir);
  }
  const port = options.port || await freePort(host);
  const [command, args] = asPostgresUser(programs.postgres, [
    '-D', dataDir, '-p', String(port), '-c', `listen_addresses=${host}`, '-c', 'unix_socket_directories=',
    ...(options.settings ?? []).flatMap((s) => ['-c', s]),
  ]);
  const proc = startProcess({ name: 'postgres', command, args, onLine: options.onLine });
  const stop = async () => {
    if (!proc.hasExited() && proc.pid !== undefined) {
      // Fast shutdown to the server itself (the guard would relay SIGTERM, a smart shutdown that waits for every session).
      spawnSync('pkill', ['-INT', '-P', String(proc.pid), '-x', 'postgres']);
    }
    await proc.stop(20_000);
    if (temporary) rmSync(dirname(dataDir), { recursive: true, force: true });
  };
  try {
    // pg_isready, not a line of its log: a setting may send the log to files.
    await waitUntilReady({
      what: `PostgreSQL on ${host}:${port}`, process: proc, timeoutMs: options.readyTimeoutMs ?? 60_000,
      probe: async () => spawnSync(programs.pgIsReady, ['-q', '-h', host, '-p', String(port)]).status === 0 || undefined,
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const url = (database: string) => `postgresql://${user}@${host}:${port}/${encodeURIComponent(database)}`;
  return {
    host, port, user, process: proc, url, stop,
    async createDatabase(name) {
      const client = new Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        // CREATE DATABASE takes no parameters: the name is quoted as an identifier.
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
  };
}
