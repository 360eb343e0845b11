/**
 * Handing a task to a colleague: 委派 (delegate) — they act on it and it comes back to the
 * holder, who completes it — and 转交 (transfer) — it is theirs now. The head's 改派 stays as it
 * is (task-reassign.ts).
 *
 * Rules:
 * - Only the holder of a claimed task delegates or transfers it, to someone else; never while a
 *   delegation of it is open.
 * - 委派: the colleague holds the task (their inbox shows it) and answers with what they did
 *   (`returnDelegation`); the task goes back to the holder, with that opinion on its record. The
 *   colleague cannot complete it, nor can the holder while it is out.
 * - 转交: the colleague holds the task as if they had claimed it.
 * - The colleague is told (`assignee`); the holder is told when a delegation comes back.
 */
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { Delegation, HandOver, ReturnDelegation, TaskState } from '../contracts/task';
import { workflowNowIso } from './clock';
import { handOverRequest, returnDelegationRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const delegateTaskUpdate = defineUpdate<TaskState, [HandOver]>('delegate');
export const returnDelegationUpdate = defineUpdate<TaskState, [ReturnDelegation]>('returnDelegation');
export const transferTaskUpdate = defineUpdate<TaskState, [HandOver]>('transfer');

/** The delegation (委派) of the task still out, if any. */
export function openDelegation(state: Pick<TaskState, 'delegations'>): Delegation | undefined {
  const last = state.delegations?.[state.delegations.length - 1];
  return last && !last.returnedAt ? last : undefined;
}

export function handleHandOver(run: TaskRun): void {
  const { state } = run;
  const mayHandOver = (verb: 'delegate' | 'transfer', actorId: string, toPersonId: string) => {
    run.rejectForbiddenVerb(verb);
    if (state.status !== 'claimed' || state.assigneeId !== actorId) run.forbid('only the holder of a claimed task hands it to a colleague');
    const out = openDelegation(state);
    if (out) throw new ApplicationFailure(`the task is delegated to ${out.to}: wait until it comes back`, 'Conflict', true);
    if (state.pendingDecision) throw new ApplicationFailure('your decision awaits approval (后加签): hand the task on once it is back or done', 'Conflict', true);
    if (toPersonId === actorId) throw new ApplicationFailure('hand the task to someone else', 'InvalidRequest', true);
  };

  setHandler(delegateTaskUpdate, (req) => {
    const { actor, toPersonId, reason } = handOverRequest(req);
    (state.delegations ??= []).push({ from: actor.personId, to: toPersonId, at: workflowNowIso(), ...(reason ? { reason } : {}) });
    state.assigneeId = toPersonId;
    run.record('delegated', actor, { to: toPersonId, ...(reason ? { reason } : {}) });
    run.indexForSearch();
    run.emit('delegated', { actorId: actor.personId, roles: ['assignee'], detail: { from: actor.personId, to: toPersonId } });
    return state;
  }, {
    validator: (req) => {
      const { actor, toPersonId } = run.rejectInvalid(handOverRequest, req);
      run.rejectUnlessOpen();
      mayHandOver('delegate', actor.personId, toPersonId);
    },
  });

  setHandler(returnDelegationUpdate, (req) => {
    const { actor, opinion } = returnDelegationRequest(req);
    const out = openDelegation(state) as Delegation;
    out.opinion = opinion;
    out.returnedAt = workflowNowIso();
    state.assigneeId = out.from;
    run.record('delegation-returned', actor, { to: out.from, opinion });
    run.indexForSearch();
    run.emit('delegation-returned', { actorId: actor.personId, roles: ['assignee'], detail: { from: actor.personId, to: out.from } });
    return state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(returnDelegationRequest, req);
      run.rejectUnlessOpen();
      const out = openDelegation(state);
      if (!out || out.to !== actor.personId) run.forbid('this task is not delegated to you');
    },
  });

  setHandler(transferTaskUpdate, (req) => {
    const { actor, toPersonId, reason } = handOverRequest(req);
    state.assigneeId = toPersonId;
    run.record('transferred', actor, { to: toPersonId, ...(reason ? { reason } : {}) });
    run.indexForSearch();
    run.emit('transferred', { actorId: actor.personId, roles: ['assignee'], detail: { from: actor.personId, to: toPersonId } });
    return state;
  }, {
    validator: (req) => {
      const { actor, toPersonId } = run.rejectInvalid(handOverRequest, req);
      run.rejectUnlessOpen();
      mayHandOver('transfer', actor.personId, toPersonId);
    },
  });
}
