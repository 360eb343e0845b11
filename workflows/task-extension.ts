/**
 * Extending a human task's deadline (延期): the checks on a request and a decision, and the
 * ladder an extension gives. Zod-free like task-requests.ts, so a task stays light.
 *
 * Why only working-day rungs move: an extension is granted in working days, the unit the
 * district's time limits are counted in; a ladder in elapsed time (short test SLAs) or calendar
 * months has no working day to add, and a task with such a deadline refuses extensions.
 */
import type { Actor } from '../contracts/directory';
import type { Ladder, Offset } from '../contracts/ladder';
import type { DecideExtension, RequestExtension } from '../contracts/task';
import { InvalidRequest, actorOf } from './task-requests';

export function extensionRequest(req: unknown): RequestExtension {
  const actor = actorOf(req);
  const { workingDays, reason } = req as RequestExtension;
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new InvalidRequest('workingDays: a whole number of working days, at least 1');
  if (typeof reason !== 'string' || reason.trim() === '') throw new InvalidRequest('reason: say why more time is needed');
  return { actor, workingDays, reason: reason.trim() };
}

export function extensionDecision(req: unknown): DecideExtension {
  const actor = actorOf(req);
  const { approve, reason } = req as DecideExtension;
  if (typeof approve !== 'boolean') throw new InvalidRequest('approve: true or false');
  if (reason !== undefined && typeof reason !== 'string') throw new InvalidRequest('reason: text');
  return { actor, approve, reason: reason?.trim() || undefined };
}

/** Someone of the task's department with an approver role, or an admin. */
export function mayDecideExtension(actor: Actor, departmentId: string | undefined, approverRoles: readonly string[]): boolean {
  if (actor.roles.includes('admin')) return true;
  return departmentId !== undefined && actor.departments.includes(departmentId) && actor.roles.some((r) => approverRoles.includes(r));
}

/** An offset moved by the working days granted; other units stay where they are. */
export function extended(offset: Offset, grantedWorkingDays: number): Offset {
  return grantedWorkingDays > 0 && 'workingDays' in offset ? { workingDays: offset.workingDays + grantedWorkingDays } : offset;
}

/** Whether a ladder's deadline is counted in working days, so that an extension can move it. */
export function extensible(ladder: Ladder): boolean {
  return 'workingDays' in ladder.due;
}
