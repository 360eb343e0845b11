/**
 * Returning the process to an earlier step (退回): the holder sends it back to a step already done
 * that the kind offers on this task (`returnTargets`, set by workflows/blocks/returnable.ts); this
 * task ends returned, with the reason, and the process reopens that step to whoever did it.
 *
 * Rules:
 * - Only to a step the task offers (the kind declares which steps may be returned to, and the
 *   block offers them once done), only by whoever may complete the task (task-access.ts
 *   `mayReturn`), never while it is delegated out (委派) or its decision awaits approval (后加签).
 * - The task ends `cancelled`, with `returned` (who, when, to which step and its task, why) on its
 *   state and record; `task.returned` tells whoever did the step (the person it reopens to), with
 *   the reason — they must read it, as a refused extension's asker reads why; the process receives
 *   `{ status: 'returned' }` and reopens the step (a new task, its ladder computed again).
 * - The other tasks of a parallel group end with it: the group tells each one the return
 *   (`returnedElsewhere`) before cancelling it, so its record says why, and its holder is told.
 */
import { ApplicationFailure, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import type { ReturnToStep, TaskReturn, TaskState } from '../contracts/task';
import { workflowNowIso } from './clock';
import { mayReturn } from './task-access';
import { returnRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const returnTaskUpdate = defineUpdate<TaskState, [ReturnToStep]>('returnTo');

/** A task of the same parallel group was returned: the cancellation that follows is recorded with this return. */
export const returnedElsewhereSignal = defineSignal<[TaskReturn]>('returnedElsewhere');

export function handleReturn(run: TaskRun): void {
  const { state } = run;
  setHandler(returnTaskUpdate, (req) => {
    const { actor, toStep, reason } = returnRequest(req);
    const target = (state.returnTargets ?? []).find((t) => t.step === toStep);
    if (!target) throw new ApplicationFailure(`"${toStep}" is not a step this task may be returned to`, 'Forbidden', true);
    state.status = 'cancelled';
    state.returned = {
      by: actor.personId, at: workflowNowIso(), fromTaskId: state.taskId,
      toStep, toTitle: target.title, toTaskId: target.taskId, completedBy: target.completedBy, reason,
    };
    run.record('returned', actor, { toStep, toTaskId: target.taskId, reason });
    run.indexForSearch();
    run.emit('returned', { actorId: actor.personId, people: [target.completedBy], detail: { toStep, toTaskId: target.taskId, reason } });
    return state;
  }, {
    validator: (req) => {
      const { actor, toStep } = run.rejectInvalid(returnRequest, req);
      run.rejectUnlessOpen();
      const refusal = mayReturn(actor, state, toStep);
      if (refusal) throw new ApplicationFailure(refusal.message, refusal.type, true);
    },
  });
  setHandler(returnedElsewhereSignal, (returned) => {
    if (state.status === 'open' || state.status === 'claimed') state.cancelledByReturn = returned;
  });
}
