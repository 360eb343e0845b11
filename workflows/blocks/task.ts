/**
 * A human task from start to completion (经办任务): opens the task as a child workflow
 * (`<processId>/<taskKey>`, see task-child.ts) and waits for its completion. The process's own
 * state can list the task while it is open through `onOpen` and `onClose`, which is what its
 * state query shows and what an inbox links to.
 *
 * A task ends either completed or cancelled with its scope; a task that ended otherwise would be
 * a bug, so the run fails loudly rather than carry on without an answer.
 *
 * ```ts
 * const { completion, light } = await runTask({
 *   taskKey: 'handling', processKind: 'landUseDispute', processId: id, title: ticket.title,
 *   departmentId, form: 'ticketHandling', outcomes: ['resolved', 'transferred'],
 *   ladder: workingDayLadder({ due: 3 }),
 * }, { onOpen: (taskId) => state.openTaskIds.push(taskId), onClose: (taskId) => remove(state.openTaskIds, taskId) });
 * if (completion.outcome === 'resolved') ...
 * ```
 */
import type { Light } from '../../contracts/ladder';
import type { HumanTaskInput, TaskCompletion, TaskReturn, Withdrawal } from '../../contracts/task';
import { openTask } from '../task-child';

/** A completed task: its answer, the light it ended with, its workflow id, and the working days its deadline was extended by. */
export interface TaskRun {
  completion: TaskCompletion;
  light: Light;
  taskId: string;
  extendedWorkingDays: number;
}

export interface TaskHooks {
  /** Called once the task has started, with its workflow id. */
  onOpen?: (taskId: string) => void;
  /** Called when the process stops waiting for the task: completed, cancelled, or failed. */
  onClose?: (taskId: string) => void;
}

/** The task was withdrawn (撤回) by whoever completed the step before it: the withdrawable block reopens that step. */
export class TaskWithdrawn extends Error {
  constructor(readonly taskId: string, readonly withdrawal: Withdrawal) {
    super(`task ${taskId} was withdrawn by ${withdrawal.by}`);
  }
}

/** The task was returned (退回) by its holder to an earlier step: the returnable block of that step reopens it. */
export class TaskReturned extends Error {
  constructor(readonly taskId: string, readonly returned: TaskReturn) {
    super(`task ${taskId} was returned by ${returned.by} to the step ${returned.toStep}`);
  }
}

/** Opens a human task and resolves with its completion; rejects with TaskWithdrawn when it was withdrawn, TaskReturned when returned. */
export async function runTask(input: HumanTaskInput, hooks: TaskHooks = {}): Promise<TaskRun> {
  const task = await openTask(input);
  const taskId = task.workflowId;
  hooks.onOpen?.(taskId);
  try {
    const result = await task.result();
    if (result.status === 'withdrawn') throw new TaskWithdrawn(taskId, result.withdrawal);
    if (result.status === 'returned') throw new TaskReturned(taskId, result.returned);
    if (result.status !== 'completed') throw new Error(`task ${taskId} ended without completion`);
    return { completion: result.completion, light: result.light, taskId, extendedWorkingDays: result.extendedWorkingDays ?? 0 };
  } finally {
    hooks.onClose?.(taskId);
  }
}
