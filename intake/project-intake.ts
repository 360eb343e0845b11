/**
 * The project commands on NATS: `gl.cmd.project.submit` (a project and its approval plan),
 * and the applicant's own `gl.cmd.item.supply-materials` and `gl.cmd.item.resubmit`. A command
 * the project refuses (unknown item, not waiting for materials, still missing one) goes to
 * the dead-letter subject with the reason.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Logger } from 'pino';
import { z } from 'zod';
import { loadDirectory } from '../activities/directory-file';
import { isNotFound } from '../api/errors';
import { Resubmit, SupplyMaterials } from '../contracts/project';
import { resubmitUpdate, supplyMaterialsUpdate } from '../workflows/project-approval';
import { consumeCommands, type CommandHandler, type RunningConsumer } from './command-consumer';
import { contractIssues, type Issue } from './validated';
import { refusal, startProject, validateProject } from './submit-project';

export function projectSubmitHandler(client: Client, taskQueue: string, directoryPath: string): CommandHandler {
  return {
    subject: 'gl.cmd.project.submit',
    durable: 'intake-project-submit',
    async handle(body) {
      const checked = validateProject(body, loadDirectory(directoryPath));
      if (!checked.ok) return checked;
      const started = await startProject(client, taskQueue, checked.value);
      return { ok: true, detail: { projectId: started.id, existing: started.existing } };
    },
  };
}

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

/** Every project command consumer, started together and stopped together. */
export async function projectIntake(
  nats: NatsConnection, client: Client, taskQueue: string, directoryPath: string, logger: Logger,
): Promise<RunningConsumer> {
  const handlers = [projectSubmitHandler(client, taskQueue, directoryPath), supplyMaterialsHandler(client), resubmitHandler(client)];
  const running = await Promise.all(handlers.map((h) => consumeCommands(nats, h, logger)));
  return { stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
}
