/**
 * The one place an id is resolved to what it names. A task route given a process id, or a
 * kind's route given another kind's id, is answered 404 exactly as an unknown id is: the
 * caller learns neither that the id exists nor what it holds.
 *
 * ```ts
 * const { handle, execution } = await resolve(client, id, { what: 'task', isType: (t) => isVersionOf('humanTask', t) });
 * ```
 */
import type { Client, WorkflowExecutionDescription, WorkflowHandle } from '@temporalio/client';
import { isVersionOf } from '../intake/actions';
import { HttpError, orHttpError } from './errors';

export interface Expected {
  /** What the route serves, in words: `task`, or a kind such as `landUseDispute`. */
  what: string;
  /** Whether a workflow of this type is one. */
  isType(workflowType: string): boolean;
}

/** The workflow type of every human task (workflows/human-task.ts). */
export const TASK: Expected = { what: 'task', isType: (type) => isVersionOf('humanTask', type) };

/** A supervision instruction (workflows/supervision.ts). */
export const INSTRUCTION: Expected = { what: 'instruction', isType: (type) => type === 'supervisionInstruction' };

/** A kind's processes: the kind's workflow, or a later version of it. */
export const processOf = (kind: string): Expected => ({ what: kind, isType: (type) => isVersionOf(kind, type) });

export async function resolve(client: Client, id: string, expected: Expected): Promise<{ handle: WorkflowHandle; execution: WorkflowExecutionDescription }> {
  const handle = client.workflow.getHandle(id);
  let execution: WorkflowExecutionDescription;
  try {
    execution = await orHttpError(handle.describe());
  } catch (err) {
    if (err instanceof HttpError && err.statusCode === 404) throw notFound(expected, id);
    throw err;
  }
  if (!expected.isType(execution.type)) throw notFound(expected, id);
  return { handle, execution };
}

export const notFound = (expected: Expected, id: string) => new HttpError(404, `no ${expected.what} ${id}`);
