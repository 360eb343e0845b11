/**
 * The project's own long-running processes, as the embedded stack starts them: each entry file
 * run by node with tsx's loader, its output lines prefixed with its name.
 *
 *   for (const p of projectProcesses) {
 *     const proc = startProjectProcess(p, { rootDir, env, print: console.log });
 *   }
 *
 * An entry file that does not exist yet is skipped by the caller (see entryExists): the
 * processes are written by different people at different times.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process';

export interface ProjectProcess {
  name: string;
  /** Relative to the repository root. */
  entry: string;
}

export const projectProcesses: readonly ProjectProcess[] = [
  { name: 'worker', entry: 'workers/main.ts' },
  { name: 'api', entry: 'api/main.ts' },
  { name: 'notifier', entry: 'notifier/main.ts' },
];

export function entryExists(rootDir: string, p: ProjectProcess): boolean {
  return existsSync(join(rootDir, p.entry));
}

export interface StartProjectProcessOptions {
  rootDir: string;
  env: NodeJS.ProcessEnv;
  print: (line: string) => void;
}

export function startProjectProcess(p: ProjectProcess, options: StartProjectProcessOptions): ManagedProcess {
  return startProcess({
    name: p.name,
    // node itself rather than npx: no wrapper between the stack and the process it signals.
    command: process.execPath,
    args: ['--import', 'tsx', p.entry],
    cwd: options.rootDir,
    env: options.env,
    onLine: (line) => options.print(`[${p.name}] ${line}`),
  });
}
