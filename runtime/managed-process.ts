/**
 * A child process that leads its own process group, stops with its parent however the parent
 * ends, and keeps its recent output for error messages.
 *
 *   const nats = startProcess({ name: 'nats', command: '/path/nats-server', args: ['-js'],
 *     onLine: (line) => console.log(`[nats] ${line}`) });
 *   const exit = await nats.stop();      // SIGTERM, SIGKILL to the group after the grace period
 *   nats.recentOutput();                 // its last lines, stdout and stderr together
 *
 * Its own group because a Ctrl-C in a terminal signals the whole foreground group at once: the
 * parent must receive it alone, so that it can stop the project's processes before the servers
 * they talk to.
 *
 * Leaving the terminal's group also means a parent killed outright (a test run hitting a
 * timeout, a SIGKILL) would leave its servers running. So the command runs under a small sh
 * guard that holds a pipe from the parent: when the pipe closes — the parent is gone, whatever
 * the way — the guard sends the command SIGTERM, then SIGKILL 15 s later. The guard also
 * relays the parent's SIGTERM and exits with the command's status.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

export interface ProcessOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called for each line the process prints. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How many of its last lines to keep for recentOutput(); 60 by default. */
  keepLines?: number;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Settles once, when the process has exited or failed to start. */
  readonly exited: Promise<ProcessExit>;
  hasExited(): boolean;
  recentOutput(): string;
  /** Stops the process and whatever it started; resolves with how it exited. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

// $1… is the command. sh gives background jobs /dev/null as stdin, so the parent's pipe is
// passed to the watcher on fd 3. `wait` returns early when a trapped signal arrives, hence the loop;
// the first `wait` comes before any `kill -0`, so that a command already gone (and reaped by sh) is
// still reported with its own status, not 0.
const guard = `
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
{ cat <&3 >/dev/null; kill -TERM "$child"; sleep 15; kill -KILL "$child"; } 2>/dev/null &
watcher=$!
exec 3<&-
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
wait "$child"
status=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
kill "$watcher" 2>/dev/null
exit "$status"
`;

const signalNames = new Map(Object.entries(constants.signals).map(([name, n]) => [n, name as NodeJS.Signals]));

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

export function startProcess(options: ProcessOptions): ManagedProcess {
  const keep = options.keepLines ?? 60;
  const lines: string[] = [];
  const child = spawn('sh', ['-c', guard, options.name, options.command, ...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;

  for (const stream of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[stream], crlfDelay: Infinity }).on('line', (line) => {
      lines.push(line);
      if (lines.length > keep) lines.shift();
      options.onLine?.(line, stream);
    });
  }

  let done = false;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => {
      if (pid !== undefined) return;
      done = true;
      resolve({ code: null, signal: null, error });
    });
    child.once('exit', (code, signal) => {
      done = true;
      child.stdin.destroy();
      // sh reports a command killed by signal N as status 128 + N.
      const bySignal = code !== null && code > 128 ? signalNames.get(code - 128) : undefined;
      resolve(bySignal ? { code: null, signal: bySignal } : { code, signal });
    });
  });

  async function stop(graceMs = 10_000): Promise<ProcessExit> {
    if (pid === undefined) return exited;
    if (!done) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => {
      timer = setTimeout(() => resolve('grace-over'), graceMs);
    });
    if ((await Promise.race([exited, graceOver])) === 'grace-over') signalGroup(pid, 'SIGKILL');
    clearTimeout(timer);
    const exit = await exited;
    // Whatever the command itself started, and the guard's watcher.
    signalGroup(pid, 'SIGKILL');
    return exit;
  }

  return {
    name: options.name,
    pid,
    exited,
    hasExited: () => done,
    recentOutput: () => lines.join('\n'),
    stop,
  };
}

/** "exited with code 1", "was killed by SIGKILL", "could not start: spawn x ENOENT". */
export function describeExit(exit: ProcessExit): string {
  if (exit.error) return `could not start: ${exit.error.message}`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}
