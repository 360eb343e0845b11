/**
 * The project's light (亮灯预警) over time: a watch's instant coming, and a calendar update
 * moving every instant not yet passed. The light itself is recomputed by `refreshLight`
 * (project-run.ts) after anything that happens.
 *
 * Rules:
 * - A rung only ever worsens a light: an item's rung its item's, the overall target's the
 *   target's; the target's rungs are told (`target-reminded` to the department head,
 *   `target-escalated` to the assigned leader).
 * - A watch with an action (a tolerance item's deadline) runs it instead; one with neither light
 *   nor action (an item's due instant) only passes.
 * - After a calendar update every open watch is computed again from how it was computed, shown
 *   where the state shows it, and the project says so (`deadlines-recomputed`).
 */
import { worseLight } from '../../contracts/lights';
import { computeDeadlines, type ProjectRun } from './project-run';
import type { Watch } from './watches';

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
