/**
 * A step its completer may take back (撤回) while the step after it is untouched. The process opts
 * in where a step may be taken back; the engine's task does the rest (workflows/task-withdraw.ts).
 *
 * Terms:
 * - the **step** is the task (or tasks: a transfer's chain) whose completion may be taken back;
 * - the **next** step is what the process does after it; the task it opens through `runNext`
 *   names the step (`previousStep`), so whoever completed it may withdraw that task while nobody
 *   has acted on it. The process's `withdrawable` query says which task that is, for the API;
 * - **reopened**: after a withdrawal the step runs again, assigned to whoever took it back, under a
 *   key of its own (`<key>:w<n>`, as is the next step's task), and the next step follows again.
 *
 * Where the next step has outside effects (a message to a citizen, a payment), open it with plain
 * `runTask`, or forbid the verb on its task (`verbs: { forbid: ['withdraw'] }`).
 *
 * ```ts
 * const satisfied = await withdrawable({
 *   step: (reopened) => runTask(withReopened(handlingInput, reopened), hooks),
 *   next: async (handled, runNext) => (await runNext(confirmationInput, hooks)).completion.outcome === 'satisfied',
 *   withdrawn: (w) => stepped(() => void (state.status = 'handling'), 'withdrawn', { by: w.by }, { said: { reason: w.reason } }),
 * });
 * ```
 *
 * Deterministic; a process whose running instances must not change yet passes `allow: false`
 * (from a `patched()`): the steps then run once, as plain tasks.
 */
import { defineQuery, setHandler } from '@temporalio/workflow';
import type { HumanTaskInput, PreviousStep, Withdrawal } from '../../contracts/task';
import { runTask, TaskWithdrawn, type TaskHooks, type TaskRun } from './task';

/** A step being reopened to whoever took it back: the how-many-th withdrawal, and theirs. */
export interface Reopened {
  attempt: number;
  withdrawal: Withdrawal;
}

/** What the API asks a process: the step that may be taken back now, and the task of its next step. */
export interface WithdrawableStep {
  fromTaskId: string;
  completedBy: string;
  nextTaskId?: string;
}

export const withdrawableQuery = defineQuery<WithdrawableStep[]>('withdrawable');

export interface WithdrawableSteps<T> {
  /** The step; `reopened` when it runs again after a withdrawal (give its input to `withReopened`). */
  step(reopened: Reopened | undefined): Promise<TaskRun>;
  /** What follows the step; the task that may be withdrawn is opened with `runNext`. */
  next(run: TaskRun, runNext: (input: HumanTaskInput, hooks?: TaskHooks) => Promise<TaskRun>): Promise<T>;
  /** The step was taken back: undo what followed it (a status, a timeline line) before it reopens. */
  withdrawn?(withdrawal: Withdrawal): void | Promise<void>;
  /** False: no withdrawal (processes started before the kind opted in). Default true. */
  allow?: boolean;
}

/** The key of a task in its `attempt`-th run after withdrawals: the first run keeps its key. */
export function attemptKey(taskKey: string, attempt: number): string {
  return attempt === 0 ? taskKey : `${taskKey}:w${attempt}`;
}

/** A step's input when it is reopened: its own key for this run, assigned to whoever took it back. */
export function withReopened(input: HumanTaskInput, reopened: Reopened | undefined): HumanTaskInput {
  if (!reopened) return input;
  return { ...input, taskKey: attemptKey(input.taskKey, reopened.attempt), assigneeId: reopened.withdrawal.by };
}

/** Runs the step, then the next; each withdrawal of the next reopens the step to its completer. */
export async function withdrawable<T>(o: WithdrawableSteps<T>): Promise<T> {
  if (o.allow === false) return o.next(await o.step(undefined), (input, hooks) => runTask(input, hooks));
  // One withdrawable run at a time answers the query: the latest to start (a process's rounds run one after another).
  const current: WithdrawableStep[] = [];
  setHandler(withdrawableQuery, () => current);
  let reopened: Reopened | undefined;
  for (let attempt = 0; ; attempt++) {
    const run = await o.step(reopened);
    const entry: WithdrawableStep = { fromTaskId: run.taskId, completedBy: run.completion.actorId };
    const previousStep: PreviousStep = { taskId: run.taskId, completedBy: run.completion.actorId };
    const runNext = (input: HumanTaskInput, hooks: TaskHooks = {}) => runTask(
      { ...input, taskKey: attemptKey(input.taskKey, attempt), previousStep },
      {
        onOpen: (taskId) => {
          entry.nextTaskId = taskId;
          current.push(entry);
          hooks.onOpen?.(taskId);
        },
        onClose: (taskId) => {
          current.splice(current.indexOf(entry), 1);
          hooks.onClose?.(taskId);
        },
      },
    );
    try {
      return await o.next(run, runNext);
    } catch (err) {
      if (!(err instanceof TaskWithdrawn)) throw err;
      await o.withdrawn?.(err.withdrawal);
      reopened = { attempt: attempt + 1, withdrawal: err.withdrawal };
    }
  }
}
