/**
 * The authorisation table (contracts/access.ts) applied to a kind and to a task: the one place
 * every route asks who may start, read, list, act on and report over what. Each answer is true
 * or the reason a 403 gives.
 */
import { allows, grantsFor, listReach, mayEver, overseers, type AccessAction, type Grant, type Scope } from '../contracts/access';
import type { Actor, Directory } from '../contracts/directory';
import type { TaskState } from '../contracts/task';
import type { ProcessDefinition, ReportDefinition } from '../processes/definition';

const kindOverseers = (d: ProcessDefinition): Grant[] => (d.access.overseenBy ?? []).map((role) => ({ role, reach: 'any' }));

/** The grants of an action on a kind: the engine's rows, with the kind's own added. */
export function kindGrants(d: ProcessDefinition, action: Exclude<AccessAction, 'task.read' | 'report' | 'board' | 'sessions.end'>): Grant[] {
  return grantsFor(action, action === 'start' ? d.access.start : kindOverseers(d));
}

/** Whether the actor may start this kind at all, before any body is read. */
export function mayStartKind(actor: Actor, d: ProcessDefinition): true | string {
  return mayEver(actor, kindGrants(d, 'start')) || d.access.whoStarts;
}

/** Whether the actor may start this one: the scope its start is checked against. */
export function mayStart(actor: Actor, d: ProcessDefinition, input: unknown, directory: Directory): true | string {
  return allows(actor, kindGrants(d, 'start'), d.access.startScope(input, directory)) || d.access.whoStarts;
}

/** Who may read a process: the table's `read` row over its scope; and whoever holds a copy (抄送) of one of its tasks. */
export function mayRead(actor: Actor, d: ProcessDefinition, state: unknown, copied = false): true | string {
  return allows(actor, kindGrants(d, 'read'), d.access.scope(state)) || copied || `this ${d.kind} concerns none of your departments`;
}

/** Whether the actor may read a process whose scope the record keeps (one Temporal no longer holds). */
export function mayReadScope(actor: Actor, d: ProcessDefinition, scope: Scope): true | string {
  return allows(actor, kindGrants(d, 'read'), scope) || `this ${d.kind} concerns none of your departments`;
}

export function mayAct(actor: Actor, d: ProcessDefinition, state: unknown): true | string {
  return allows(actor, kindGrants(d, 'act'), d.access.scope(state)) || `this ${d.kind} concerns none of your departments`;
}

/** Whether the actor may issue a supervision instruction (督办) on this process. */
export function mayInstruct(actor: Actor, d: ProcessDefinition, state: unknown): true | string {
  return allows(actor, kindGrants(d, 'instruct'), d.access.scope(state))
    || `a supervision instruction (督办) on a ${d.kind} is issued by ${[...new Set(kindGrants(d, 'instruct').map((g) => g.role))].join(', ')}`;
}

/**
 * What the board shows the actor: the whole district, or the processes of their departments and
 * those that name them; a leader is named, too, on the departments assigned to them (挂点).
 */
export function boardScope(actor: Actor, directory: Directory): 'all' | { departments: string[]; people: string[] } {
  const reach = listReach(actor, grantsFor('board'));
  if (reach === 'all') return reach;
  const assigned = actor.roles.includes('leader')
    ? directory.departments.filter((d) => d.assignedLeaderId === actor.personId).map((d) => d.id)
    : [];
  return { departments: [...new Set([...reach.departments, ...assigned])], people: reach.people };
}

/** What a list shows the actor, whatever else it filters. */
export function listScope(actor: Actor, d: ProcessDefinition) {
  return listReach(actor, kindGrants(d, 'list'));
}

export function mayReport(actor: Actor, report: ReportDefinition): true | string {
  const grants = grantsFor('report', report.roles.map((role) => ({ role, reach: 'any' })));
  return mayEver(actor, grants) || `the ${report.name} report is open to ${[...new Set(grants.map((g) => g.role))].join(', ')}`;
}

/**
 * Who may look at a task: whoever may act on it, those who oversee, the process's initiator (who
 * may chase it, 催办) and those asked for their opinion (前加签). Whoever holds a copy of it (抄送)
 * may read it too: a copy is a workflow of its own, which the task service asks after this.
 */
export function mayReadTask(actor: Actor, task: Pick<TaskState, 'departmentId' | 'assigneeId' | 'initiatorId' | 'signers'>): true | string {
  const asked = (task.signers ?? []).filter((s) => s.status !== 'removed').map((s) => s.personId);
  const people = [task.assigneeId, task.initiatorId, ...asked].filter((p): p is string => p !== undefined);
  const scope = { departments: task.departmentId ? [task.departmentId] : [], people };
  return allows(actor, grantsFor('task.read'), scope) || 'this task belongs to another department';
}

/** Who may look at a supervision instruction (督办): the leader who issued it, its department and who answers it, and those who oversee. */
export function mayReadInstruction(actor: Actor, scope: Scope): boolean {
  return allows(actor, grantsFor('task.read'), scope);
}

/** Whether the actor may end this person's sessions: an admin anyone's, each person their own. */
export function mayEndSessions(actor: Actor, personId: string): true | string {
  return allows(actor, grantsFor('sessions.end'), { departments: [], people: [personId] }) || "only an admin ends another person's sessions";
}

/** Whether the actor keeps the directory: reads its versions and history, applies a new one. */
export function mayKeepDirectory(actor: Actor): true | string {
  return mayEver(actor, grantsFor('directory')) || 'the directory is kept by the administrators (admin)';
}

/** Whether the actor may hand a person's open tasks to another (离职交接). */
export function mayHandOverPeople(actor: Actor): true | string {
  return mayEver(actor, grantsFor('person.handover')) || '离职交接由系统管理员（admin）办理';
}

/** Whether the actor may name, read or clear this person's agent (代理): their own, or an admin anyone's. */
export function mayKeepAgent(actor: Actor, personId: string): true | string {
  return allows(actor, grantsFor('person.agent'), { departments: [], people: [personId] }) || '只有本人或系统管理员（admin）可以设置代理人';
}

export { overseers };
