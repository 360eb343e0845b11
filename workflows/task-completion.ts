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
 * - 后加签 (task-signers.ts) checks a decision as a completion is checked, and completes the task
 *   the same way once those asked have approved (`checkDecision`, `completeWith`).
 */
import { ApplicationFailure, currentUpdateInfo, defineUpdate, patched, setHandler } from '@temporalio/workflow';
import { checkFormPayload } from '../contracts/forms';
import type { Actor } from '../contracts/directory';
import type { CompleteTask, TaskCompletion } from '../contracts/task';
import { workflowNowIso } from './clock';
import { mayComplete, waitingFor } from './task-access';
import { copyTo as startCopies } from './task-copy';
import { openDelegation } from './task-handover';
import { completeRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTask]>('complete');

/** The payload as the form reads it (trimmed, defaults applied); the validator has already refused a bad one. */
export function checkedPayload(run: TaskRun, outcome: string, payload: Record<string, unknown>): Record<string, unknown> {
  const checked = checkFormPayload(run.state.form, outcome, payload);
  return checked.ok ? checked.payload : payload;
}

/** Refuses a decision (a completion, or one put to others first: 后加签) this actor may not take now, with why. */
export function checkDecision(run: TaskRun, actor: Actor, outcome: string, payload: Record<string, unknown>): void {
  const { state, input } = run;
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
}

/** The task completed: its completion kept, recorded, indexed and published (the payload stays in the state, not on the event bus). */
export function completeWith(run: TaskRun, completion: TaskCompletion, detail: Record<string, unknown> = {}): void {
  const { state } = run;
  state.completion = completion;
  state.status = 'completed';
  run.record('completed', { personId: completion.actorId, agentId: completion.agentId }, { outcome: completion.outcome, ...detail });
  run.indexForSearch();
  // Done by an agent (代理): the event says so, and the process's timeline with it (代某某办理).
  const agent = completion.agentId ? { agentId: completion.agentId } : {};
  run.emit('completed', { actorId: completion.actorId, detail: { outcome: completion.outcome, ...detail, ...agent } });
}

export function handleCompletion(run: TaskRun): void {
  const { state } = run;

  setHandler(completeTaskUpdate, (req) => {
    const { actor, outcome, payload, copyTo } = completeRequest(req);
    completeWith(run, {
      outcome,
      payload: checkedPayload(run, outcome, payload),
      actorId: actor.personId,
      ...(actor.agentId ? { agentId: actor.agentId } : {}),
      at: workflowNowIso(),
      updateId: currentUpdateInfo()?.id,
    });
    // Copied at completion (抄送): the task ends once the copies are out (human-task.ts waits for them).
    if (copyTo && patched('copy-at-completion')) void startCopies(run, actor, copyTo);
    return state.completion as TaskCompletion;
  }, {
    validator: (req) => {
      const { actor, outcome, payload } = run.rejectInvalid(completeRequest, req);
      checkDecision(run, actor, outcome, payload);
    },
  });
}
