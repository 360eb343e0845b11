/**
 * When a rung of a ladder (or any deadline) actually fires, on the time-skipping server.
 *
 * An event of a rung is stamped with the rung's deadline, whenever its timer was handled, so a
 * test that reads only the event's `time` cannot tell a rung that fired on time from one that
 * fired a day early or late. `expectRungAt` watches what a user would see instead: it skips the
 * server's clock to just before the instant and checks the old state, then to just after it and
 * checks the new one.
 *
 * ```ts
 * await expectRungAt(h.env, '2026-09-29T16:00:00Z', () => observe(task),
 *   { light: 'green', notified: [] },
 *   { light: 'yellow', notified: [['assignee']] });
 * ```
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export interface RungOptions {
  /**
   * How close to the instant the two observations are made, in the server's time. Far less than
   * a day (a rung moved by one working day falls outside), far more than the real seconds the
   * observations take: between skips the server's clock runs at the real pace.
   */
  marginMs?: number;
  /** How long (real time) to keep reading for the new state once the instant has passed. */
  settleMs?: number;
}

const MINUTE = 60_000;

/** Skips the server's clock to `instant`, minus or plus `marginMs`; never backwards. */
async function skipTo(env: TestWorkflowEnvironment, at: number, label: string): Promise<void> {
  const now = await env.currentTimeMs();
  if (now >= at) throw new Error(`the server's clock (${new Date(now).toISOString()}) is already past ${label} (${new Date(at).toISOString()})`);
  await env.sleep(at - now);
}

/**
 * Checks that `observe()` matches `before` just before `instant` and `after` just after it
 * (each as `toMatchObject`): the rung fired within `marginMs` of its instant, neither earlier nor
 * later. The server's clock must still be before `instant − marginMs`.
 */
export async function expectRungAt<T>(
  env: TestWorkflowEnvironment,
  instant: string,
  observe: () => Promise<T>,
  before: Partial<T> | Record<string, unknown>,
  after: Partial<T> | Record<string, unknown>,
  { marginMs = MINUTE, settleMs = 10_000 }: RungOptions = {},
): Promise<T> {
  const at = Date.parse(instant);
  await skipTo(env, at - marginMs, `just before ${instant}`);
  // Read once, at once: the clock moves on at the real pace while the test waits.
  const early = await observe();
  try {
    expect(early).toMatchObject(before);
  } catch (err) {
    throw withContext(err, `at ${new Date(at - marginMs).toISOString()}, ${marginMs / 1000} s before the rung's instant ${instant}, the state had already changed`);
  }

  await skipTo(env, at + marginMs, `just after ${instant}`);
  // The fired timer's workflow task and the events it sends may still be on their way: read
  // until the state is there, for a few real seconds, far less than the margin.
  const until = Date.now() + settleMs;
  for (;;) {
    const late = await observe();
    try {
      expect(late).toMatchObject(after);
      return late;
    } catch (err) {
      if (Date.now() > until) {
        throw withContext(err, `at ${new Date(at + marginMs).toISOString()}, ${marginMs / 1000} s after the rung's instant ${instant}, the rung had not fired`);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withContext(err: unknown, context: string): Error {
  if (err instanceof Error) {
    err.message = `${context}:\n${err.message}`;
    return err;
  }
  return new Error(`${context}: ${String(err)}`);
}
