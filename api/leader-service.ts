/**
 * What a leader does and sees (领导): acknowledge an escalation (已阅), their escalations, their
 * supervision instructions (督办) and the board by light (挂图作战), each a Workflow Update or a
 * visibility query over the search attributes every task, instruction and process keeps. Who
 * may is contracts/access.ts's; what a person may do inside a task, its validators'.
 */
import type { Client } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { TaskState } from '../contracts/task';
import { acknowledgeEscalationUpdate } from '../workflows/human-task';
import { HttpError, toHttpError } from './errors';

export class LeaderService {
  constructor(private readonly client: Client) {}

  /** Acknowledges an escalation of the task that reached the actor: the rung named, or the latest. */
  async acknowledge(taskId: string, actor: Actor, body: { step?: number; note?: string }): Promise<TaskState> {
    try {
      return await this.client.workflow.getHandle(taskId).executeUpdate(acknowledgeEscalationUpdate, { args: [{ actor, ...body }] });
    } catch (err) {
      if (err instanceof Error && /workflow execution already completed/i.test(err.message)) throw new HttpError(409, 'task is already closed');
      throw toHttpError(err);
    }
  }
}
