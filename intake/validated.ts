/**
 * Starting a process once under its own id, for the NATS intake and the API alike.
 *
 * An id already held answers by what holds it:
 * - the same kind with the same input: `existing` (a redelivered message, a retried POST: one effect);
 * - the same kind with another input: a conflict ("exists with a different body"), never a silent
 *   drop of the second submission's content;
 * - another kind: a conflict that does not say which kind holds it (the id is taken, nothing more).
 */
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';

/** The id is held by another process, or by this kind's with another input. */
export class StartConflict extends Error {}

/** JSON with its object keys sorted, so that the same value always has the same digest. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const digestOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

export async function startOnce<I>(
  client: Client,
  workflow: (input: I) => Promise<unknown>,
  options: { taskQueue: string; workflowId: string; input: I; title: string; isSameKind(workflowType: string): boolean },
): Promise<{ id: string; existing: boolean }> {
  const inputDigest = digestOf(options.input);
  try {
    await client.workflow.start(workflow, {
      taskQueue: options.taskQueue,
      workflowId: options.workflowId,
      args: [options.input],
      memo: { title: options.title, inputDigest },
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { id: options.workflowId, existing: false };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const held = await client.workflow.getHandle(options.workflowId).describe();
  if (!options.isSameKind(held.type)) throw new StartConflict(`the id ${options.workflowId} is already taken: choose another`);
  // A process started before digests were kept is taken as the same submission.
  const heldDigest = held.memo?.inputDigest;
  if (typeof heldDigest === 'string' && heldDigest !== inputDigest) {
    throw new StartConflict(`${options.workflowId} exists with a different body: a new submission needs a new id`);
  }
  return { id: options.workflowId, existing: true };
}
