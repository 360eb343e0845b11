/**
 * An item's run (事项): from the moment its dependencies are satisfied, its review rounds
 * (item-review.ts) and, approved with tolerance, its supplement (tolerance.ts).
 *
 * Rules:
 * - Items run in parallel (并联审批): every waiting item whose dependencies are all satisfied
 *   starts at once, and each decision that satisfies a dependency starts the items it frees.
 * - Each item runs in its own cancellation scope, kept in `running`, so that waiving it or
 *   moving it to another department cancels its open task; a cancellation ends the run quietly,
 *   any other error fails the project (`fatal`, thrown by the main loop).
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { satisfyingStatuses, type ApprovalItem, type ItemState } from './contract';
import { reviewItem } from './item-review';
import type { ProjectRun } from './project-run';
import { superviseSupplement } from './tolerance';

/** An item as the plan gives it, waiting for its dependencies. */
export const newItem = (def: ApprovalItem): ItemState => ({
  key: def.key,
  name: def.name,
  departmentId: def.departmentId,
  dependsOn: def.dependsOn,
  toleranceEligible: def.toleranceEligible,
  status: 'waiting',
  light: 'green',
  provisional: false,
  pausedWorkingDays: 0,
  round: 0,
  history: [],
});

/** Gives the run its `startReady` and `launch`. */
export function runItems(run: ProjectRun): void {
  const satisfied = (key: string) => {
    const dep = run.item(key);
    return dep !== undefined && satisfyingStatuses.includes(dep.status);
  };

  run.startReady = () => {
    for (const it of run.state.items) {
      if (it.status === 'waiting' && !run.running.has(it.key) && it.dependsOn.every(satisfied)) run.launch(it);
    }
  };

  run.launch = (it: ItemState) => {
    const scope = new CancellationScope();
    run.running.set(it.key, scope);
    scope.run(() => lifecycle(it))
      .catch((err) => {
        if (!isCancellation(err)) run.fatal ??= err;
      })
      .finally(() => {
        if (run.running.get(it.key) === scope) run.running.delete(it.key);
      });
  };

  async function lifecycle(it: ItemState): Promise<void> {
    const completion = await reviewItem(run, it);
    if (completion === 'tolerated') await superviseSupplement(run, it);
  }
}
