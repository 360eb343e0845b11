/**
 * Reassigning a human task (改派 / 转办): to a person, to another department, or both; a
 * department without a person offers it to that department's candidates.
 *
 * Rules: only the department head or an admin reassigns (task-access.ts); the history keeps
 * from whom, to whom and why; the new holder is told (`assignee`). A handover (离职交接) names the
 * person it moves the task from (`ifHeldBy`): refused (Conflict) when the task is no longer theirs
 * or is out with them on a 委派 (which they return, 办毕交回, before they leave).
 */
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { ReassignTask, TaskState } from '../contracts/task';
import { canReassign, handoverConflict } from './task-access';
import { reassignRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const reassignTaskUpdate = defineUpdate<TaskState, [ReassignTask]>('reassign');

export function handleReassign(run: TaskRun): void {
  const { state } = run;
  setHandler(reassignTaskUpdate, (req) => {
    const { actor, toPersonId, toDepartmentId, reason } = reassignRequest(req);
    const from = { departmentId: state.departmentId, assigneeId: state.assigneeId };
    if (toDepartmentId !== undefined) state.departmentId = toDepartmentId;
    state.assigneeId = toPersonId;
    state.status = toPersonId ? 'claimed' : 'open';
    run.record('reassigned', actor, { from, to: { departmentId: state.departmentId, assigneeId: state.assigneeId }, reason });
    run.indexForSearch();
    run.emit('reassigned', { actorId: actor.personId, roles: ['assignee'], detail: { from, reason } });
    return state;
  }, {
    validator: (req) => {
      const { actor, ifHeldBy } = run.rejectInvalid(reassignRequest, req);
      run.rejectUnlessOpen();
      if (!canReassign(actor, run.holder())) run.forbid('only the department head or an admin may reassign this task');
      const conflict = ifHeldBy === undefined ? undefined : handoverConflict(state, ifHeldBy);
      if (conflict) throw new ApplicationFailure(conflict.message, 'Conflict', true, [{ handover: conflict.code }]);
    },
  });
}
