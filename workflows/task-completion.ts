/**
 * Completing a human task (办理): the holder chooses one of the task's outcomes and fills its form.
 *
 * Rules:
 * - The validator refuses an outcome the task does not allow, an outcome reserved to roles the
 *   actor lacks (`outcomeRoles`), an actor who may not complete it (task-access.ts), and a
 *   payload its form refuses (contracts/forms.ts), each with its own failure type.
 * - The payload is kept as the form reads it (trimmed, defaults applied), in the task's state
 *   only: the event says the outcome, not what was typed.
 * - The Update's id is the caller's idempotency key, kept with the completion.
 * - `copyTo` copies (抄送) people at completion (task-copy.ts).
 * - Refused while someone asked for an opinion has not answered (前加签, task-signers.ts), and
 *   while the task is delegated (委派, task-handover.ts).
 */
import { ApplicationFailure, currentUpdateInfo, defineUpdate, patched, setHandler } from '@temporalio/workflow';
import { checkFormPayload } from '../contracts/forms';
import type { CompleteTask, TaskCompletion } from '../contracts/task';
import { workflowNowIso } from './clock';
import { mayComplete } from './task-access';
import { copyTo as startCopies } from './task-copy';
import { openDelegation } from './task-handover';
import { waitingFor } from './task-signers';
import { completeRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTask]>('complete');

export function handleCompletion(run: TaskRun): void {
  const { state, input } = run;

  /** The payload as the form reads it (trimmed, defaults applied); the validator has already refused a bad one. */
  const checkedPayload = (outcome: string, payload: Record<string, unknown>): Record<string, unknown> => {
    const checked = checkFormPayload(state.form, outcome, payload);
    return checked.ok ? checked.payload : payload;
  };

  setHandler(completeTaskUpdate, (req) => {
    const { actor, outcome, payload, copyTo } = completeRequest(req);
    state.completion = {
      outcome,
      payload: checkedPayload(outcome, payload),
      actorId: actor.personId,
      at: workflowNowIso(),
      updateId: currentUpdateInfo()?.id,
    };
    state.status = 'completed';
    run.record('completed', actor.personId, { outcome });
    run.indexForSearch();
    // The payload is what a person typed: it stays in the task's state, read through the API by those the task allows, not on the event bus.
    run.emit('completed', { actorId: actor.personId, detail: { outcome } });
    // Copied at completion (抄送): the task ends once the copies are out (human-task.ts waits for them).
    if (copyTo && patched('copy-at-completion')) void startCopies(run, actor, copyTo);
    return state.completion;
  }, {
    validator: (req) => {
      const { actor, outcome, payload } = run.rejectInvalid(completeRequest, req);
      run.rejectUnlessOpen();
      if (!state.outcomes.includes(outcome)) {
        throw new ApplicationFailure(`办理结果“${outcome}”不适用于这项任务，只能是：${state.outcomes.join('、')}`, 'InvalidOutcome', true);
      }
      const allowedRoles = input.outcomeRoles[outcome];
      if (allowedRoles && !actor.roles.some((r) => allowedRoles.includes(r))) {
        run.forbid(`only ${allowedRoles.join(' or ')} may choose "${outcome}"`);
      }
      const refusal = mayComplete(actor, run.holder(), state.status === 'claimed');
      if (refusal) run.forbid(refusal);
      const out = openDelegation(state);
      if (out) throw new ApplicationFailure(`delegated to ${out.to} (委派): ${out.to} answers with what they did and it comes back to ${out.from}, who completes it`, 'Conflict', true);
      const waiting = waitingFor(state);
      if (waiting.length > 0) throw new ApplicationFailure(`waiting for the opinion of ${waiting.join(', ')} (前加签): complete once each has answered`, 'Conflict', true);
      const checked = checkFormPayload(state.form, outcome, payload);
      // Validators are not recorded in the history: what a refusal says may change without a patch. Its issues ride along, each with its field.
      if (!checked.ok) throw new ApplicationFailure(checked.message, 'InvalidPayload', true, checked.issues ? [checked.issues] : undefined);
    },
  });
}
