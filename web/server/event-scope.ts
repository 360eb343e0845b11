/**
 * Which events of `gl.evt.>` a person's page hears of. A page is told only which task or
 * process changed (never the event's data), and reads it again through the API, which
 * authorises as ever; still, a clerk hears only of their own tasks and their departments', and
 * an agent (代理) of those of the people they stand in for now.
 */
import type { Actor } from '../../contracts/directory';
import { overseers } from '../../contracts/access';
import { mayReadTask } from '../../api/policy';

export interface Change {
  /** `task.created`, `project.light-changed`, … */
  type: string;
  taskId?: string;
  processKind?: string;
  processId?: string;
  light?: string;
}

// The same table as every read (contracts/access.ts).
const overseer = (actor: Actor) => actor.roles.some((r) => overseers.includes(r));

export function eventScope(actor: Actor, standingInFor: () => Actor[] = () => []): (subject: string, data: Uint8Array) => Change | undefined {
  const decoder = new TextDecoder();
  return (subject, data) => {
    let event: { data?: Record<string, unknown>; subject?: string };
    try {
      event = JSON.parse(decoder.decode(data));
    } catch {
      return undefined;
    }
    const d = event.data ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const type = subject.replace(/^gl\.evt\./, '');
    const change: Change = {
      type,
      taskId: str(d.taskId),
      processKind: str(d.processKind),
      processId: str(d.processId) ?? str(event.subject),
      light: str(d.light),
    };
    if (overseer(actor)) return change;
    if (type.startsWith('task.')) {
      const task = { departmentId: str(d.departmentId), assigneeId: str(d.assigneeId) };
      if (mayReadTask(actor, task) === true) return change;
      // As their inbox reaches it: assigned to the person stood in for, or of their department (not all a leader oversees).
      const reaches = (p: Actor) => task.assigneeId === p.personId || (task.departmentId !== undefined && p.departments.includes(task.departmentId));
      return task.departmentId || task.assigneeId ? (standingInFor().some(reaches) ? change : undefined) : undefined;
    }
    const department = str(d.departmentId);
    return department !== undefined && actor.departments.includes(department) ? change : undefined;
  };
}
