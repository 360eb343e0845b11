/**
 * The instants a project waits for: an open review's rungs and the overall target's (each a
 * light), an item's due instant (shown, without a light), and a tolerance item's supplement and
 * grace deadlines (`onFire`).
 *
 * Rules:
 * - The project's main loop owns the one timer, for the earliest watch: no timer of an item races
 *   the outbox's local activity, which replay would not reproduce.
 * - A watch keeps how its instant was computed (`from`, `offset`), so that a calendar update
 *   computes every instant not yet passed again (`recompute`), and shows it where the state does.
 * - `version` moves whenever the list or an instant changes: the loop's wait ends, and it
 *   chooses again.
 *
 * What happens when a watch fires, or when the calendar moves them, is the project's light (light.ts).
 */
import type { Light, Offset } from '../../contracts/ladder';

export interface Watch {
  at: string;
  provisional: boolean;
  /** How `at` was computed, so that a calendar update can compute it again. */
  from: string;
  offset: Offset;
  light?: Light;
  itemKey?: string;
  onFire?: () => void;
  /** Shows a recomputed instant where the state displays it. */
  shown?: (at: string, provisional: boolean) => void;
  fired: boolean;
}

export class Watches {
  private readonly list: Watch[] = [];
  /** Moves with every change of the list or of an instant in it. */
  version = 0;

  add(at: string, what: Omit<Watch, 'at' | 'fired'>): Watch {
    const w: Watch = { at, ...what, fired: false };
    this.list.push(w);
    this.version++;
    return w;
  }

  /** Every watch of an item is done with (its review closed, it was waived or moved). */
  unwatch(itemKey: string): void {
    for (const w of this.list) if (w.itemKey === itemKey) w.fired = true;
  }

  anyProvisional(): boolean {
    return this.list.some((w) => !w.fired && w.provisional);
  }

  open(): Watch[] {
    return this.list.filter((w) => !w.fired);
  }

  /** Fired and abandoned watches go, so the list stays as long as what is still awaited; then the earliest. */
  next(): Watch | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].fired) this.list.splice(i, 1);
    return [...this.list].sort((a, b) => a.at.localeCompare(b.at))[0];
  }
}
