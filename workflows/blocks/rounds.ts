/**
 * Handled, then checked by whoever asked for it; not satisfied, handled again; still not satisfied
 * after the last round, escalated and closed as unresolved (重办, then 升级). An enterprise
 * request's liaison and a hotline ticket's callback both work this way.
 *
 * ```ts
 * const resolution = await redoUntilSatisfied({
 *   rounds: 2,
 *   handle: async (round) => { … the round's handling task … },
 *   check: async (round) => { … the confirmation task …; return completion.outcome === 'satisfied'; },
 *   redo: async (round) => { … round `round` begins: its state, its event … },
 *   giveUp: () => happened('escalated', {}, { recipients: ['assignedLeader'] }),
 * });
 * ```
 *
 * Deterministic: the rounds run in order, each awaiting its handling and then its check.
 */
export interface Rounds {
  /** How many handlings at most, the first included. */
  rounds: number;
  /** One round's handling, until it is done. */
  handle(round: number): Promise<void>;
  /** Whether the one who asked is satisfied with this round. */
  check(round: number): Promise<boolean>;
  /** Round `round` (2, 3, …) begins after a dissatisfied check. */
  redo(round: number): Promise<void>;
  /** The last round was not satisfactory either. */
  giveUp(round: number): void;
}

export async function redoUntilSatisfied(o: Rounds): Promise<'resolved' | 'unresolved'> {
  if (!Number.isInteger(o.rounds) || o.rounds < 1) throw new RangeError(`redoUntilSatisfied: rounds must be a whole number ≥ 1, not ${o.rounds}`);
  for (let round = 1; ; round++) {
    await o.handle(round);
    if (await o.check(round)) return 'resolved';
    if (round >= o.rounds) {
      o.giveUp(round);
      return 'unresolved';
    }
    await o.redo(round + 1);
  }
}
