/**
 * Claiming a human task (认领) and releasing it to its department (退回部门).
 *
 * Rules:
 * - Anyone the task is offered to (task-access.ts) may claim it while nobody holds it; claiming
 *   it again is harmless and changes nothing.
 * - A claimed task is released by its holder or by whoever may reassign it (the department
 *   head, an admin); it is then offered to the department again.
 */
import { defineUpdate, setHandler } from '@temporalio/workflow';
import type { ClaimTask, TaskState } from '../contracts/task';
import { canReassign, isCandidate } from './task-access';
import { claimRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const claimTaskUpdate = defineUpdate<TaskState, [ClaimTask]>('claim');
export const releaseTaskUpdate = defineUpdate<TaskState, [ClaimTask]>('release');

export function handleClaim(run: TaskRun): void {
  const { state } = run;
  setHandler(claimTaskUpdate, ({ actor }) => {
    if (state.assigneeId !== actor.personId) {
      state.assigneeId = actor.personId;
      state.status = 'claimed';
      run.record('claimed', actor);
      run.indexForSearch();
      run.emit('claimed', { actorId: actor.personId });
    }
    return state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(claimRequest, req);
      run.rejectUnlessOpen();
      if (state.status === 'claimed' && state.assigneeId !== actor.personId) {
        run.forbid(`task is already claimed by ${state.assigneeId}`);
      }
      if (!isCandidate(actor, run.holder())) run.forbid('you are not offered this task');
    },
  });
}

export function handleRelease(run: TaskRun): void {
  const { state } = run;
  setHandler(releaseTaskUpdate, ({ actor }) => {
    state.assigneeId = undefined;
    state.status = 'open';
    run.record('released', actor);
    run.indexForSearch();
    run.emit('released', { actorId: actor.personId });
    return state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(claimRequest, req);
      run.rejectUnlessOpen();
      if (state.status !== 'claimed') run.forbid('task is not claimed');
      if (state.assigneeId !== actor.personId && !canReassign(actor, run.holder())) {
        run.forbid(`only ${state.assigneeId} or the department head may release this task`);
      }
    },
  });
}
