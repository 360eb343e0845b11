/**
 * Reassigning a human task (改派 / 转办): to a person, to another department, or both; a
 * department without a person offers it to that department's candidates.
 *
 * Rules: only the department head or an admin reassigns (task-access.ts); the history keeps
 * from whom, to whom and why; the new holder is told (`assignee`).
 */
import { defineUpdate, setHandler } from '@temporalio/workflow';
import type { ReassignTask, TaskState } from '../contracts/task';
import { canReassign } from './task-access';
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
    run.record('reassigned', actor.personId, { from, to: { departmentId: state.departmentId, assigneeId: state.assigneeId }, reason });
    run.indexForSearch();
    run.emit('reassigned', { actorId: actor.personId, roles: ['assignee'], detail: { from, reason } });
    return state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(reassignRequest, req);
      run.rejectUnlessOpen();
      if (!canReassign(actor, run.holder())) run.forbid('only the department head or an admin may reassign this task');
    },
  });
}
