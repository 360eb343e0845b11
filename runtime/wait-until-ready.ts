/**
 * Polls a readiness probe until it answers, the deadline passes, or the process that should
 * answer dies; a failure carries what that process printed, so the cause is in the message.
 *
 *   const info = await waitUntilReady({
 *     what: 'NATS on 127.0.0.1:4222', process: nats, timeoutMs: 20_000,
 *     probe: async () => (await fetch(healthUrl)).ok || undefined,
 *   });
 *
 * The probe answers with a value when ready, and with undefined or by throwing when not yet.
 */
import { describeExit, type ManagedProcess } from './managed-process';

export interface ReadinessOptions<T> {
  /** What is awaited, for the error message: "Temporal dev server on 127.0.0.1:7233". */
  what: string;
  probe: () => Promise<T | undefined>;
  timeoutMs: number;
  intervalMs?: number;
  /** The process that should answer: its death ends the wait at once. */
  process?: ManagedProcess;
}

/** A server that did not come up; `output` is the end of what its process printed. */
export class NotReadyError extends Error {
  constructor(message: string, readonly output: string) {
    super(output ? `${message}\n--- its last output ---\n${output}` : message);
    this.name = 'NotReadyError';
  }
}

export async function waitUntilReady<T>(options: ReadinessOptions<T>): Promise<T> {
  const { what, probe, timeoutMs, intervalMs = 200, process: proc } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (proc?.hasExited()) {
      const exit = await proc.exited;
      throw new NotReadyError(`${what}: ${proc.name} ${describeExit(exit)} before it answered`, proc.recentOutput());
    }
    try {
      const answer = await probe();
      if (answer !== undefined) return answer;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last attempt: ${lastError.message})` : '';
      throw new NotReadyError(`${what} did not answer within ${timeoutMs / 1000}s${cause}`, proc?.recentOutput() ?? '');
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
