/**
 * Taking a completed step back (撤回): whoever completed the step before this task takes it back
 * while this task is untouched; this task ends withdrawn, with the reason, and the process
 * reopens the step to them (workflows/blocks/withdrawable.ts, which the process opts into).
 *
 * Rules:
 * - Only a task that names its previous step (`previousStep`, set by the withdrawable block) can
 *   be withdrawn, only by whoever completed that step, and never where its kind forbids it
 *   (`verbs.forbid: ['withdraw']`, a next step with outside effects).
 * - Untouched: nobody has done anything on it — no claim, no opinion asked, no copy, no
 *   hand-over, no extension. A chase or a leader's 已阅 is done *to* it, not on it, and leaves it
 *   untouched. A task assigned to a person at creation counts as untouched until they act.
 * - The race with its holder (claim or withdraw at the same instant): both are Updates of this
 *   one workflow, each validator sees what the one before did, so exactly one wins; the other is
 *   refused with why (`Conflict`, or `TaskCancelled` for a claim after the withdrawal).
 * - The task ends `cancelled`, with `withdrawal` (who, when, why) on its state and record; its
 *   holder (when it had one) is told; the process receives `{ status: 'withdrawn' }`.
 */
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { TaskState, WithdrawTask } from '../contracts/task';
import { workflowNowIso } from './clock';
import { mayWithdraw } from './task-access';
import { withdrawRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const withdrawTaskUpdate = defineUpdate<TaskState, [WithdrawTask]>('withdraw');

export function handleWithdraw(run: TaskRun): void {
  const { state } = run;
  setHandler(withdrawTaskUpdate, (req) => {
    const { actor, fromTaskId, reason } = withdrawRequest(req);
    state.status = 'cancelled';
    state.withdrawal = { by: actor.personId, at: workflowNowIso(), fromTaskId, reason };
    run.record('withdrawn', actor, { fromTaskId, reason });
    run.indexForSearch();
    run.emit('withdrawn', { actorId: actor.personId, roles: ['assignee'], detail: { fromTaskId } });
    return state;
  }, {
    validator: (req) => {
      const { actor, fromTaskId } = run.rejectInvalid(withdrawRequest, req);
      run.rejectUnlessOpen();
      const refusal = mayWithdraw(actor.personId, state, fromTaskId);
      if (refusal) throw new ApplicationFailure(refusal.message, refusal.type, true);
    },
  });
}
