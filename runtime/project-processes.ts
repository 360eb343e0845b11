/**
 * The project's own long-running processes, as the embedded stack starts them: each entry file
 * run by node with tsx's loader, or, with GREENLIGHT_RUN=compiled, its compiled bundle from
 * dist/ (`npm run build`, runtime/compiled.ts), the worker with the prebuilt workflow bundle;
 * each one's output lines prefixed with its name.
 *
 *   for (const p of projectProcesses) {
 *     const proc = startProjectProcess(p, { rootDir, env, print: console.log, run: 'tsx' });
 *   }
 *
 * An entry file that does not exist yet is skipped by the caller (see entryExists): the
 * processes are written by different people at different times.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { maxCachedWorkflows } from '../contracts/config';
import { compiledEntry, compiledNodeOptions, workflowBundleFile } from './compiled';
import { startProcess, type ManagedProcess } from './managed-process';

export interface ProjectProcess {
  name: string;
  /** Relative to the repository root. */
  entry: string;
  /** Runs the workflows: compiled, it is given the prebuilt workflow bundle. */
  workflows?: boolean;
}

export const projectProcesses: readonly ProjectProcess[] = [
  { name: 'worker', entry: 'workers/main.ts', workflows: true },
  { name: 'api', entry: 'api/main.ts' },
  { name: 'notifier', entry: 'notifier/main.ts' },
  { name: 'recorder', entry: 'records/main.ts' },
];

/** How the stack runs them: TypeScript through tsx's loader (the default), or the compiled build. */
export type RunMode = 'tsx' | 'compiled';

export function entryExists(rootDir: string, p: ProjectProcess): boolean {
  return existsSync(join(rootDir, p.entry));
}

/** The compiled files a compiled run of these processes needs and the build has not written. */
export function missingCompiledFiles(rootDir: string, processes: readonly ProjectProcess[] = projectProcesses): string[] {
  const distDir = join(rootDir, 'dist');
  const needed = processes.flatMap((p) => [compiledEntry(p.entry, distDir), ...(p.workflows ? [workflowBundleFile(distDir)] : [])]);
  return needed.filter((file) => !existsSync(file));
}

export interface StartProjectProcessOptions {
  rootDir: string;
  env: NodeJS.ProcessEnv;
  print: (line: string) => void;
  /** tsx unless given. */
  run?: RunMode;
}

/**
 * V8 options every project process runs with. Node 24's V8 sizes the young generation of each
 * isolate (the main thread's and the worker's workflow thread's) larger than Node 20's 16 MB
 * semi-spaces: the idle stack's process held 539 MB instead of 403, and a cached workflow
 * 1.24 MB instead of 0.95 (bench/workflow-cache.bench.ts). With 16 MB: 428 MB and 0.82 MB, and
 * the CPU per request unchanged (docs/performance.md, "Memory"). The production image sets the
 * same in NODE_OPTIONS (deploy/Dockerfile; test/compose.test.ts checks they agree).
 */
export const nodeMemoryOptions: readonly string[] = ['--max-semi-space-size=16'];

/**
 * The worker's old-space limit (MB), from the workflows it caches. Under Node's default limit
 * (a quarter of the machine's memory, 4 GB here) V8 collects the workflow thread lazily: what
 * evicted workflows leave grows the heap long before a full GC runs, and 300 open projects held
 * 1,616 MB with 250 cached. A heap snapshot of the thread (which collects first) showed the
 * garbage: evicted workflows keep nothing alive. With the limit at 768 MB the same run held 966
 * MB. The limit leaves room for every cached workflow (0.3–0.9 MB each, more for a
 * project) twice over, so a larger cache raises it: 250 → 768, 2,000 → 4,256.
 */
export function workerOldSpaceMb(env: NodeJS.ProcessEnv): number {
  // An invalid value is the worker's to refuse, with its message; the limit takes the default.
  return Math.max(768, 256 + 2 * maxCachedWorkflows(env));
}

/** node's V8 options for the worker (and for a benchmark standing in for it): nodeMemoryOptions and the heap limit. */
export function workerNodeOptions(env: NodeJS.ProcessEnv): string[] {
  return [...nodeMemoryOptions, `--max-old-space-size=${workerOldSpaceMb(env)}`];
}

function v8Options(p: ProjectProcess, env: NodeJS.ProcessEnv): readonly string[] {
  return p.workflows ? workerNodeOptions(env) : nodeMemoryOptions;
}

/** node's arguments and the environment for one process, run either way. */
export function projectProcessCommand(p: ProjectProcess, options: Pick<StartProjectProcessOptions, 'rootDir' | 'env' | 'run'>): { args: string[]; env: NodeJS.ProcessEnv } {
  if (options.run !== 'compiled') return { args: [...v8Options(p, options.env), '--import', 'tsx', p.entry], env: options.env };
  const distDir = join(options.rootDir, 'dist');
  return {
    args: [...v8Options(p, options.env), ...compiledNodeOptions, compiledEntry(p.entry, distDir)],
    env: p.workflows ? { GREENLIGHT_WORKFLOW_BUNDLE: workflowBundleFile(distDir), ...options.env } : options.env,
  };
}

export function startProjectProcess(p: ProjectProcess, options: StartProjectProcessOptions): ManagedProcess {
  const { args, env } = projectProcessCommand(p, options);
  return startProcess({
    name: p.name,
    // node itself rather than npx: no wrapper between the stack and the process it signals.
    command: process.execPath,
    args,
    cwd: options.rootDir,
    env,
    onLine: (line) => options.print(`[${p.name}] ${line}`),
  });
}
