/** The directory's versions (人员名录): the current one, its history, and a new one checked (dry run) or applied. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Directory } from '../../contracts/directory';
import type { DirectoryService } from '../directory-service';
import { HttpError } from '../errors';
import { mayKeepDirectory } from '../policy';

const Entries = z.object({
  added: z.array(z.string()), removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), fields: z.array(z.string()) })),
});
const Changes = z.object({ people: Entries, departments: Entries, ladders: z.boolean() });
const VersionInfo = z.object({
  version: z.number().int(), at: z.string(), by: z.string().describe('the person who applied it, or "file" for a version seeded from GREENLIGHT_DIRECTORY'),
  source: z.string().describe('what it was read from'), changes: Changes, seedSha256: z.string().optional(),
});
const Plan = z.object({
  basedOn: z.number().int().describe('the version the plan was made against'),
  changes: Changes,
  orphanedTasks: z.array(z.object({
    taskId: z.string(), title: z.string().optional(), processKind: z.string().optional(), assigneeId: z.string().optional(), departmentId: z.string().optional(),
    reason: z.enum(['holder-removed', 'holder-leaves-department', 'department-removed']),
  })).describe('open tasks the change leaves without a holder: hand each over first (POST /api/tasks/{id}/reassign)'),
  applied: VersionInfo.optional().describe('the version written; absent on a dry run'),
});

export const directoryRoutes: FastifyPluginAsyncZod<{ directory: DirectoryService }> = async (app, { directory }) => {
  const admin = (actor: Parameters<typeof mayKeepDirectory>[0]) => {
    const may = mayKeepDirectory(actor);
    if (may !== true) throw new HttpError(403, may);
  };

  app.get('/api/directory', {
    schema: { tags: ['directory'], summary: 'The directory in use: its current version, whole', response: { 200: VersionInfo.extend({ directory: Directory }) } },
  }, async (request) => {
    admin(request.auth.actor);
    return directory.current();
  });

  app.get('/api/directory/history', {
    schema: { tags: ['directory'], summary: 'The versions kept (the last 64), newest first: who applied each, when, from what, and what it changed', response: { 200: z.object({ versions: z.array(VersionInfo) }) } },
  }, async (request) => {
    admin(request.auth.actor);
    return { versions: await directory.history() };
  });

  app.post('/api/directory', {
    schema: {
      tags: ['directory'],
      summary: 'Check a new directory against the current one and, unless a dry run, apply it as the next version: every process uses it at once',
      body: z.object({
        directory: Directory,
        source: z.string().trim().min(1).max(200).describe('what it was read from, e.g. the spreadsheet\'s file name'),
        dryRun: z.boolean().default(false),
        basedOn: z.number().int().min(0).optional().describe('the version it was made from: 409 if another was applied since'),
      }),
      response: { 200: Plan },
    },
  }, async (request) => {
    admin(request.auth.actor);
    const { directory: candidate, source, dryRun, basedOn } = request.body;
    return directory.plan(candidate, { by: request.auth.actor.personId, source, dryRun, basedOn });
  });
};
