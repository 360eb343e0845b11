/**
 * A tolerance item's supplement deadline (容缺受理): an item approved while some materials were
 * still missing stands on the applicant's commitment to supply them. Supplied by the
 * supplement deadline, the materials are checked; missed, the item is suspended and a grace
 * period runs; missed again, it is withdrawn (退件). Materials found insufficient send the item
 * back to waiting, on whichever deadline was running.
 *
 * Both instants come from the `computeDeadlines` activity (the grace deadline counted from the
 * same start, so that it lies after the supplement deadline), and are read again at every
 * wake-up: a calendar update that recomputes them moves the wait.
 *
 * ```ts
 * const [due, grace] = await computeDeadlines({ from: workflowNowIso(), offsets: [{ workingDays: 5 }, { workingDays: 15 }] });
 * const outcome = await runToleranceItem<Materials>({
 *   deadlines: () => ({ supplementDueAt: due.at, graceDueAt: grace.at }),
 *   supply: { peek: () => supplied, take: () => (supplied = undefined) }, // an Update handler sets `supplied`
 *   onSuspended: (at) => happened('suspended', { at }),
 *   onWithdrawn: (at) => happened('withdrawn', { at }),
 *   check: async (materials, { attempt }) => (await runTask(checkTask(materials, attempt))).completion.outcome === 'accept',
 * });
 * if (outcome.outcome === 'supplied') ...
 * ```
 *
 * By default the block waits with timers of its own. A workflow whose main loop owns every timer
 * (a process that watches many items' instants with one timer) passes `deadlinePassed`
 * instead, and the block starts none.
 */
import { condition } from '@temporalio/workflow';
import { workflowNowMs } from '../clock';

export type SupplementDeadline = 'supplement' | 'grace';

export interface ToleranceDeadlines {
  /** When the missing materials are due; missed, the item is suspended. */
  supplementDueAt: string;
  /** When the grace period ends; missed, the item is withdrawn. */
  graceDueAt: string;
}

export interface ToleranceItemOptions<S> {
  /** The two instants; read at every wake-up, so a recomputation moves the wait. */
  deadlines: () => ToleranceDeadlines;
  /** Materials supplied and not yet taken: an Update handler stores them where `peek` finds them; `take` removes them. */
  supply: { peek: () => S | undefined; take: () => void };
  /** When the main loop owns the timers: whether a deadline has passed. Without it the block sleeps until each instant. */
  deadlinePassed?: (deadline: SupplementDeadline) => boolean;
  /** Materials taken, before they are checked; `resumed` when the item was suspended. */
  onSupplied?: (supply: S, how: { resumed: boolean; attempt: number }) => void;
  /** The supplement deadline passed without materials, with its instant. */
  onSuspended?: (at: string) => void;
  /** The grace deadline passed too, with its instant. */
  onWithdrawn?: (at: string) => void;
  /** Checks supplied materials (a review task, typically): true accepts them, false waits again. Without it, any supply is accepted. */
  check?: (supply: S, how: { resumed: boolean; attempt: number }) => Promise<boolean>;
}

export type ToleranceOutcome<S> =
  | { outcome: 'supplied'; supply: S; /** supplied during the grace period */ late: boolean }
  | { outcome: 'withdrawn' };

/** Waits for the materials of a tolerance item until they are accepted or the item is withdrawn. */
export async function runToleranceItem<S>(options: ToleranceItemOptions<S>): Promise<ToleranceOutcome<S>> {
  const { deadlines, supply } = options;
  const supplied = () => supply.peek() !== undefined;
  let suspended = false;
  for (let attempt = 1; ;) {
    const running: SupplementDeadline = suspended ? 'grace' : 'supplement';
    await waitForSupplyOr(running);
    const got = supply.peek();
    if (got === undefined && !suspended) {
      suspended = true;
      options.onSuspended?.(deadlines().supplementDueAt);
      continue;
    }
    if (got === undefined) {
      options.onWithdrawn?.(deadlines().graceDueAt);
      return { outcome: 'withdrawn' };
    }
    supply.take();
    const how = { resumed: suspended, attempt: attempt++ };
    options.onSupplied?.(got, how);
    if (!options.check || (await options.check(got, how))) return { outcome: 'supplied', supply: got, late: suspended };
  }

  /** Resolves when materials are waiting or the running deadline has passed. */
  async function waitForSupplyOr(deadline: SupplementDeadline): Promise<void> {
    const { deadlinePassed } = options;
    if (deadlinePassed) {
      await condition(() => supplied() || deadlinePassed(deadline));
      return;
    }
    const instant = () => (deadline === 'supplement' ? deadlines().supplementDueAt : deadlines().graceDueAt);
    for (;;) {
      const at = instant();
      const waitMs = Date.parse(at) - workflowNowMs();
      if (waitMs <= 0 || supplied()) return;
      // Woken early by materials, or by the instant moving (a calendar update): look again.
      if (!(await condition(() => supplied() || instant() !== at, waitMs))) return;
    }
  }
}
