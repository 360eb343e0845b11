/**
 * A step the process may be returned to (退回) from a later task. The kind declares it by running
 * the step through this block; the engine's task does the rest (workflows/task-return.ts).
 *
 * Terms:
 * - the **step** has a name (`step`, what a return names: `toStep`) and what people call it
 *   (`title`); its task, once completed, is marked `done`: that task and who completed it are what
 *   a return goes back to;
 * - a **later task** is opened with `offer(input)`: it lists the step among its `returnTargets`,
 *   so its holder may return the process there. Blocks nest: a task offered by two blocks lists
 *   both steps, and a return to the outer one passes through the inner block;
 * - **reopened**: after a return the block runs `run` again from the step, with `reopened`: the
 *   step's task is opened under a key of its own (`returnKey`, `<key>:r<n>`; the tasks after it
 *   too), assigned to whoever did it, naming the return (its reason shown on the task), and with
 *   no `clockStartsAt`: its ladder is computed again from the calendar, from the reopening on.
 * - a **parallel group** (runTaskGroup) a return leaves: its other tasks are told the return and
 *   cancelled (`tellReturned`), then the return goes on to this block.
 *
 * ```ts
 * const satisfied = await returnable({
 *   allow: patched('return-to-handling'),            // running processes keep their path
 *   step: 'handling', title: '办理',
 *   run: async ({ reopened, done, offer }) => {
 *     const handled = done(await runTask(withReturn(handlingInput, reopened), hooks));
 *     return (await runTask(offer({ ...callbackInput, taskKey: returnKey('callback', reopened?.attempt ?? 0) }))).completion.outcome === 'satisfied';
 *   },
 *   returned: (r) => stepped(() => void (state.status = 'handling'), 'returned', { by: r.by, toStep: r.toStep }, { said: { reason: r.reason } }),
 * });
 * ```
 *
 * Deterministic; a process whose running instances must not change passes `allow: false` (from a
 * `patched()`): nothing is offered, and the step runs once.
 */
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import type { HumanTaskInput, ReturnTarget, TaskReturn } from '../../contracts/task';
import { returnedElsewhereSignal } from '../task-return';
import { TaskReturned, type TaskRun } from './task';

/** A step reopened by a return: the how-many-th, and the return. */
export interface Reopening {
  attempt: number;
  returned: TaskReturn;
}

export interface ReturnableRun {
  /** The return that reopened the step; absent on its first run. */
  reopened?: Reopening;
  /** The step's task completed: later tasks may return to it. Marks the latest (a withdrawal's rerun, say); gives its argument back. */
  done(run: TaskRun): TaskRun;
  /** A later task's input, offering a return to the step once it is done. */
  offer(input: HumanTaskInput): HumanTaskInput;
}

export interface ReturnableStep<T> {
  /** The step's name, as a return names it (`toStep`): unique among the steps a task may be offered. */
  step: string;
  /** What people call the step (办理), as the 退回 card offers it. */
  title: string;
  /** Runs the step and what follows it; again, with `reopened`, after each return to the step. */
  run(r: ReturnableRun): Promise<T>;
  /** The process was returned to the step: undo what followed it (a status, a timeline line) before it reopens. */
  returned?(returned: TaskReturn): void | Promise<void>;
  /** False: nothing offered (processes started before the kind opted in). Default true. */
  allow?: boolean;
}

/** The key of a task in its `attempt`-th run after returns: the first run keeps its key. */
export function returnKey(taskKey: string, attempt: number): string {
  return attempt === 0 ? taskKey : `${taskKey}:r${attempt}`;
}

/**
 * A step's input when a return reopens it: its own key, assigned to whoever did it, naming the
 * return, and its clock starting now (the ladder computed again from the calendar).
 */
export function withReturn(input: HumanTaskInput, reopened: Reopening | undefined): HumanTaskInput {
  if (!reopened) return input;
  const { clockStartsAt: _kept, ...rest } = input;
  return { ...rest, taskKey: returnKey(input.taskKey, reopened.attempt), assigneeId: reopened.returned.completedBy, returnedFrom: reopened.returned };
}

/** Tells open tasks of a parallel group that another was returned, before the group cancels them: their record says why. */
export async function tellReturned(taskIds: string[], returned: TaskReturn): Promise<void> {
  // A task that ended meanwhile cannot be told; it needs no cancelling either.
  await Promise.all(taskIds.map((id) => getExternalWorkflowHandle(id).signal(returnedElsewhereSignal, returned).catch(() => undefined)));
}

/** Runs the step and what follows; each return to the step reopens it to whoever did it. */
export async function returnable<T>(o: ReturnableStep<T>): Promise<T> {
  if (o.allow === false) return o.run({ done: (run) => run, offer: (input) => input });
  let target: ReturnTarget | undefined;
  let reopened: Reopening | undefined;
  for (let attempt = 0; ; attempt++) {
    target = undefined;
    const r: ReturnableRun = {
      reopened,
      done: (run) => {
        target = { step: o.step, title: o.title, taskId: run.taskId, completedBy: run.completion.actorId };
        return run;
      },
      offer: (input) => {
        if (!target) return input;
        const offered = (input.returnTargets ?? []).filter((t) => t.step !== o.step);
        return { ...input, returnTargets: [...offered, target] };
      },
    };
    try {
      return await o.run(r);
    } catch (err) {
      if (!(err instanceof TaskReturned) || err.returned.toStep !== o.step) throw err;
      await o.returned?.(err.returned);
      reopened = { attempt: attempt + 1, returned: err.returned };
    }
  }
}
