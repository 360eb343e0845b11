/**
 * Starting a human task from a process: the task is a child workflow with the id
 * `<processId>/<taskKey>`, its title in the memo (for inboxes), and it is cancelled with its
 * process.
 */
import { ParentClosePolicy, startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import type { HumanTaskInput } from '../contracts/task';
import { humanTask } from './human-task';

export type TaskHandle = ChildWorkflowHandle<typeof humanTask>;

export function taskId(processId: string, taskKey: string): string {
  return `${processId}/${taskKey}`;
}

export async function openTask(input: HumanTaskInput): Promise<TaskHandle> {
  return startChild(humanTask, {
    workflowId: taskId(input.processId, input.taskKey),
    args: [input],
    // The initiator in the memo: the API lets them read (and chase) the task before any worker answers.
    memo: { title: input.title, ...(input.initiatorId ? { initiatorId: input.initiatorId } : {}) },
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
  });
}
