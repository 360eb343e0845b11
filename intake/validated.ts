/**
 * Starting a process once under its own id, for the NATS intake and the API alike.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';

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
