/** Major projects (重大重点项目): submit, follow, the leaders' board, and the items' actions. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DepartmentId } from '../../contracts/directory';
import { Light } from '../../contracts/ladder';
import { ApprovalItem, ItemState, ProjectCategory, ProjectState, SubmitProject } from '../../contracts/project';
import type { ProjectService } from '../project-service';
import { problemResponses } from './problem';

const ProjectId = z.object({ id: z.string().min(1) });
const ItemPath = z.object({ id: z.string().min(1), key: z.string().min(1) });
const ProjectSummary = z.object({
  id: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
  light: Light.optional(),
  category: z.string().optional(),
  assignedLeaderId: z.string().optional(),
  responsibleDepartmentId: z.string().optional(),
  demonstration: z.boolean().optional(),
});
const note = z.string().trim().max(2000).optional();

export const projectRoutes: FastifyPluginAsyncZod<{ projects: ProjectService }> = async (app, { projects }) => {
  app.post('/api/projects', {
    schema: {
      tags: ['projects'],
      summary: 'Submit a project and its approval plan; the same id again returns the existing project',
      // Validated by the service against the contract, the plan's rules and the directory, so all errors read alike.
      body: z.unknown().describe('SubmitProject').meta({ ...z.toJSONSchema(SubmitProject, { io: 'input' }) }),
      response: { 202: z.object({ id: z.string(), existing: z.boolean() }), ...problemResponses },
    },
  }, async (req, reply) => reply.status(202).send(await projects.submit(req.body, req.auth.actor)));

  app.get('/api/projects', {
    schema: {
      tags: ['projects'],
      summary: "The leaders' board, red first. Without filters a leader sees their own projects, a department those it is responsible for",
      querystring: z.object({
        assignedLeader: z.string().min(1).optional(),
        department: DepartmentId.optional(),
        category: ProjectCategory.optional(),
        light: Light.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: { 200: z.object({ projects: z.array(ProjectSummary) }), ...problemResponses },
    },
  }, async (req) => ({ projects: await projects.list(req.auth.actor, req.query) }));

  app.get('/api/projects/:id', {
    schema: {
      tags: ['projects'],
      summary: 'Every item with its status, light, deadline, holder, tolerance and history; the project light and target',
      params: ProjectId,
      response: { 200: ProjectState, ...problemResponses },
    },
  }, async (req) => projects.get(req.params.id, req.auth.actor));

  app.post('/api/projects/:id/items/:key/materials', {
    schema: {
      tags: ['projects'],
      summary: "Record the materials supplied for a tolerance item (the owning department, on the applicant's behalf)",
      params: ItemPath,
      body: z.object({ materials: z.array(z.string().min(1)).min(1), note }),
      response: { 200: ItemState, ...problemResponses },
    },
  }, async (req) => projects.supplyMaterials(req.params.id, req.params.key, req.auth.actor, req.body));

  app.post('/api/projects/:id/items/:key/resubmit', {
    schema: {
      tags: ['projects'],
      summary: 'Record the corrected application of an item returned for correction (补正); its review resumes',
      params: ItemPath,
      body: z.object({ note }).default({}),
      response: { 200: ItemState, ...problemResponses },
    },
  }, async (req) => projects.resubmit(req.params.id, req.params.key, req.auth.actor, req.body));

  app.post('/api/projects/:id/items/:key/waive', {
    schema: {
      tags: ['projects'],
      summary: 'Waive an item (the assigned leader or an admin); its dependants proceed',
      params: ItemPath,
      body: z.object({ reason: z.string().trim().min(1).max(2000) }),
      response: { 200: ItemState, ...problemResponses },
    },
  }, async (req) => projects.waive(req.params.id, req.params.key, req.auth.actor, req.body));

  app.post('/api/projects/:id/items/:key/department', {
    schema: {
      tags: ['projects'],
      summary: "Move an item to another department (the assigned leader or an admin); a review under way keeps its clock",
      params: ItemPath,
      body: z.object({ toDepartmentId: DepartmentId, reason: z.string().trim().min(1).max(2000) }),
      response: { 200: ItemState, ...problemResponses },
    },
  }, async (req) => projects.changeDepartment(req.params.id, req.params.key, req.auth.actor, req.body));

  app.post('/api/projects/:id/items', {
    schema: {
      tags: ['projects'],
      summary: 'Add an approval item to a running project (the assigned leader or an admin)',
      params: ProjectId,
      body: z.object({ item: ApprovalItem }),
      response: { 200: ItemState, ...problemResponses },
    },
  }, async (req) => projects.addItem(req.params.id, req.auth.actor, req.body.item));
};
