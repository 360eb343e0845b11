/**
 * Who may act on a human task. Pure rules, used by the task's update validators; the API
 * resolves the actor from the directory, so these see roles that came from there.
 */
import type { Actor } from '../contracts/directory';

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
