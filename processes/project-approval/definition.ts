/**
 * Major projects (重大重点项目): parallel approvals with tolerance items, the leaders' board.
 * See docs/projects.md.
 */
import { forms } from '../../contracts/forms';
import { ProjectState, SubmitProject } from '../../contracts/project';
import { GlDemonstration, GlProvisional } from '../../contracts/search-attributes';
import { ProjectService } from '../../api/project-service';
import { projectRoutes } from '../../api/routes/projects';
import { resubmitHandler, supplyMaterialsHandler } from '../../intake/project-intake';
import { projectDirectoryIssues } from '../../intake/submit-project';
import { projectApproval, reviewLadder, supplementCheckLadder } from '../../workflows/project-approval';
import { oversees } from '../../api/visibility';
import { defineProcess } from '../definition';

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
  mayStart: (actor, project) => actor.roles.includes('admin') || actor.personId === project.assignedLeaderId
    || actor.departments.includes(project.responsibleDepartmentId)
    || 'only an admin, the assigned leader or the responsible department may submit a project',
  mayRead: (actor, state) => oversees(actor) || actor.departments.includes(state.responsibleDepartmentId)
    || state.items.some((i) => actor.departments.includes(i.departmentId)),
  state: () => ProjectState,
  forms: { approvalReview: forms.approvalReview, supplementCheck: forms.supplementCheck },
  // The review ladder follows each item's time limit; shown here for an item of 20 working days.
  ladders: { review: reviewLadder(20), supplementCheck: supplementCheckLadder },
  searchAttributes: [GlDemonstration, GlProvisional],
  events: [
    'project.submitted', 'project.item-started', 'project.item-approved', 'project.item-rejected', 'project.item-returned',
    'project.item-resubmitted', 'project.item-tolerance-refused', 'project.item-tolerated', 'project.item-suspended',
    'project.item-withdrawn', 'project.item-supplement-insufficient', 'project.item-waived', 'project.item-added',
    'project.item-reassigned', 'project.deadlines-recomputed', 'project.light-changed', 'project.approved',
  ],
  start: { subject: 'gl.cmd.project.submit' },
  commands: (ctx) => [supplyMaterialsHandler(ctx.client), resubmitHandler(ctx.client)],
  routes: async (app, ctx) => app.register(projectRoutes, { projects: new ProjectService(ctx.client, ctx.taskQueue, ctx.directoryPath) }),
});
