/**
 * Staff reading their inboxes in a benchmark, as the workbench reads them (`web/`: a page hears
 * which task changed, then reads through the API). Shared by the request and project benchmarks.
 */
import type { Subscription } from '@nats-io/nats-core';
import type { CloudEvent } from '../contracts/events';
import type { TestStack } from '../test/harness/stack';

/** How often an inbox is read while an awaited task has not shown yet (BENCH_INBOX_POLL_MS). */
export const INBOX_POLL_MS = Number(process.env.BENCH_INBOX_POLL_MS ?? 50);

/** The way inboxes were read, for a benchmark's JSON. */
export function inboxReading(mode: 'events' | 'poll'): string {
  return mode === 'poll' ? `read every ${INBOX_POLL_MS} ms while a task is awaited` : `read on task.created, then every ${INBOX_POLL_MS} ms until the task shows`;
}

/**
 * One reader per person's inbox. A waited-for task's inbox is read once its `task.created` event
 * arrives, and again every 50 ms until the task shows (visibility lags the event). With
 * BENCH_INBOX=poll, the inbox is read every 50 ms as long as a task is awaited in it, from the
 * submit on: the old benchmark's way, which is load on the same visibility store.
 */
export class Inboxes {
  private readonly waiting = new Map<string, Map<string, (at: number) => void>>();
  /** Tasks whose `task.created` has arrived, by person: their inboxes are worth reading. */
  private readonly told = new Map<string, Set<string>>();
  private readonly wake = new Map<string, () => void>();
  private running = true;
  private readonly loops: Promise<void>[] = [];
  private readonly created: Subscription;
  queries = 0;
  /** How long each inbox read took, the API's answer included (ms). */
  readonly readMs: number[] = [];
  private readonly createdArrivedAt = new Map<string, number>();

  constructor(private readonly stack: TestStack, people: string[], private readonly mode: 'events' | 'poll') {
    for (const person of people) {
      this.waiting.set(person, new Map());
      this.told.set(person, new Set());
      this.loops.push(this.poll(person));
    }
    this.created = stack.nats.subscribe('gl.evt.task.created');
    const created = this.created;
    void (async () => {
      for await (const m of created) {
        const arrived = Date.now();
        const taskId = m.json<CloudEvent>().data?.taskId;
        for (const [person, wanted] of this.waiting) {
          if (typeof taskId === 'string' && wanted.has(taskId)) {
            this.createdArrivedAt.set(taskId, arrived);
            this.told.get(person)!.add(taskId);
            this.wake.get(person)?.();
          }
        }
      }
    })();
  }

  /** When an awaited task's `task.created` arrived; a task whose event never came is an error in the run. */
  createdAt(taskId: string): number {
    const at = this.createdArrivedAt.get(taskId);
    if (at === undefined) throw new Error(`no task.created seen for ${taskId}`);
    return at;
  }

  waitFor(person: string, taskId: string): Promise<number> {
    return new Promise((resolve) => {
      this.waiting.get(person)!.set(taskId, resolve);
      if (this.mode === 'poll') this.wake.get(person)?.();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.created.unsubscribe();
    for (const wake of this.wake.values()) wake();
    await Promise.all(this.loops);
  }

  private async poll(person: string): Promise<void> {
    const wanted = this.waiting.get(person)!;
    const told = this.told.get(person)!;
    while (this.running) {
      const due = this.mode === 'poll' ? wanted.size > 0 : told.size > 0;
      if (!due) {
        await new Promise<void>((r) => this.wake.set(person, r));
        continue;
      }
      this.queries++;
      const asked = Date.now();
      const res = await this.stack.call(person, 'GET', '/api/tasks?limit=500');
      const now = Date.now();
      this.readMs.push(now - asked);
      for (const t of (res.body?.tasks ?? []) as Array<{ taskId: string }>) {
        const resolve = wanted.get(t.taskId);
        if (resolve) {
          wanted.delete(t.taskId);
          told.delete(t.taskId);
          resolve(now);
        }
      }
      if (this.mode === 'poll' ? wanted.size > 0 : told.size > 0) await new Promise((r) => setTimeout(r, INBOX_POLL_MS));
    }
  }
}
