/**
 * Keeps one of the stack's processes running: when it dies on its own it is started again after
 * a backoff that doubles with each crash (1 s, 2 s, 4 s … 30 s) and falls back to the first once
 * the process has run a minute; each crash and restart is said, and a crash loop (5 crashes
 * within the backoff's reach) is reported with the process's last output, then retried at the
 * slowest pace, never spun. The other processes keep serving meanwhile.
 *
 *   const nats = supervise({ name: 'NATS server', start: () => startNatsServer({ … }), say });
 *   await nats.started;           // the first start (its failure is the caller's)
 *   await nats.stop();            // no restart after this
 */
import { describeExit, type ManagedProcess } from './managed-process';

export interface Started {
  process: ManagedProcess;
  stop(): Promise<unknown>;
}

export interface Backoff {
  /** First delay before a restart; 1,000 ms unless given. */
  initialMs: number;
  /** Longest delay; 30,000 ms unless given. */
  maxMs: number;
  /** A process that ran this long is healthy again: the next crash waits initialMs; 60,000 ms unless given. */
  healthyAfterMs: number;
  /** This many crashes in a row, each before healthyAfterMs, is a crash loop; 5 unless given. */
  loopAfter: number;
}

export interface SuperviseOptions<T extends Started = Started> {
  name: string;
  start: () => Promise<T>;
  say: (line: string) => void;
  backoff?: Partial<Backoff>;
  /** Called after each successful restart (not the first start). */
  onRestarted?: (started: T) => void;
}

export interface Supervised<T extends Started = Started> {
  readonly name: string;
  /** The first start; rejects when it fails (nothing is restarted then). */
  readonly started: Promise<T>;
  /** The process running now, if any. */
  current(): T | undefined;
  /** How many times it has been restarted after a crash. */
  restarts(): number;
  /** Stops it; no restart follows. */
  stop(): Promise<void>;
}

export const defaultBackoff: Backoff = { initialMs: 1_000, maxMs: 30_000, healthyAfterMs: 60_000, loopAfter: 5 };

/** The delay before the restart that follows the crashes-th crash in a row (1-based). */
export function backoffDelay(crashes: number, backoff: Backoff = defaultBackoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, crashes - 1));
}

export function supervise<T extends Started>(options: SuperviseOptions<T>): Supervised<T> {
  const backoff = { ...defaultBackoff, ...options.backoff };
  const { name, say } = options;
  let running: T | undefined;
  let stopped = false;
  let crashes = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const watch = (started: T, since: number) => {
    running = started;
    void started.process.exited.then((exit) => {
      if (stopped || running !== started) return;
      running = undefined;
      crashes = Date.now() - since >= backoff.healthyAfterMs ? 1 : crashes + 1;
      scheduleRestart(`${name} ${describeExit(exit)}`, started.process.recentOutput());
    });
  };

  const scheduleRestart = (what: string, output: string) => {
    const delay = backoffDelay(crashes, backoff);
    if (crashes >= backoff.loopAfter) {
      const tail = output.split('\n').slice(-15).map((l) => `    ${l}`).join('\n');
      say(`${what}: crash loop, ${crashes} crashes in a row; next try in ${(delay / 1000).toFixed(1)} s. Its last output:\n${tail}`);
    } else {
      say(`${what}: restarting it in ${(delay / 1000).toFixed(1)} s (crash ${crashes} in a row)`);
    }
    timer = setTimeout(() => {
      timer = undefined;
      void restart();
    }, delay);
    wake = () => {
      clearTimeout(timer);
      timer = undefined;
    };
  };

  const restart = async () => {
    if (stopped) return;
    const since = Date.now();
    try {
      const started = await options.start();
      if (stopped) {
        await started.stop();
        return;
      }
      restarts++;
      say(`${name} restarted (${restarts} restart${restarts === 1 ? '' : 's'} so far)`);
      watch(started, since);
      options.onRestarted?.(started);
    } catch (err) {
      if (stopped) return;
      crashes++;
      scheduleRestart(`${name} could not start again (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, '');
    }
  };

  const started = options.start().then((s) => {
    if (!stopped) watch(s, Date.now());
    return s;
  });

  return {
    name,
    started,
    current: () => running,
    restarts: () => restarts,
    async stop() {
      stopped = true;
      wake?.();
      const r = running ?? (await started.catch(() => undefined));
      running = undefined;
      await r?.stop();
    },
  };
}
