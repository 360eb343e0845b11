/**
 * Major projects (重大重点项目): parallel approvals with tolerance items, the leaders' board.
 * See README.md beside this file.
 */
import { join } from 'node:path';
import { departmentsWith } from '../../contracts/directory';
import { GlDemonstration, GlProvisional } from '../../contracts/search-attributes';
import { presentation } from './presentation';
import { defineAction, defineProcess } from '../definition';
import { AddItem, ChangeItemDepartment, ItemState, ProjectState, projectScope, Resubmit, SubmitProject, SupplyMaterials, WaiveItem } from './contract';
import { departmentIssues, projectDirectoryIssues } from './directory-check';
import { forms } from './forms';
import { reviewLadder, supplementCheckLadder } from './ladders';
import { projectApproval } from './workflow';

/** The duty (Department.duties) of the major-projects office: its staff and head submit projects. */
export const MAJOR_PROJECTS = 'majorProjects';

export const projectApprovalDefinition = defineProcess<SubmitProject, ProjectState>({
  kind: 'projectApproval',
  version: 1,
  title: 'Major project approvals (重大重点项目并联审批)',
  summary: "A project's approval items reviewed in parallel by their departments, with tolerance items, corrections and the project light.",
  workflow: projectApproval,
  input: () => SubmitProject,
  checkDirectory: projectDirectoryIssues,
  idOf: (project) => project.id,
  titleOf: (project) => project.name,
  access: {
    // The assigned leader (挂点领导) submits the project, or the district's major-projects office
    // (重点项目办, the departments the directory gives the duty): a department the body names as
    // responsible would let any department put review tasks and escalations on every other.
    start: [{ role: 'leader', reach: 'named' }, { role: 'departmentHead', reach: 'department' }, { role: 'staff', reach: 'department' }],
    whoStarts: "only an admin, the assigned leader or the major-projects office (the directory's majorProjects departments) may submit a project",
    startScope: (project, directory) => ({ departments: departmentsWith(directory, MAJOR_PROJECTS), people: [project.assignedLeaderId] }),
    scope: projectScope,
  },
  state: () => ProjectState,
  tasksOf: (state) => state.items.flatMap((i) => (i.taskId ? [i.taskId] : [])),
  forms,
  // The review ladder follows each item's time limit; shown here for an item of 20 working days.
  ladders: { review: reviewLadder(20), supplementCheck: supplementCheckLadder },
  searchAttributes: [GlDemonstration, GlProvisional],
  events: [
    'project.submitted', 'project.item-started', 'project.item-approved', 'project.item-rejected', 'project.item-returned',
    'project.item-resubmitted', 'project.item-tolerance-refused', 'project.item-tolerated', 'project.item-suspended',
    'project.item-withdrawn', 'project.item-supplement-insufficient', 'project.item-waived', 'project.item-added',
    'project.item-reassigned', 'project.deadlines-recomputed', 'project.light-changed', 'project.approved',
    'project.item-sent-back', 'project.item-reopened', 'project.item-review-cancelled',
  ],
  presentation,
  start: { subject: 'gl.cmd.project.submit' },
  demo: join(__dirname, 'demo.commands.json'),
  actions: [
    defineAction({
      name: 'supplyMaterials',
      summary: "Record the materials supplied for a tolerance item (the owning department, on the applicant's behalf).",
      body: () => SupplyMaterials.omit({ actor: true }),
      result: () => ItemState,
      command: { subject: 'gl.cmd.item.supply-materials', idField: 'projectId' },
    }),
    defineAction({
      name: 'resubmit',
      summary: 'Record the corrected application of an item returned for correction (补正); its review resumes.',
      body: () => Resubmit.omit({ actor: true }),
      result: () => ItemState,
      command: { subject: 'gl.cmd.item.resubmit', idField: 'projectId' },
    }),
    defineAction({
      name: 'waiveItem',
      summary: 'Waive an item (the assigned leader or an admin); its dependants proceed.',
      body: () => WaiveItem.omit({ actor: true }),
      result: () => ItemState,
    }),
    defineAction({
      name: 'addItem',
      summary: 'Add an approval item to a running project (the assigned leader or an admin).',
      body: () => AddItem.omit({ actor: true }),
      result: () => ItemState,
      checkDirectory: (body, directory) => departmentIssues('item.departmentId', body.item.departmentId, directory),
    }),
    defineAction({
      name: 'changeItemDepartment',
      summary: 'Move an item to another department (the assigned leader or an admin); a review under way keeps its clock.',
      body: () => ChangeItemDepartment.omit({ actor: true }),
      result: () => ItemState,
      checkDirectory: (body, directory) => departmentIssues('toDepartmentId', body.toDepartmentId, directory),
    }),
  ],
});
