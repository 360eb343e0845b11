/**
 * What validating a command or a request body gives back, for the NATS intake (dead letters)
 * and the API (400s) alike, and starting a process once under its own id.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { z } from 'zod';
import type { Directory } from '../contracts/directory';

export interface Issue {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** zod's issues as paths and messages a client can show. */
export function contractIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** The contract first, then what only the directory knows: every start is validated this way. */
export function validateAgainst<T>(
  contract: z.ZodType<T>,
  directoryIssues: ((value: T, directory: Directory) => Issue[]) | undefined,
  body: unknown,
  directory: Directory,
): Validated<T> {
  const parsed = contract.safeParse(body);
  if (!parsed.success) return { ok: false, issues: contractIssues(parsed.error) };
  const issues = directoryIssues?.(parsed.data, directory) ?? [];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
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
