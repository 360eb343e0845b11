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
 *
 * 后加签 (sign after): whoever may complete the task decides (an outcome and its form, checked as a
 * completion is) and names people who must approve the decision before the process moves on:
 * - the decision waits on the task (`pendingDecision`); those named are told and answer, in any
 *   order, agreeing or not, with their opinion (`answerSign` with `agree`);
 * - once each has agreed, the task completes with the holder's decision (the completion is
 *   the holder's, `signedAfter` naming who approved it);
 * - one who disagrees sends the decision back: the others still waited for are taken off, the
 *   holder is told and decides again (another outcome, or the same put to others);
 * - 减签 takes off someone named who has not answered, never the last of the decision.
 */
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { Actor } from '../contracts/directory';
import type { AddSigners, AnswerSign, RemoveSigner, SignAfter, SignRecord, TaskState } from '../contracts/task';
import { workflowNowIso } from './clock';
import { mayComplete, waitingFor } from './task-access';
import { checkDecision, checkedPayload, completeWith } from './task-completion';
import { addSignersRequest, answerSignRequest, removeSignerRequest, signAfterRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const addSignersUpdate = defineUpdate<TaskState, [AddSigners]>('addSigners');
export const answerSignUpdate = defineUpdate<TaskState, [AnswerSign]>('answerSign');
export const removeSignerUpdate = defineUpdate<TaskState, [RemoveSigner]>('removeSigner');
export const signAfterUpdate = defineUpdate<TaskState, [SignAfter]>('signAfter');

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
    run.record('signers-added', actor, { personIds, ...(note ? { note } : {}) });
    run.emit('signers-added', { actorId: actor.personId, people: personIds, detail: { personIds } });
    return state;
  }, {
    validator: (req) => {
      const { actor, personIds } = run.rejectInvalid(addSignersRequest, req);
      run.rejectUnlessOpen();
      run.rejectForbiddenVerb('addSigners');
      mayAsk(actor);
      if (state.pendingDecision) throw new ApplicationFailure('your decision awaits approval (后加签): ask for opinions once it is back or done', 'Conflict', true);
      const invalid = personIds.filter((p) => p === actor.personId || p === state.assigneeId);
      if (invalid.length > 0) throw new ApplicationFailure('you hold this task: ask someone else for an opinion', 'InvalidRequest', true);
      const waited = personIds.filter((p) => pendingOf(state, p));
      if (waited.length > 0) throw new ApplicationFailure(`already waiting for the opinion of ${waited.join(', ')}`, 'Conflict', true);
    },
  });

  setHandler(answerSignUpdate, (req) => {
    const { actor, opinion, agree } = answerSignRequest(req);
    const sign = pendingOf(state, actor.personId) as SignRecord;
    sign.status = 'answered';
    sign.opinion = opinion;
    sign.answeredAt = workflowNowIso();
    if (sign.phase !== 'after') {
      const remaining = waitingFor(state).length;
      run.record('sign-answered', actor, { opinion, remaining });
      run.emit('sign-answered', { actorId: actor.personId, roles: ['assignee'], detail: { remaining } });
      return state;
    }
    sign.agree = agree;
    const decision = state.pendingDecision as NonNullable<TaskState['pendingDecision']>;
    if (!agree) {
      for (const other of (state.signers ?? []).filter((s) => s.status === 'pending')) {
        other.status = 'removed';
        other.removedBy = actor.personId;
      }
      state.pendingDecision = undefined;
    }
    const remaining = waitingFor(state).length;
    run.record('sign-answered', actor, { opinion, agree, remaining });
    run.emit('sign-answered', { actorId: actor.personId, roles: ['assignee'], detail: { remaining, agree, phase: 'after' } });
    if (agree && remaining === 0) {
      state.pendingDecision = undefined;
      const signedAfter = (state.signers ?? []).filter((s) => s.phase === 'after' && s.agree && s.answeredAt && s.answeredAt >= decision.at).map((s) => s.personId);
      completeWith(run, { ...decision, at: workflowNowIso() }, { signedAfter });
    }
    return state;
  }, {
    validator: (req) => {
      const { actor, agree } = run.rejectInvalid(answerSignRequest, req);
      run.rejectUnlessOpen();
      const sign = pendingOf(state, actor.personId);
      if (!sign) run.forbid('your opinion is not asked on this task, or you have given it');
      if (sign.phase === 'after' && agree === undefined) {
        throw new ApplicationFailure('agree: say whether you approve the decision (后加签)', 'InvalidRequest', true);
      }
    },
  });

  setHandler(signAfterUpdate, (req) => {
    const { actor, outcome, payload, personIds, note } = signAfterRequest(req);
    const at = workflowNowIso();
    state.pendingDecision = { outcome, payload: checkedPayload(run, outcome, payload), actorId: actor.personId, at };
    for (const personId of personIds) {
      (state.signers ??= []).push({ personId, addedBy: actor.personId, addedAt: at, status: 'pending', phase: 'after', ...(note ? { note } : {}) });
    }
    run.record('signers-added', actor, { personIds, phase: 'after', outcome, ...(note ? { note } : {}) });
    run.emit('signers-added', { actorId: actor.personId, people: personIds, detail: { personIds, phase: 'after', outcome } });
    return state;
  }, {
    validator: (req) => {
      const { actor, outcome, payload, personIds } = run.rejectInvalid(signAfterRequest, req);
      run.rejectForbiddenVerb('signAfter');
      checkDecision(run, actor, outcome, payload);
      if (personIds.some((p) => p === actor.personId || p === state.assigneeId)) {
        throw new ApplicationFailure('you hold this task: name someone else to approve your decision', 'InvalidRequest', true);
      }
    },
  });

  setHandler(removeSignerUpdate, (req) => {
    const { actor, personId, reason } = removeSignerRequest(req);
    const sign = pendingOf(state, personId) as SignRecord;
    sign.status = 'removed';
    sign.removedBy = actor.personId;
    run.record('signer-removed', actor, { personId, ...(reason ? { reason } : {}) });
    run.emit('signer-removed', { actorId: actor.personId, people: [personId], detail: { personId } });
    return state;
  }, {
    validator: (req) => {
      const { actor, personId } = run.rejectInvalid(removeSignerRequest, req);
      run.rejectUnlessOpen();
      mayAsk(actor);
      if (!pendingOf(state, personId)) throw new ApplicationFailure(`${personId} is not waited for: only someone who has not answered is taken off`, 'Conflict', true);
      const sign = pendingOf(state, personId) as SignRecord;
      // The last of its kind: of the opinions asked before, or of those asked to approve this decision.
      const decidedAt = state.pendingDecision?.at ?? '';
      const alike = (state.signers ?? []).filter((s) => s.status !== 'removed' && s.phase === sign.phase && (s.phase !== 'after' || s.addedAt >= decidedAt));
      if (alike.length <= 1) {
        throw new ApplicationFailure('the last person asked cannot be taken off', 'Conflict', true);
      }
    },
  });
}
