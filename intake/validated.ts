/**
 * What validating a command or a request body gives back, for the NATS intake (dead letters)
 * and the API (400s) alike, and starting a process once under its own id.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { z } from 'zod';

export interface Issue {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** zod's issues as paths and messages a client can show. */
export function contractIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * Starts a process under its own id; `existing` is true when that id was started before, so a
 * repeated submission (a redelivered message, a retried POST) has one effect.
 */
export async function startOnce<I>(
  client: Client,
  workflow: (input: I) => Promise<unknown>,
  options: { taskQueue: string; workflowId: string; input: I; title: string },
): Promise<{ id: string; existing: boolean }> {
  try {
    await client.workflow.start(workflow, {
      taskQueue: options.taskQueue,
      workflowId: options.workflowId,
      args: [options.input],
      memo: { title: options.title },
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { id: options.workflowId, existing: false };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { id: options.workflowId, existing: true };
    throw err;
  }
}
