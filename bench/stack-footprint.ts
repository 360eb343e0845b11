/**
 * The idle demo stack's footprint, run through tsx against the compiled build (`npm run build`):
 * for each process — the stack's own, the worker, the API, the notifier, the Temporal dev server
 * and the NATS server — its resident memory once the stack is ready and has sat idle, its peak,
 * and the time from its start to ready (the worker: polling; the API: `/readyz` answers 200; the
 * notifier: subscribed; the servers: ready as the stack reports them). Each run is a fresh stack
 * (`runtime/stack.ts` with the environment scripts/stack.sh sets, a data folder in /tmp, free
 * ports); the variants alternate between rounds so that a drift in the machine's load falls on
 * both. Prints JSON: every run with the load at its start, the means per variant, and the ratio
 * compiled / tsx.
 *
 *   npx tsx bench/stack-footprint.ts [runs=2] [idleSeconds=30] [variants=tsx,compiled]
 *
 * Builds dist/ first (BENCH_NO_BUILD=1 keeps the one there).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from '../scripts/build';
import { compiledNodeOptions, rootDir } from '../runtime/compiled';
import { freePort } from '../runtime/free-port';

type Variant = 'tsx' | 'compiled';
type Name = 'stack' | 'worker' | 'api' | 'notifier' | 'temporal' | 'nats';
const names: Name[] = ['stack', 'worker', 'api', 'notifier', 'temporal', 'nats'];

interface Measured {
  pid: number;
  rssMB: number;
  peakMB: number;
  /** From the process's start to ready; the stack's: to every project process ready. */
  readyMs: number;
}

interface Run {
  variant: Variant;
  round: number;
  loadAtStart: string;
  processes: Record<Name, Measured>;
  totalRssMB: number;
}

const [runsArg = '2', idleArg = '30', variantsArg = 'tsx,compiled'] = process.argv.slice(2);
const rounds = Number(runsArg);
const idleMs = Number(idleArg) * 1000;
const variants = variantsArg.split(',') as Variant[];
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();
const mb = (kB: number) => Math.round(kB / 102.4) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Jiffies since boot → epoch ms (USER_HZ is 100 on Linux). */
const bootMs = Date.now() - Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
function startedAt(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return bootMs + Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]) * 10;
}

function status(pid: number): { rssMB: number; peakMB: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMB: mb(kB('VmRSS')), peakMB: mb(kB('VmHWM')) };
}

/** Every descendant of `pid` with its command line (the guards' sh included; the caller picks). */
function descendants(pid: number): { pid: number; cmd: string[] }[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return [{ pid: Number(d), ppid, cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').filter(Boolean) }];
    } catch {
      return [];
    }
  });
  const found: { pid: number; cmd: string[] }[] = [];
  const walk = (parent: number) => {
    for (const p of all.filter((q) => q.ppid === parent)) {
      found.push(p);
      walk(p.pid);
    }
  };
  walk(pid);
  return found;
}

function identify(cmd: string[]): Name | undefined {
  const exe = cmd[0]?.split('/').pop() ?? '';
  if (exe === 'temporal') return 'temporal';
  if (exe === 'nats-server') return 'nats';
  if (exe !== 'node') return undefined;
  const entry = cmd.find((a) => /(workers|api|notifier)\/main\.(ts|js)$/.test(a));
  return entry ? (entry.match(/(workers|api|notifier)\/main/)![1].replace('workers', 'worker') as Name) : undefined;
}

async function runOnce(variant: Variant, round: number): Promise<Run> {
  const loadAtStart = loadavg();
  const dataDir = mkdtempSync(join(tmpdir(), `gl-footprint-${variant}-`));
  const apiPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GREENLIGHT_RUN: variant,
    GREENLIGHT_WEB_DEMO_SIGNIN: '1',
    GREENLIGHT_DATA_DIR: dataDir,
    GREENLIGHT_TEMPORAL_PORT: '0',
    GREENLIGHT_TEMPORAL_UI_PORT: '0',
    GREENLIGHT_NATS_PORT: '0',
    GREENLIGHT_NATS_MONITOR_PORT: '0',
    GREENLIGHT_API_PORT: String(apiPort),
    LOG_LEVEL: 'info',
  };
  for (const name of ['TEMPORAL_ADDRESS', 'NATS_URL', 'GREENLIGHT_WORKFLOW_BUNDLE', 'GREENLIGHT_JWT_SECRET']) delete env[name];
  const args = variant === 'compiled' ? [...compiledNodeOptions, 'dist/runtime/stack.js'] : ['--import', 'tsx', 'runtime/stack.ts'];
  process.stderr.write(`run ${round} ${variant} (load ${loadAtStart})\n`);
  const stack = spawn(process.execPath, args, { cwd: rootDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
  const readyAt: Partial<Record<Name, number>> = {};
  const seen: string[] = [];
  const onLine = (line: string) => {
    seen.push(line);
    if (seen.length > 200) seen.shift();
    const json = line.slice(line.indexOf('{'));
    if (line.startsWith('[stack] Temporal dev server ready')) readyAt.temporal = Date.now();
    if (line.startsWith('[stack] NATS server ready')) readyAt.nats = Date.now();
    if (line.startsWith('[worker] ') && line.includes('"Worker state changed"') && line.includes('"RUNNING"')) readyAt.worker = (JSON.parse(json) as { time: number }).time;
    if (line.startsWith('[notifier] ') && line.includes('"notifier running"')) readyAt.notifier = (JSON.parse(json) as { time: number }).time;
  };
  createInterface({ input: stack.stdout }).on('line', onLine);
  createInterface({ input: stack.stderr }).on('line', onLine);
  try {
    const deadline = Date.now() + 120_000;
    while (readyAt.api === undefined) {
      if (Date.now() > deadline || stack.exitCode !== null) throw new Error(`the ${variant} stack did not get ready:\n${seen.slice(-30).join('\n')}`);
      const ok = await fetch(`http://127.0.0.1:${apiPort}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) readyAt.api = Date.now();
      else await sleep(50);
    }
    while (readyAt.worker === undefined || readyAt.notifier === undefined) {
      if (Date.now() > deadline || stack.exitCode !== null) throw new Error(`the ${variant} worker or notifier did not get ready:\n${seen.slice(-30).join('\n')}`);
      await sleep(50);
    }
    readyAt.stack = Math.max(readyAt.worker, readyAt.api, readyAt.notifier);
    const pids: Partial<Record<Name, number>> = { stack: stack.pid! };
    for (const p of descendants(stack.pid!)) {
      const name = identify(p.cmd);
      if (name) pids[name] = p.pid;
    }
    const missing = names.filter((n) => pids[n] === undefined);
    if (missing.length > 0) throw new Error(`not found among the stack's processes: ${missing.join(', ')}`);
    await sleep(idleMs);
    const processes = Object.fromEntries(names.map((n) => {
      const pid = pids[n]!;
      return [n, { pid, ...status(pid), readyMs: readyAt[n]! - startedAt(pid) }];
    })) as Record<Name, Measured>;
    const totalRssMB = Math.round(names.reduce((sum, n) => sum + processes[n].rssMB, 0) * 10) / 10;
    return { variant, round, loadAtStart, processes, totalRssMB };
  } finally {
    stack.kill('SIGINT');
    const code = await Promise.race([exited, sleep(30_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') stack.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length * 10) / 10;

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  if (variants.includes('compiled') && process.env.BENCH_NO_BUILD !== '1') {
    process.stderr.write('building dist/ (npm run build)\n');
    const noop = () => undefined;
    await build({ logger: { trace: noop, debug: noop, info: noop, log: noop, warn: noop, error: console.error } });
  }
  const runs: Run[] = [];
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? variants : [...variants].reverse();
    for (const variant of order) runs.push(await runOnce(variant, round));
  }
  const means = Object.fromEntries(variants.map((v) => {
    const of = runs.filter((r) => r.variant === v);
    const per = Object.fromEntries(names.map((n) => [n, {
      rssMB: mean(of.map((r) => r.processes[n].rssMB)),
      peakMB: mean(of.map((r) => r.processes[n].peakMB)),
      readyMs: Math.round(mean(of.map((r) => r.processes[n].readyMs))),
    }]));
    return [v, { runs: of.length, processes: per, totalRssMB: mean(of.map((r) => r.totalRssMB)) }];
  }));
  const [a, b] = variants;
  const ratio = means[a] && means[b]
    ? {
      of: `${b} / ${a}`,
      processes: Object.fromEntries(names.map((n) => [n, {
        rssMB: Math.round(means[b].processes[n].rssMB / means[a].processes[n].rssMB * 100) / 100,
        readyMs: Math.round(means[b].processes[n].readyMs / means[a].processes[n].readyMs * 100) / 100,
      }])),
      totalRssMB: Math.round(means[b].totalRssMB / means[a].totalRssMB * 100) / 100,
    }
    : undefined;
  console.log(JSON.stringify({ benchmark: 'stack-footprint', node: process.version, loadAtStart, idleSeconds: idleMs / 1000, runs, means, ratio, loadAtEnd: loadavg() }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
