/**
 * Who may act on a human task. Pure rules, used by the task's update validators; the API
 * resolves the actor from the directory, so these see roles that came from there.
 */
import { allows, grantsFor } from '../contracts/access';
import type { Actor } from '../contracts/directory';
import type { ChaseRecord, TaskState } from '../contracts/task';

export interface TaskHolder {
  departmentId?: string;
  assigneeId?: string;
  candidateRoles: string[];
}

function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

/** A department head of the task's department, or an admin. */
export function canReassign(actor: Actor, task: TaskHolder): boolean {
  if (isAdmin(actor)) return true;
  return task.departmentId !== undefined
    && actor.roles.includes('departmentHead')
    && actor.departments.includes(task.departmentId);
}

/** Someone the task is offered to: its assignee, or a candidate of its department. */
export function isCandidate(actor: Actor, task: TaskHolder): boolean {
  if (task.assigneeId === actor.personId) return true;
  return task.departmentId !== undefined
    && actor.departments.includes(task.departmentId)
    && actor.roles.some((r) => task.candidateRoles.includes(r));
}

/**
 * Who may complete: the holder of a claimed task; anyone offered an unclaimed one; the
 * department head or an admin always (they answer for the department's work).
 */
export function mayComplete(actor: Actor, task: TaskHolder, claimed: boolean): string | undefined {
  if (canReassign(actor, task)) return undefined;
  if (claimed) {
    return task.assigneeId === actor.personId ? undefined : `task is claimed by ${task.assigneeId}; ask them or the department head`;
  }
  return isCandidate(actor, task) ? undefined : 'you are not offered this task: it belongs to another person or department';
}

/**
 * Who may chase the holder (催办), by the authorisation table's `task.chase` row: leaders and
 * admins, the task's department head, the process's initiator; never the holder themselves.
 */
export function mayChase(actor: Actor, task: TaskHolder & { initiatorId?: string }): string | undefined {
  if (task.assigneeId === actor.personId) return 'you hold this task: there is no one to chase';
  const scope = { departments: task.departmentId ? [task.departmentId] : [], people: task.initiatorId ? [task.initiatorId] : [] };
  return allows(actor, grantsFor('task.chase'), scope)
    ? undefined
    : 'a chase (催办) is sent by the initiator, the department head or a leader';
}

/** What was done to a task without touching it (撤回, task-withdraw.ts): a chase, a leader's acknowledgement. */
const doneToIt = ['chased', 'acknowledged'];

/** The first thing someone did on the task, if anything: a task is withdrawn only while there is none. */
export function firstTouch(state: Pick<TaskState, 'history'>): { type: string; actorId: string } | undefined {
  const touch = state.history.find((h) => h.actorId !== undefined && !doneToIt.includes(h.type));
  return touch ? { type: touch.type, actorId: touch.actorId as string } : undefined;
}

/** Why this person may not withdraw the step before this task now, or nothing when they may. */
export function mayWithdraw(personId: string, state: TaskState, fromTaskId?: string): { type: 'Forbidden' | 'Conflict'; message: string } | undefined {
  const previous = state.previousStep;
  if (!previous || (fromTaskId !== undefined && previous.taskId !== fromTaskId)) {
    return { type: 'Forbidden', message: 'this step cannot be taken back (撤回) here: the process does not allow it' };
  }
  if (state.forbiddenVerbs?.includes('withdraw')) return { type: 'Forbidden', message: '撤回 (withdraw) is not allowed here: its kind of process forbids it' };
  if (previous.completedBy !== personId) return { type: 'Forbidden', message: `only ${previous.completedBy}, who completed the step before, may take it back` };
  if (state.status !== 'open' && state.status !== 'claimed') return { type: 'Conflict', message: `the next step is ${state.status} already` };
  const touch = firstTouch(state);
  if (touch) return { type: 'Conflict', message: `too late to take it back: the next step has been acted on (${touch.type} by ${touch.actorId})` };
  return undefined;
}

/** Why a handover (离职交接) cannot move the task from this person. */
export type HandoverConflict = 'closed' | 'not-held' | 'delegated';

/**
 * Why a handover (离职交接) may not move this task from the person who leaves now, or nothing when
 * it may: it is open and theirs, and not out with them on a 委派 (whose return only they make).
 * The 改派's validator (`ifHeldBy`) and the handover's dry run ask the same.
 */
export function handoverConflict(state: Pick<TaskState, 'status' | 'assigneeId' | 'delegations'>, personId: string): { code: HandoverConflict; message: string } | undefined {
  if (state.status !== 'open' && state.status !== 'claimed') return { code: 'closed', message: `the task is ${state.status}` };
  if (state.assigneeId !== personId) return { code: 'not-held', message: `the task is no longer held by ${personId}` };
  const out = state.delegations?.[state.delegations.length - 1];
  if (out && !out.returnedAt) return { code: 'delegated', message: `the task is out with ${out.to} on a delegation (委派) from ${out.from}: ${out.to} returns it (办毕交回) first` };
  return undefined;
}

/**
 * Why this person may not return the process from this task to `toStep` (退回) now, or nothing when
 * they may: the step is one the kind offers on this task (done before it), and they may complete
 * the task — not while it is delegated out (委派) or its decision awaits approval (后加签).
 */
export function mayReturn(actor: Actor, state: TaskState, toStep?: string): { type: 'Forbidden' | 'Conflict'; message: string } | undefined {
  const targets = state.returnTargets ?? [];
  if (targets.length === 0 || (toStep !== undefined && !targets.some((t) => t.step === toStep))) {
    return { type: 'Forbidden', message: toStep === undefined || targets.length === 0
      ? 'this task cannot be returned (退回) to an earlier step: its process does not allow it here'
      : `"${toStep}" is not a step this task may be returned to; it may be returned to: ${targets.map((t) => t.step).join(', ')}` };
  }
  if (state.status !== 'open' && state.status !== 'claimed') return { type: 'Conflict', message: `the task is ${state.status} already` };
  const refusal = mayComplete(actor, { departmentId: state.departmentId, assigneeId: state.assigneeId, candidateRoles: state.candidateRoles }, state.status === 'claimed');
  if (refusal) return { type: 'Forbidden', message: refusal };
  const delegated = state.delegations?.[state.delegations.length - 1];
  if (delegated && !delegated.returnedAt) return { type: 'Conflict', message: `delegated to ${delegated.to} (委派): return it once it has come back` };
  if (state.pendingDecision) return { type: 'Conflict', message: 'your decision awaits approval (后加签): it cannot be returned meanwhile' };
  return undefined;
}

/** The verbs a person may use on a task now, as the task page offers them. */
export type TaskVerb = 'claim' | 'release' | 'complete' | 'reassign' | 'chase' | 'copy' | 'markRead' | 'addSigners' | 'answerSign' | 'removeSigner'
  | 'delegate' | 'transfer' | 'returnDelegation' | 'signAfter' | 'withdraw' | 'returnTo';

export interface TaskVerbs {
  verbs: TaskVerb[];
  /** The person chased this task in the current half working day: when they may chase it again. */
  chaseAgainAt?: string;
}

/**
 * What this person may do with this task at this instant: the same rules the Updates' validators
 * apply (each verb's file), asked here so that a page offers exactly those.
 */
export function taskVerbs(actor: Actor, state: TaskState, nowMs: number): TaskVerbs {
  if (state.status !== 'open' && state.status !== 'claimed') return { verbs: [] };
  const task: TaskHolder = { departmentId: state.departmentId, assigneeId: state.assigneeId, candidateRoles: state.candidateRoles };
  const claimed = state.status === 'claimed';
  const verbs: TaskVerb[] = [];
  if (!claimed && isCandidate(actor, task)) verbs.push('claim');
  if (claimed && (state.assigneeId === actor.personId || canReassign(actor, task))) verbs.push('release');
  const asked = (state.signers ?? []).filter((s) => s.status !== 'removed');
  const waiting = asked.filter((s) => s.status === 'pending');
  if (!mayComplete(actor, task, claimed)) {
    verbs.push(...(waiting.length === 0 ? ['complete' as const, 'signAfter' as const] : []), 'copy', ...(state.pendingDecision ? [] : ['addSigners' as const]));
    if (waiting.length > 0 && asked.length > 1) verbs.push('removeSigner');
  }
  if (waiting.some((s) => s.personId === actor.personId)) verbs.push('answerSign');
  const delegated = state.delegations?.[state.delegations.length - 1];
  const out = delegated && !delegated.returnedAt ? delegated : undefined;
  if (out) {
    for (const decides of ['complete', 'signAfter'] as const) {
      const at = verbs.indexOf(decides);
      if (at >= 0) verbs.splice(at, 1);
    }
    if (out.to === actor.personId) verbs.push('returnDelegation');
  } else if (claimed && state.assigneeId === actor.personId && !state.pendingDecision) verbs.push('delegate', 'transfer');
  if (canReassign(actor, task)) verbs.push('reassign');
  let chaseAgainAt: string | undefined;
  if (!mayChase(actor, { ...task, initiatorId: state.initiatorId })) {
    const last = lastChaseBy(state, actor.personId);
    if (last && Date.parse(last.nextAllowedAt) > nowMs) chaseAgainAt = last.nextAllowedAt;
    else verbs.push('chase');
  }
  if (!mayWithdraw(actor.personId, state)) verbs.push('withdraw');
  if (!mayReturn(actor, state)) verbs.push('returnTo');
  const forbidden: readonly string[] = state.forbiddenVerbs ?? [];
  return { verbs: verbs.filter((v) => !forbidden.includes(v)), ...(chaseAgainAt ? { chaseAgainAt } : {}) };
}

/** The people asked (前加签, 后加签) whose answer the task still waits for. */
export function waitingFor(state: Pick<TaskState, 'signers'>): string[] {
  return (state.signers ?? []).filter((s) => s.status === 'pending').map((s) => s.personId);
}

/** The latest chase (催办) by this person, if any: its `nextAllowedAt` ends their quiet period. */
export function lastChaseBy(state: Pick<TaskState, 'chases'>, personId: string): ChaseRecord | undefined {
  return [...(state.chases ?? [])].reverse().find((c) => c.personId === personId);
}
