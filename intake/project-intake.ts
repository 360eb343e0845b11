/**
 * The applicant's own project commands on NATS, `gl.cmd.item.supply-materials` and
 * `gl.cmd.item.resubmit` (the project's start, `gl.cmd.project.submit`, is the registry's). A command
 * the project refuses (unknown item, not waiting for materials, still missing one) goes to
 * the dead-letter subject with the reason.
 */
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { isNotFound } from '../api/errors';
import { Resubmit, SupplyMaterials } from '../contracts/project';
import { resubmitUpdate, supplyMaterialsUpdate } from '../workflows/project-approval';
import type { CommandHandler } from './command-consumer';
import { contractIssues, type Issue } from './validated';
import { refusal } from './submit-project';

const OnProject = z.object({ projectId: z.string().min(1) });
/** The applicant's commands carry no actor: they come from the applicant's own system. */
const SupplyCommand = OnProject.extend(SupplyMaterials.omit({ actor: true }).shape).strict();
const ResubmitCommand = OnProject.extend(Resubmit.omit({ actor: true }).shape).strict();

/** An Update on a project from a command: the project's refusal, or no such project, is the sender's problem. */
async function onProject(client: Client, projectId: string, send: (handle: WorkflowHandle) => Promise<unknown>): Promise<Issue[]> {
  try {
    await send(client.workflow.getHandle(projectId));
    return [];
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || isNotFound(err)) return [{ path: 'projectId', message: `no project ${projectId}` }];
    const refused = refusal(err);
    if (refused) return [{ path: 'itemKey', message: refused.message }];
    if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
      return [{ path: 'projectId', message: `project ${projectId} is already closed` }];
    }
    throw err;
  }
}


export function supplyMaterialsHandler(client: Client): CommandHandler {
  return {
    subject: 'gl.cmd.item.supply-materials',
    durable: 'intake-item-supply-materials',
    async handle(body) {
      const parsed = SupplyCommand.safeParse(body);
      if (!parsed.success) return { ok: false, issues: contractIssues(parsed.error) };
      const { projectId, ...supply } = parsed.data;
      const issues = await onProject(client, projectId, (h) => h.executeUpdate(supplyMaterialsUpdate, { args: [supply] }));
      return issues.length > 0 ? { ok: false, issues } : { ok: true, detail: { projectId, itemKey: supply.itemKey } };
    },
  };
}

export function resubmitHandler(client: Client): CommandHandler {
  return {
    subject: 'gl.cmd.item.resubmit',
    durable: 'intake-item-resubmit',
    async handle(body) {
      const parsed = ResubmitCommand.safeParse(body);
      if (!parsed.success) return { ok: false, issues: contractIssues(parsed.error) };
      const { projectId, ...resubmission } = parsed.data;
      const issues = await onProject(client, projectId, (h) => h.executeUpdate(resubmitUpdate, { args: [resubmission] }));
      return issues.length > 0 ? { ok: false, issues } : { ok: true, detail: { projectId, itemKey: resubmission.itemKey } };
    },
  };
}
