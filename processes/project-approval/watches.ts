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
 * - A rung only ever worsens a light; the target's rungs are told (`target-reminded` to the
 *   department head, `target-escalated` to the assigned leader).
 */
import type { Light, Offset } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import { computeDeadlines, type ProjectRun } from './project-run';

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

/** After calendar data changed: every instant not yet passed is computed again from how it was computed. */
export async function recomputeWatches(run: ProjectRun): Promise<void> {
  const open = run.watches.open();
  const byStart = new Map<string, Watch[]>();
  open.forEach((w) => byStart.set(w.from, [...(byStart.get(w.from) ?? []), w]));
  for (const [from, group] of byStart) {
    const computed = await computeDeadlines({ from, offsets: group.map((w) => w.offset) });
    group.forEach((w, i) => {
      w.at = computed[i].at;
      w.provisional = computed[i].provisional;
      w.shown?.(w.at, w.provisional);
    });
  }
  run.watches.version++;
  run.index();
  run.happened('deadlines-recomputed', undefined, { targetDueAt: run.state.target.dueAt, provisional: open.some((w) => w.provisional) });
}

/** A watch's instant has come: its action, or its light on its item or on the target. */
export function fireWatch(run: ProjectRun, w: Watch): void {
  w.fired = true;
  if (w.onFire) return w.onFire();
  if (!w.light) return;
  if (w.itemKey) {
    const it = run.item(w.itemKey);
    if (!it || worseLight(it.light, w.light) === it.light) return;
    it.light = w.light;
    run.refreshLight({ itemKey: it.key, itemLight: it.light }, w.at);
    return;
  }
  const { state } = run;
  state.target.light = worseLight(state.target.light, w.light);
  const escalation = w.light === 'red';
  run.happened(escalation ? 'target-escalated' : 'target-reminded', undefined, {
    targetWorkingDays: state.target.workingDays, dueAt: state.target.dueAt,
  }, escalation ? ['assignedLeader'] : ['departmentHead'], w.at);
}
