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

/** node's arguments and the environment for one process, run either way. */
export function projectProcessCommand(p: ProjectProcess, options: Pick<StartProjectProcessOptions, 'rootDir' | 'env' | 'run'>): { args: string[]; env: NodeJS.ProcessEnv } {
  if (options.run !== 'compiled') return { args: ['--import', 'tsx', p.entry], env: options.env };
  const distDir = join(options.rootDir, 'dist');
  return {
    args: [...compiledNodeOptions, compiledEntry(p.entry, distDir)],
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
