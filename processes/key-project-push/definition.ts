/**
 * A key project's year (重点项目年度推进): the annual chain (年度推进工作链条图) with its nodes, the
 * problem list closed by 滚动销号, the monthly dispatch against 序时进度, what its category and tier
 * ask for. See README.md beside this file. Listed in processes/registry.ts.
 */
import { join } from 'node:path';
import type { Directory } from '../../contracts/directory';
import type { Issue } from '../../contracts/issues';
import { defineAction, defineProcess } from '../definition';
import { keyProjectPushActivities } from './activities';
import { KeyProjectPushState, keyProjectScope, keyProjectTitle, RaiseProblem, ReplanNode, ReportElement, NodeState, ProblemState, ElementState, StartKeyProjectPush, type KeyProjectPushInput } from './contract';
import { forms } from './forms';
import { ladders } from './ladders';
import { presentation } from './presentation';
import { measures } from './report-facts';
import { GlLinkedProcessId } from './search-attributes';
import { keyProjectPush } from './workflow';

function directoryIssues(p: KeyProjectPushInput, directory: Directory): Issue[] {
  const issues: Issue[] = [];
  const department = (path: string, id: string) => {
    if (!directory.departments.some((d) => d.id === id)) issues.push({ path, message: `unknown department ${id}` });
  };
  const person = (path: string, id: string) => {
    if (!directory.people.some((x) => x.id === id)) issues.push({ path, message: `unknown person ${id}` });
  };
  department('responsibleDepartmentId', p.responsibleDepartmentId);
  department('officeDepartmentId', p.officeDepartmentId);
  person('assignedLeaderId', p.assignedLeaderId);
  person('ownerUnit.contactId', p.ownerUnit.contactId);
  if (!directory.people.some((x) => x.departments.includes(p.officeDepartmentId) && x.roles.includes('projectOffice'))) {
    issues.push({ path: 'officeDepartmentId', message: `no one in ${p.officeDepartmentId} holds the projectOffice role (项目督调办)` });
  }
  p.nodes.forEach((n, i) => {
    department(`nodes.${i}.departmentId`, n.departmentId);
    person(`nodes.${i}.personId`, n.personId);
  });
  p.elements.forEach((e, i) => department(`elements.${i}.departmentId`, e.departmentId));
  return issues;
}

export const keyProjectPushDefinition = defineProcess<KeyProjectPushInput, KeyProjectPushState>({
  kind: 'keyProjectPush',
  version: 1,
  title: "Key project's year (重点项目年度推进)",
  summary: "A key project's year: its chain of nodes lit against their dates, its problems closed by the project office (滚动销号), its monthly dispatch against the time-proportional plan (序时进度).",
  workflow: keyProjectPush as (input: KeyProjectPushInput) => Promise<unknown>,
  input: () => StartKeyProjectPush as never,
  checkDirectory: directoryIssues,
  idOf: (p) => p.id,
  titleOf: keyProjectTitle,
  access: {
    // The project office puts a key project on the year's wall chart.
    start: [{ role: 'projectOffice', reach: 'any' }],
    whoStarts: 'only the project office (项目督调办) or an admin may put a key project on the wall chart',
    startScope: (p) => ({ departments: [p.officeDepartmentId, p.responsibleDepartmentId], people: [p.assignedLeaderId] }),
    scope: keyProjectScope,
    overseenBy: ['projectOffice'],
  },
  state: () => KeyProjectPushState,
  tasksOf: (s) => s.openTaskIds,
  forms,
  ladders,
  searchAttributes: [GlLinkedProcessId],
  events: [
    'keyprojectpush.started', 'keyprojectpush.node-done', 'keyprojectpush.replan-requested', 'keyprojectpush.replan-decided',
    'keyprojectpush.problem-raised', 'keyprojectpush.problem-assigned', 'keyprojectpush.problem-assign-refused', 'keyprojectpush.problem-applied',
    'keyprojectpush.problem-closed', 'keyprojectpush.problem-returned', 'keyprojectpush.dispatch-reported', 'keyprojectpush.dispatch-missed',
    'keyprojectpush.dispatch-interview', 'keyprojectpush.visit-done', 'keyprojectpush.element-reported', 'keyprojectpush.policy-service-done',
    'keyprojectpush.light-changed', 'keyprojectpush.closed',
  ],
  presentation,
  measures,
  start: { subject: 'gl.cmd.keyprojectpush.start' },
  demo: join(__dirname, 'demo.commands.json'),
  activities: keyProjectPushActivities,
  // A node naming an approval item is done when the item is approved in the project's approval
  // process: the processes linked to that approval process (GlLinkedProcessId) are signalled.
  subscriptions: [{
    name: 'approval-item-approved',
    subject: 'gl.evt.project.item-approved',
    signal: 'approvalItemApproved',
    match: (data) => (typeof data.projectId === 'string' && /^[A-Za-z0-9._:-]+$/.test(data.projectId) ? `GlLinkedProcessId = '${data.projectId}'` : undefined),
    args: (data, time) => ({ processId: data.projectId, itemKey: data.itemKey, by: data.by, at: time }),
  }],
  actions: [
    defineAction({
      name: 'replanNode',
      summary: "Ask to move a node's planned date (调整计划), with the reason; the project office decides in its task.",
      body: () => ReplanNode.omit({ actor: true }),
      result: () => NodeState,
    }),
    defineAction({
      name: 'raiseProblem',
      summary: 'Raise a problem on the project (问题上报): the project office assigns it a department and a deadline.',
      body: () => RaiseProblem.omit({ actor: true }),
      result: () => ProblemState,
    }),
    defineAction({
      name: 'reportElement',
      summary: 'Report an element of a project under construction secured or short (要素保障); short raises a problem.',
      body: () => ReportElement.omit({ actor: true }),
      result: () => ElementState,
    }),
  ],
});
