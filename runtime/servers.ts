/**
 * Where the server binaries are: the Temporal CLI (for its dev server), the Temporal
 * time-skipping test server, the NATS server.
 *
 *   const { temporalCli, temporalTestServer, natsServer } = resolveServers();
 *   const nats = resolveNatsServer();
 *
 * Each resolver takes, in order: its environment override (TEMPORAL_CLI_PATH,
 * TEMPORAL_TEST_SERVER_PATH, NATS_SERVER_PATH, used as given); the pinned install under .tools/
 * made by scripts/install-servers.sh (pins in runtime/server-versions.json); a binary on PATH
 * whose version is recent enough. When none fits it throws a ServerNotFoundError that names the
 * command to run.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import pins from './server-versions.json';

export interface ServerBinaries {
  temporalCli: string;
  temporalTestServer: string;
  natsServer: string;
}

export class ServerNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerNotFoundError';
  }
}

interface Pin {
  binary: string;
  pypi: string;
  version: string;
  minVersion?: string;
}

interface Wanted {
  label: string;
  envVar: string;
  pin: Pin;
}

const toolsDir = resolve(__dirname, '..', '.tools');
const installCommand = 'bash scripts/install-servers.sh';

const wanted = {
  temporalCli: { label: 'Temporal CLI', envVar: 'TEMPORAL_CLI_PATH', pin: pins.temporalCli },
  temporalTestServer: { label: 'Temporal test server', envVar: 'TEMPORAL_TEST_SERVER_PATH', pin: pins.temporalTestServer },
  natsServer: { label: 'NATS server', envVar: 'NATS_SERVER_PATH', pin: pins.natsServer },
} satisfies Record<keyof ServerBinaries, Wanted>;

export function resolveTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  return resolveOne(wanted.temporalCli, env);
}

/** The test server has no version flag, so one on PATH is taken as it is. */
export function resolveTemporalTestServer(env: NodeJS.ProcessEnv = process.env): string {
  return resolveOne(wanted.temporalTestServer, env);
}

export function resolveNatsServer(env: NodeJS.ProcessEnv = process.env): string {
  return resolveOne(wanted.natsServer, env);
}

/** All three, or one error that lists every missing binary. */
export function resolveServers(env: NodeJS.ProcessEnv = process.env): ServerBinaries {
  const found: Partial<ServerBinaries> = {};
  const problems: string[] = [];
  for (const [key, w] of Object.entries(wanted) as [keyof ServerBinaries, Wanted][]) {
    const outcome = find(w, env);
    if (typeof outcome === 'string') found[key] = outcome;
    else problems.push(outcome.problem);
  }
  if (problems.length > 0) throw new ServerNotFoundError(notFoundMessage(problems, Object.values(wanted)));
  return found as ServerBinaries;
}

function resolveOne(w: Wanted, env: NodeJS.ProcessEnv): string {
  const outcome = find(w, env);
  if (typeof outcome === 'string') return outcome;
  throw new ServerNotFoundError(notFoundMessage([outcome.problem], [w]));
}

function notFoundMessage(problems: string[], ws: Wanted[]): string {
  return [
    ...problems,
    `Install the pinned servers with: ${installCommand}`,
    `(or set ${ws.map((w) => w.envVar).join(' / ')} to binaries of your own)`,
  ].join('\n');
}

function find(w: Wanted, env: NodeJS.ProcessEnv): string | { problem: string } {
  const override = env[w.envVar];
  if (override) {
    return isExecutable(override) ? override : { problem: `${w.envVar}=${override} is not an executable file.` };
  }
  const pinned = join(toolsDir, 'pypi', `${w.pin.pypi}-${w.pin.version}`, 'bin', w.pin.binary);
  if (isExecutable(pinned)) return pinned;

  const candidates = [join(toolsDir, 'go', 'bin', w.pin.binary), ...onPath(w.pin.binary, env)];
  const tooOld: string[] = [];
  for (const candidate of candidates) {
    if (!isExecutable(candidate)) continue;
    if (!w.pin.minVersion) return candidate;
    const version = versionOf(candidate);
    if (version && compareVersions(version, w.pin.minVersion) >= 0) return candidate;
    tooOld.push(`${candidate} is ${version ?? 'of unknown version'}`);
  }
  const need = w.pin.minVersion ? ` ${w.pin.minVersion} or later` : '';
  const seen = tooOld.length > 0 ? ` (${tooOld.join('; ')})` : '';
  return { problem: `${w.label} (${w.pin.binary}${need}) not found${seen}.` };
}

function onPath(binary: string, env: NodeJS.ProcessEnv): string[] {
  return (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, binary));
}

/** The first executable `binary` in PATH's folders, then in `alsoIn`; undefined when there is none. */
export function findOnPath(binary: string, alsoIn: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string | undefined {
  return [...onPath(binary, env), ...alsoIn.map((dir) => join(dir, binary))].find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** "temporal version 1.9.1 (Server 1.32.0 …)" → "1.9.1"; "nats-server: v2.12.8" → "2.12.8". */
function versionOf(binary: string): string | undefined {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return /(\d+\.\d+\.\d+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
