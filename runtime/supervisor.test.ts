/**
 * The supervisor on real processes (runtime/supervisor.ts): a process that keeps dying is
 * restarted after growing delays, its crash loop is reported with its last output, and a
 * stop ends the restarts.
 */
import { startProcess } from './managed-process';
import { backoffDelay, defaultBackoff, supervise } from './supervisor';

test('the backoff doubles from its first delay up to its longest', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 12].map((n) => backoffDelay(n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  expect(backoffDelay(1, { ...defaultBackoff, initialMs: 50 })).toBe(50);
});

test('a process that keeps crashing is restarted with growing delays, its crash loop reported with its output, never spun', async () => {
  const lines: { at: number; line: string }[] = [];
  let starts = 0;
  const supervised = supervise({
    name: 'crasher',
    say: (line) => lines.push({ at: Date.now(), line }),
    backoff: { initialMs: 100, maxMs: 800, healthyAfterMs: 60_000, loopAfter: 4 },
    start: async () => {
      starts++;
      const proc = startProcess({ name: 'crasher', command: 'sh', args: ['-c', `echo "try ${starts}: no database"; exit 3`] });
      return { process: proc, stop: () => proc.stop() };
    },
  });
  await supervised.started;
  const t0 = Date.now();
  while (!lines.some((l) => l.line.includes('crash loop')) && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
  await supervised.stop();
  const restartsAtStop = supervised.restarts();

  const crashes = lines.filter((l) => /^crasher exited with code 3: (restarting|crash loop)/.test(l.line));
  expect(crashes.map((l) => /restarting it in ([\d.]+) s/.exec(l.line)?.[1] ?? 'loop')).toEqual(['0.1', '0.2', '0.4', 'loop']);
  const loop = lines.find((l) => l.line.includes('crash loop'))!.line;
  expect(loop).toContain('4 crashes in a row');
  expect(loop).toContain('no database');
  // The delays really grew: the four crashes took at least 100 + 200 + 400 ms between them.
  expect(crashes[3].at - crashes[0].at).toBeGreaterThanOrEqual(700);
  expect(restartsAtStop).toBe(3);
  // Stopped: no restart follows.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(supervised.restarts()).toBe(restartsAtStop);
  expect(supervised.current()).toBeUndefined();
}, 30_000);
