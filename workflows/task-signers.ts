/**
 * Asking others' opinions before deciding (前加签) and taking an asked person off (减签).
 *
 * Rules:
 * - Whoever may complete the task asks one or more people for their opinion; they are told
 *   (`task.signers-added`, to them by id), may read the task, and answer in any order with their
 *   opinion, which the task shows. The holder is told each answer (`task.sign-answered`).
 * - While anyone asked has not answered, the task cannot be completed: the completion is refused
 *   naming whom it waits for (task-completion.ts asks `waitingFor`).
 * - 减签: whoever may complete the task takes off an asked person who has not answered yet, with
 *   a reason if they like; never the last person asked.
 * - Asking someone already waited for, or the holder themselves, is refused; someone who answered
 *   before may be asked again.
 */
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { Actor } from '../contracts/directory';
import type { AddSigners, AnswerSign, RemoveSigner, SignRecord, TaskState } from '../contracts/task';
import { workflowNowIso } from './clock';
import { mayComplete } from './task-access';
import { addSignersRequest, answerSignRequest, removeSignerRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const addSignersUpdate = defineUpdate<TaskState, [AddSigners]>('addSigners');
export const answerSignUpdate = defineUpdate<TaskState, [AnswerSign]>('answerSign');
export const removeSignerUpdate = defineUpdate<TaskState, [RemoveSigner]>('removeSigner');

/** The people asked whose opinion the task still waits for. */
export function waitingFor(state: Pick<TaskState, 'signers'>): string[] {
  return (state.signers ?? []).filter((s) => s.status === 'pending').map((s) => s.personId);
}

const pendingOf = (state: TaskState, personId: string): SignRecord | undefined =>
  (state.signers ?? []).find((s) => s.personId === personId && s.status === 'pending');

export function handleSigners(run: TaskRun): void {
  const { state } = run;
  const mayAsk = (actor: Actor) => {
    const refusal = mayComplete(actor, run.holder(), state.status === 'claimed');
    if (refusal) run.forbid(`only whoever may complete this task asks for opinions: ${refusal}`);
  };

  setHandler(addSignersUpdate, (req) => {
    const { actor, personIds, note } = addSignersRequest(req);
    const at = workflowNowIso();
    for (const personId of personIds) {
      (state.signers ??= []).push({ personId, addedBy: actor.personId, addedAt: at, status: 'pending', ...(note ? { note } : {}) });
    }
    run.record('signers-added', actor.personId, { personIds, ...(note ? { note } : {}) });
    run.emit('signers-added', { actorId: actor.personId, people: personIds, detail: { personIds } });
    return state;
  }, {
    validator: (req) => {
      const { actor, personIds } = run.rejectInvalid(addSignersRequest, req);
      run.rejectUnlessOpen();
      mayAsk(actor);
      const invalid = personIds.filter((p) => p === actor.personId || p === state.assigneeId);
      if (invalid.length > 0) throw new ApplicationFailure('you hold this task: ask someone else for an opinion', 'InvalidRequest', true);
      const waited = personIds.filter((p) => pendingOf(state, p));
      if (waited.length > 0) throw new ApplicationFailure(`already waiting for the opinion of ${waited.join(', ')}`, 'Conflict', true);
    },
  });

  setHandler(answerSignUpdate, (req) => {
    const { actor, opinion } = answerSignRequest(req);
    const sign = pendingOf(state, actor.personId) as SignRecord;
    sign.status = 'answered';
    sign.opinion = opinion;
    sign.answeredAt = workflowNowIso();
    const remaining = waitingFor(state).length;
    run.record('sign-answered', actor.personId, { opinion, remaining });
    run.emit('sign-answered', { actorId: actor.personId, roles: ['assignee'], detail: { remaining } });
    return state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(answerSignRequest, req);
      run.rejectUnlessOpen();
      if (!pendingOf(state, actor.personId)) run.forbid('your opinion is not asked on this task, or you have given it');
    },
  });

  setHandler(removeSignerUpdate, (req) => {
    const { actor, personId, reason } = removeSignerRequest(req);
    const sign = pendingOf(state, personId) as SignRecord;
    sign.status = 'removed';
    sign.removedBy = actor.personId;
    run.record('signer-removed', actor.personId, { personId, ...(reason ? { reason } : {}) });
    run.emit('signer-removed', { actorId: actor.personId, people: [personId], detail: { personId } });
    return state;
  }, {
    validator: (req) => {
      const { actor, personId } = run.rejectInvalid(removeSignerRequest, req);
      run.rejectUnlessOpen();
      mayAsk(actor);
      if (!pendingOf(state, personId)) throw new ApplicationFailure(`${personId} is not waited for: only someone who has not answered is taken off`, 'Conflict', true);
      if ((state.signers ?? []).filter((s) => s.status !== 'removed').length <= 1) {
        throw new ApplicationFailure('the last person asked cannot be taken off', 'Conflict', true);
      }
    },
  });
}
