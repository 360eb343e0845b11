/**
 * Tasks in parallel with a completion rule: all must approve (会签), any one decides (或签), or
 * at least n of m approve. The group is decided as soon as the rule can no longer change —
 * the tasks still open are then cancelled, since their answers would not count.
 *
 * A task of the group returned (退回) to an earlier step ends the group: the others are told the
 * return and cancelled (their records say why), and the group rejects with the `TaskReturned`,
 * for the returnable block of that step (blocks/returnable.ts).
 *
 * ```ts
 * const decision = await runTaskGroup(reviewers.map((r) => reviewTask(r)), { rule: 'all', approve: 'approve' });
 * if (decision.approved) ...
 * ```
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { HumanTaskInput, TaskCompletion } from '../contracts/task';
import { tellReturned } from './blocks/returnable';
import { TaskReturned } from './blocks/task';
import { openTask } from './task-child';

export type CompletionRule =
  | { rule: 'all'; approve: string }                  // 会签: every task approves
  | { rule: 'any'; approve: string }                  // 或签: the first approval decides
  | { rule: 'atLeast'; approve: string; n: number };  // n of m approve

export interface GroupDecision {
  approved: boolean;
  /** Completions in the order they came; tasks cancelled once the group was decided are absent. */
  completions: Array<{ taskId: string; completion: TaskCompletion }>;
  cancelledTaskIds: string[];
}

/** How many approvals the rule needs out of `total` tasks. */
export function approvalsNeeded(rule: CompletionRule, total: number): number {
  if (rule.rule === 'all') return total;
  if (rule.rule === 'any') return 1;
  if (!Number.isInteger(rule.n) || rule.n < 1 || rule.n > total) throw new Error(`atLeast needs 1 ≤ n ≤ ${total}, got ${rule.n}`);
  return rule.n;
}

/** Decided when the approvals reach what is needed, or when what is still open cannot reach it. */
export function decide(needed: number, approvals: number, others: number, total: number): boolean | undefined {
  if (approvals >= needed) return true;
  if (total - others < needed) return false;
  return undefined;
}

export async function runTaskGroup(inputs: HumanTaskInput[], rule: CompletionRule): Promise<GroupDecision> {
  if (inputs.length === 0) throw new Error('a task group needs at least one task');
  const needed = approvalsNeeded(rule, inputs.length);
  const completions: GroupDecision['completions'] = [];
  const cancelledTaskIds: string[] = [];
  let approvals = 0;
  let others = 0;
  let decided: boolean | undefined;
  let returned: TaskReturned | undefined;
  const open = new Set<string>();

  const scope = new CancellationScope();
  const running = inputs.map((input) => scope.run(async () => {
    const handle = await openTask(input);
    open.add(handle.workflowId);
    try {
      const result = await handle.result();
      open.delete(handle.workflowId);
      if (result.status === 'returned' && decided === undefined && returned === undefined) {
        returned = new TaskReturned(handle.workflowId, result.returned);
        await tellReturned([...open], result.returned);
        scope.cancel();
        return;
      }
      if (result.status !== 'completed' || decided !== undefined) return;
      completions.push({ taskId: handle.workflowId, completion: result.completion });
      if (result.completion.outcome === rule.approve) approvals++;
      else others++;
      decided = decide(needed, approvals, others, inputs.length);
      if (decided !== undefined) scope.cancel();
    } catch (err) {
      if (!isCancellation(err)) throw err;
      cancelledTaskIds.push(handle.workflowId);
    }
  }));
  await Promise.all(running.map((p) => p.catch((err) => {
    if (!isCancellation(err)) throw err;
  })));
  if (returned) throw returned;
  return { approved: decided ?? false, completions, cancelledTaskIds };
}
