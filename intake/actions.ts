/**
 * Running a kind's declared action on one process, the same from the API (with the acting person)
 * and from a NATS command (from a trusted system, without one): the body against the action's
 * contract and the directory, the id against the kind, then the Workflow Update, whose validator
 * decides whether it may be done now.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor, Directory } from '../contracts/directory';
import { validateAgainst, type Issue } from '../contracts/issues';
import type { ActionDefinition, ProcessDefinition } from '../processes/definition';

/** An action refused before or by the workflow: the status a caller sees, and why. */
export class ActionRefused extends Error {
  constructor(readonly status: 400 | 403 | 404 | 409, message: string, readonly issues: Issue[] = [{ path: '', message }]) {
    super(message);
  }
}

/** The status of a refusal by the workflow's validator, by its failure type. */
const statusByFailureType: Record<string, 400 | 403 | 404 | 409> = {
  Forbidden: 403, NotFound: 404, Conflict: 409, InvalidRequest: 400, InvalidPayload: 400,
};

/** A workflow type of the kind: the kind itself, or a later version of it (`<kind>V2`). */
export function isVersionOf(kind: string, workflowType: string): boolean {
  return workflowType === kind || new RegExp(`^${kind}V\\d+$`).test(workflowType);
}

function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (typeof err === 'object' && err !== null && (err as { code?: number }).code === 5);
}

export async function runAction(
  client: Client,
  definition: ProcessDefinition,
  action: ActionDefinition,
  processId: string,
  body: unknown,
  actor: Actor | undefined,
  directory: Directory,
  /** The caller has resolved the id to a process of the kind already (the API reads its state first): no second describe. */
  { kindChecked = false }: { kindChecked?: boolean } = {},
): Promise<unknown> {
  const checked = validateAgainst(action.body(), action.checkDirectory as ((value: unknown, directory: Directory) => Issue[]) | undefined, body, directory);
  if (!checked.ok) throw new ActionRefused(400, `invalid ${action.name}`, checked.issues);
  const handle = client.workflow.getHandle(processId);
  try {
    // Another kind's process under this id is as absent as no process at all.
    if (!kindChecked && !isVersionOf(definition.kind, (await handle.describe()).type)) throw new ActionRefused(404, `no ${definition.kind} ${processId}`, [{ path: 'id', message: `no ${definition.kind} ${processId}` }]);
    return await handle.executeUpdate(action.name, { args: [{ ...(checked.value as object), ...(actor ? { actor } : {}) }] });
  } catch (err) {
    if (err instanceof ActionRefused) throw err;
    if (isNotFound(err)) throw new ActionRefused(404, `no ${definition.kind} ${processId}`, [{ path: 'id', message: `no ${definition.kind} ${processId}` }]);
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const status = statusByFailureType[err.cause.type ?? ''] ?? 400;
      throw new ActionRefused(status, err.cause.message);
    }
    if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
      throw new ActionRefused(409, `${definition.kind} ${processId} is already closed`);
    }
    throw err;
  }
}
