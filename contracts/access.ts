/**
 * The one authorisation table: for each action, which roles may take it and how far their reach
 * goes. Every route and command asks here (api/policy.ts applies it to processes and tasks), so
 * the API, the CLI (which goes through the API), the workbench and the NATS intake answer alike.
 *
 * Terms:
 * - a **scope** is whom a thing concerns: the departments and people an input names (for a start)
 *   or a running process's state names (for a read), as its definition's `access` says;
 * - a **reach** is how much of the district a grant covers: `any` (every process of the kind),
 *   `department` (those whose scope holds one of the person's departments), `named` (those that
 *   name the person themselves: the liaison of a request, the assigned leader of a project).
 *
 * What a person may do *inside* a process (complete a task, supply an item's materials, decide an
 * extension) depends on the process's own state, so the workflow's Update validators decide it
 * (workflows/task-access.ts); the table says who may reach the process at all.
 *
 * Decisions (docs/architecture.md, "Authorisation"):
 * - who may never start a kind is refused (403) before the body is read: a stranger learns
 *   nothing from validation; a body that names someone else is then 400 or 403 in that order;
 * - a list is always scoped as a read would be: a filter narrows, it never widens;
 * - a kind's own overseers (the proposal committee for proposals) read and list every process of
 *   that kind on every path.
 */
import type { Actor, Role } from './directory';

export interface Scope {
  departments: readonly string[];
  people: readonly string[];
}

export type Reach = 'any' | 'department' | 'named';

export interface Grant {
  role: Role;
  reach: Reach;
}

export type AccessAction = 'start' | 'read' | 'list' | 'act' | 'report' | 'task.read' | 'instruct' | 'board' | 'sessions.end' | 'directory' | 'task.chase' | 'person.handover' | 'person.agent';

/** Roles that read every process of every kind: those the district holds to account for all of it. */
export const overseers: readonly Role[] = ['admin', 'topLeader', 'leader'];

const allRoles: readonly Role[] = ['staff', 'departmentHead', 'leader', 'topLeader', 'liaison', 'committeeStaff', 'projectOffice', 'admin'];
const everyone = (reach: Reach): Grant[] => allRoles.map((role) => ({ role, reach }));
const overseeing: Grant[] = overseers.map((role) => ({ role, reach: 'any' }));

/**
 * The engine's table. A kind adds its own starters (`access.start`), overseers
 * (`access.overseenBy`) and report readers (`reports[].roles`); it cannot take a row away.
 */
export const accessTable: Readonly<Record<AccessAction, readonly Grant[]>> = {
  start: [{ role: 'admin', reach: 'any' }],
  read: [...overseeing, ...everyone('department'), ...everyone('named')],
  list: [...overseeing, ...everyone('department'), ...everyone('named')],
  act: [...overseeing, ...everyone('department'), ...everyone('named')],
  report: [{ role: 'admin', reach: 'any' }],
  'task.read': [...overseeing, ...everyone('department'), ...everyone('named')],
  /**
   * Issue a supervision instruction (督办) on a process: the leaders, and a kind's own overseers
   * (the proposal committee supervises proposals). Who answers it and who accepts the answer is
   * the instruction's own (workflows/supervision.ts).
   */
  instruct: overseeing,
  /**
   * The board by light (挂图作战): the top leaders see the whole district; a leader, the processes
   * that name them (their projects) and the departments assigned to them (api/policy.ts adds
   * those from the directory); everyone else, their departments.
   */
  board: [{ role: 'admin', reach: 'any' }, { role: 'topLeader', reach: 'any' }, ...everyone('department'), ...everyone('named')],
  /**
   * Chase the holder of a task (催办): the leaders and admins any task, a department head their
   * department's, the process's initiator (named) their own. The scope of a task's verb is its
   * department and the people it names for that verb (workflows/task-access.ts); the task says
   * how often (once per half working day, workflows/task-chase.ts).
   */
  'task.chase': [...overseeing, { role: 'departmentHead', reach: 'department' }, ...everyone('named')],
  /** End a person's sessions (every token they hold is refused): an admin anyone's, each person their own. */
  'sessions.end': [{ role: 'admin', reach: 'any' }, ...everyone('named')],
  /** Keep the directory (人员名录): read its versions and history, apply a new one. */
  directory: [{ role: 'admin', reach: 'any' }],
  /** Hand every open task of a person who leaves to another person (离职交接, api/handover-service.ts). */
  'person.handover': [{ role: 'admin', reach: 'any' }],
  /** Name, read and clear a person's agent (代理, api/agents.ts): each person their own, an admin anyone's. */
  'person.agent': [{ role: 'admin', reach: 'any' }, ...everyone('named')],
};

/** The grants of an action for a kind: the engine's rows and the kind's own. */
export function grantsFor(action: AccessAction, kindGrants: readonly Grant[] = []): Grant[] {
  return [...accessTable[action], ...kindGrants];
}

function reaches(actor: Actor, grant: Grant, scope: Scope): boolean {
  if (!actor.roles.includes(grant.role)) return false;
  switch (grant.reach) {
    case 'any': return true;
    case 'department': return scope.departments.some((d) => actor.departments.includes(d));
    case 'named': return scope.people.includes(actor.personId);
  }
}

/** Whether any grant lets the actor at something of this scope. */
export function allows(actor: Actor, grants: readonly Grant[], scope: Scope): boolean {
  return grants.some((g) => reaches(actor, g, scope));
}

/** Whether the actor holds a role any grant names, whatever the scope: may they take this action at all? */
export function mayEver(actor: Actor, grants: readonly Grant[]): boolean {
  return grants.some((g) => actor.roles.includes(g.role));
}

/**
 * What a list may show the actor, as a visibility filter: everything, or the processes whose
 * department or named people are theirs. Applied to every list, whatever else it filters.
 */
export function listReach(actor: Actor, grants: readonly Grant[]): 'all' | { departments: string[]; people: string[] } {
  const held = grants.filter((g) => actor.roles.includes(g.role));
  if (held.some((g) => g.reach === 'any')) return 'all';
  return {
    departments: held.some((g) => g.reach === 'department') ? [...actor.departments] : [],
    people: held.some((g) => g.reach === 'named') ? [actor.personId] : [],
  };
}
