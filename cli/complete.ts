/**
 * `greenlight complete`: completes a task, and sees the answer through. A completion the API
 * could not confirm in time (202: the worker slow or down) is not done yet: it is sent again
 * with the same Idempotency-Key after the time the answer gives, so it is applied at most once,
 * until the API confirms it (200) or refuses it (a 409 if someone else completed the task first).
 * After `waitSeconds` the command gives up with exit code 3, the key and the command to ask again.
 */
import type { PendingCompletion } from '../api/task-service';
import { ApiError, type ApiClient } from './api-client';

/** How long the command keeps confirming a completion the API answered 202, unless `--wait` says. */
export const CONFIRM_WAIT_SECONDS = 60;
/** The exit code of a completion sent but not confirmed: it may yet be applied. */
export const UNCONFIRMED_EXIT = 3;

export interface CompleteArgs {
  taskId: string;
  outcome: string;
  payload: Record<string, unknown>;
  key?: string;
  waitSeconds: number;
  /** The command line that asks again with the key, as the person would type it. */
  retryCommand(key: string): string[];
}

/** A word for a POSIX shell: as it is when nothing in it is special, else single-quoted. */
export const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** An answer that says nothing of the completion: the API or Temporal did not answer in time, or the network failed. */
const notAnswered = (err: unknown) => !(err instanceof ApiError) || err.status === 503;

export async function completeCommand(client: ApiClient, args: CompleteArgs, out: (line: string) => void, say: (line: string) => void): Promise<number> {
  const path = `/api/tasks/${encodeURIComponent(args.taskId)}/complete`;
  const body = { outcome: args.outcome, payload: args.payload };
  const started = Date.now();
  const send = (key?: string) => client.send<unknown>('POST', path, body, key ? { 'idempotency-key': key } : {});
  let answer = await send(args.key);
  for (let attempt = 1; ; attempt += 1) {
    if (answer.status !== 202) {
      out(JSON.stringify(answer.body, null, 2));
      return 0;
    }
    const pending = answer.body as PendingCompletion;
    const waitMs = pending.retryAfterSeconds * 1000;
    if (Date.now() - started + waitMs > args.waitSeconds * 1000) {
      const seconds = Math.round((Date.now() - started) / 1000);
      say(`仍未确认 — not confirmed after ${attempt} ${attempt === 1 ? 'attempt' : 'attempts'} in ${seconds} s: the completion was sent and may yet be `
        + 'applied (the worker is slow or down).');
      say(`The key ${pending.idempotencyKey} is kept: the same command with it cannot complete the task twice, and answers what became of it:`);
      say(`  ${args.retryCommand(pending.idempotencyKey).map(shellWord).join(' ')}`);
      return UNCONFIRMED_EXIT;
    }
    say(`已提交，正在确认（第 ${attempt} 次）… sent, not confirmed yet: asking again in ${pending.retryAfterSeconds} s with key ${pending.idempotencyKey}`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    answer = await send(pending.idempotencyKey).catch((err: unknown) => {
      if (notAnswered(err)) return answer;
      throw err;
    });
  }
}
