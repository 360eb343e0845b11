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

/** The verbs a person may use on a task now, as the task page offers them. */
export type TaskVerb = 'claim' | 'release' | 'complete' | 'reassign' | 'chase' | 'copy' | 'markRead' | 'addSigners' | 'answerSign' | 'removeSigner'
  | 'delegate' | 'transfer' | 'returnDelegation';

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
    verbs.push(...(waiting.length === 0 ? ['complete' as const] : []), 'copy', 'addSigners');
    if (waiting.length > 0 && asked.length > 1) verbs.push('removeSigner');
  }
  if (waiting.some((s) => s.personId === actor.personId)) verbs.push('answerSign');
  const delegated = state.delegations?.[state.delegations.length - 1];
  const out = delegated && !delegated.returnedAt ? delegated : undefined;
  if (out) {
    const at = verbs.indexOf('complete');
    if (at >= 0) verbs.splice(at, 1);
    if (out.to === actor.personId) verbs.push('returnDelegation');
  } else if (claimed && state.assigneeId === actor.personId) verbs.push('delegate', 'transfer');
  if (canReassign(actor, task)) verbs.push('reassign');
  let chaseAgainAt: string | undefined;
  if (!mayChase(actor, { ...task, initiatorId: state.initiatorId })) {
    const last = lastChaseBy(state, actor.personId);
    if (last && Date.parse(last.nextAllowedAt) > nowMs) chaseAgainAt = last.nextAllowedAt;
    else verbs.push('chase');
  }
  return { verbs, ...(chaseAgainAt ? { chaseAgainAt } : {}) };
}

/** The latest chase (催办) by this person, if any: its `nextAllowedAt` ends their quiet period. */
export function lastChaseBy(state: Pick<TaskState, 'chases'>, personId: string): ChaseRecord | undefined {
  return [...(state.chases ?? [])].reverse().find((c) => c.personId === personId);
}
