/**
 * 退回 in a project's parallel approvals: the reviewer of an item returns the project to an item
 * it depends on (a prerequisite already approved), e.g. the land permit's reviewer finds the
 * filing's scope wrong. What a return means here:
 *
 * - The items under review that rest on that prerequisite (directly or through others) run in
 *   parallel on its approval: their review tasks are told the return (its reason on their
 *   records, their holders told) and cancelled, and they wait again, as does the returning item.
 * - The prerequisite reopens: a new review round assigned to whoever approved it, the return's
 *   reason on the task, its SLA clock started afresh (the ladder computed from the calendar at the
 *   reopening; time awaiting correction before no longer counts).
 * - Approved again, it frees its dependants as any approval does: each opens a new round on a
 *   fresh clock. An item already decided stays decided.
 *
 * Offered under `patched(OFFERS_RETURNS)`: projects started before offer no return.
 */
import { tellReturned } from '../../workflows/blocks';
import type { ReturnTarget, TaskReturn } from '../../contracts/task';
import type { ItemState } from './contract';
import type { ProjectRun } from './project-run';

export const OFFERS_RETURNS = 'project-return-to-prerequisite';

/** The last value an item's history gave for `field` of `event`. */
function lastOf(it: ItemState, event: string, field: string): string | undefined {
  for (let i = it.history.length - 1; i >= 0; i--) {
    const h = it.history[i];
    const value = h.event === event ? h.detail?.[field] : undefined;
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** The prerequisites of an item its reviewer may return the project to: those approved, each with its review task and who approved it. */
export function returnTargetsOf(run: ProjectRun, it: ItemState): ReturnTarget[] {
  return it.dependsOn.flatMap((key) => {
    const dep = run.item(key);
    const taskId = dep && lastOf(dep, 'item-started', 'taskId');
    const completedBy = dep && lastOf(dep, 'item-approved', 'by');
    return dep?.status === 'approved' && taskId && completedBy ? [{ step: dep.key, title: dep.name, taskId, completedBy }] : [];
  });
}

/** Whether `it` rests on the item `key`, directly or through other items. */
function restsOn(run: ProjectRun, it: ItemState, key: string, seen = new Set<string>()): boolean {
  return it.dependsOn.some((k) => {
    if (k === key) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    const dep = run.item(k);
    return dep !== undefined && restsOn(run, dep, key, seen);
  });
}

/** An item's clock starts again with its next round. */
function waitAgain(run: ProjectRun, it: ItemState): void {
  run.watches.unwatch(it.key);
  it.status = 'waiting';
  it.taskId = undefined;
  it.clockStartedAt = undefined;
  it.pausedWorkingDays = 0;
  it.light = 'green';
  it.dueAt = undefined;
}

/** `it`'s review was returned to the prerequisite `returned.toStep`: the group it ran in ends, and the prerequisite reopens. */
export async function returnToPrerequisite(run: ProjectRun, it: ItemState, returned: TaskReturn): Promise<void> {
  const target = run.item(returned.toStep);
  if (!target) throw new Error(`item ${it.key} was returned to ${returned.toStep}, which the project does not have`);
  const group = run.state.items.filter((x) => x !== it && x.status === 'inReview' && x.taskId !== undefined && restsOn(run, x, target.key));
  await tellReturned(group.map((x) => x.taskId as string), returned);
  const said = { reason: returned.reason };
  for (const x of group) {
    run.running.get(x.key)?.cancel();
    waitAgain(run, x);
    run.happened('item-review-cancelled', x, { by: returned.by, toItem: target.key }, undefined, undefined, said);
  }
  waitAgain(run, it);
  run.happened('item-sent-back', it, { by: returned.by, toItem: target.key, cancelled: group.map((x) => x.key) }, undefined, undefined, said);
  waitAgain(run, target);
  run.reopenings.set(target.key, returned);
  run.happened('item-reopened', target, { by: returned.by, fromItem: it.key, assigneeId: returned.completedBy }, undefined, undefined, said);
  run.launch(target);
}
