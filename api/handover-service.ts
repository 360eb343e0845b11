/**
 * 离职交接: an administrator moves every open task of a person who leaves to another person, in
 * one recorded operation, or lists on a dry run what would move.
 *
 * The tasks are those the record holds as assigned to the person (claimed by them, or given to
 * them). Each moves by its own 改派 Update (workflows/task-reassign.ts), run as the administrator
 * with the reason `离职交接：<reason>` and `ifHeldBy` the person, so its history says so and a task
 * that changed hands since the list was read stays where it is. A task that cannot move is
 * reported with the reason and the rest still move: the receiver not in the task's department,
 * the task closed meanwhile, no longer theirs, or out with them on a 委派 (handoverConflict in
 * workflows/task-access.ts, which the dry run asks of each task's own state too, so that it lists
 * what the handover would do). The operation itself is recorded as one event,
 * `gl.evt.person.handed-over` (contracts/handover.ts), by the `personHandover` workflow.
 *
 *   const answer = await handovers.handOver('tax-huang', admin, { toPersonId: 'tax-ma', reason: '调离', dryRun: true });
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { loadDirectory } from '../activities/directory-file';
import type { Actor } from '../contracts/directory';
import { personHandoverWorkflowId, type PersonHandover } from '../contracts/handover';
import type { RecordConnection } from '../records/database';
import { openTasksHeldBy, waitForTask, type HeldTask } from '../records/reads';
import { reassignTaskUpdate, taskStateQuery } from '../workflows/human-task';
import { handoverConflict, type HandoverConflict } from '../workflows/task-access';
import { personHandover } from '../workflows/person-handover';
import { HttpError, isNotFound, isUnavailable, orHttpError } from './errors';
import { mayHandOverPeople } from './policy';

export type { HeldTask };

export interface RefusedTask extends HeldTask {
  /** Why it stays where it is, in words. */
  reason: string;
}

export interface HandoverAnswer {
  personId: string;
  toPersonId: string;
  dryRun: boolean;
  /** The tasks moved to the receiver; on a dry run, those that would move. */
  moved: HeldTask[];
  /** The tasks that stay, each with why. */
  refused: RefusedTask[];
  /** The handover's id, in its event; absent on a dry run. */
  handoverId?: string;
}

/** How many tasks move at once: a large handover stays within the API's deadline without crowding the worker. */
const AT_ONCE = 8;

export class HandoverService {
  constructor(
    private readonly client: Client,
    private readonly directoryPath: string,
    private readonly taskQueue: string,
    private readonly record?: RecordConnection,
  ) {}

  async handOver(personId: string, actor: Actor, body: { toPersonId: string; reason: string; dryRun: boolean }): Promise<HandoverAnswer> {
    const may = mayHandOverPeople(actor);
    if (may !== true) throw new HttpError(403, may);
    if (!this.record) throw new HttpError(503, '离职交接从记录库中读取待办任务：本服务启动时未连接记录库（GREENLIGHT_DATABASE_URL）');
    const directory = loadDirectory(this.directoryPath);
    const held = await openTasksHeldBy(this.record.db, personId);
    // Someone already taken out of the directory may still hold tasks: they are handed over all the same.
    if (held.length === 0 && !directory.people.some((p) => p.id === personId)) {
      throw new HttpError(404, `人员名录中没有 ${personId}，也没有由其办理的待办任务`);
    }
    const receiver = directory.people.find((p) => p.id === body.toPersonId);
    const wrong = !receiver ? `人员名录中没有 ${body.toPersonId}，请从名录中选择接收人`
      : body.toPersonId === personId ? '接收人不能是离职人员本人，请选择另一位人员' : undefined;
    if (wrong) throw new HttpError(400, `请改正后再提交：${wrong}`, [{ path: 'toPersonId', field: '接收人', message: wrong }]);

    const departmentName = (id: string) => directory.departments.find((d) => d.id === id)?.name ?? id;
    const refused: RefusedTask[] = [];
    const movable: HeldTask[] = [];
    for (const task of held) {
      if (task.departmentId && !receiver?.departments.includes(task.departmentId)) {
        refused.push({ ...task, reason: `接收人不在此任务的部门（${departmentName(task.departmentId)}）：请交接给该部门的人员，或由部门负责人改派` });
      } else movable.push(task);
    }
    const moved: HeldTask[] = [];
    for (let i = 0; i < movable.length; i += AT_ONCE) {
      await Promise.all(movable.slice(i, i + AT_ONCE).map(async (task) => {
        const why = body.dryRun ? await this.wouldRefuse(task, personId) : await this.move(task, actor, personId, body);
        if (why) refused.push({ ...task, reason: why });
        else moved.push(task);
      }));
    }
    const order = (t: HeldTask) => held.indexOf(t);
    moved.sort((a, b) => order(a) - order(b));
    refused.sort((a, b) => order(a) - order(b));
    if (body.dryRun) return { personId, toPersonId: body.toPersonId, dryRun: true, moved, refused };

    const handover: PersonHandover = {
      handoverId: randomUUID(), actorId: actor.personId, personId, toPersonId: body.toPersonId,
      moved: moved.map((t) => t.taskId), refused: refused.map((t) => t.taskId),
    };
    await orHttpError(this.client.workflow.start(personHandover, { taskQueue: this.taskQueue, workflowId: personHandoverWorkflowId(handover), args: [handover] }));
    return { personId, toPersonId: body.toPersonId, dryRun: false, moved, refused, handoverId: handover.handoverId };
  }

  /** Why the handover would leave the task where it is, asked of its own state (what the 改派's validator will see), or nothing. */
  private async wouldRefuse(task: HeldTask, personId: string): Promise<string | undefined> {
    try {
      const conflict = handoverConflict(await this.client.workflow.getHandle(task.taskId).query(taskStateQuery), personId);
      return conflict ? conflictWords(conflict.code, personId) : undefined;
    } catch (err) {
      return refusal(err, personId);
    }
  }

  /** Moves one task by its 改派 Update; why not, in words, when it stays. The answer waits until the record has it (read your own writes). */
  private async move(task: HeldTask, actor: Actor, personId: string, body: { toPersonId: string; reason: string }): Promise<string | undefined> {
    try {
      const state = await this.client.workflow.getHandle(task.taskId).executeUpdate(reassignTaskUpdate, {
        args: [{ actor, toPersonId: body.toPersonId, reason: `离职交接：${body.reason}`, ifHeldBy: personId }],
      });
      const at = state.history[state.history.length - 1]?.at;
      if (this.record && at) await waitForTask(this.record.db, task.taskId, at);
      return undefined;
    } catch (err) {
      return refusal(err, personId);
    }
  }
}

const conflictWords = (code: HandoverConflict, personId: string): string => ({
  closed: '此任务已结束，无需交接',
  'not-held': `此任务已不由 ${personId} 办理（已改派、转交或退回部门），未移动`,
  delegated: `此任务正由 ${personId} 受委派办理：请其先办毕交回，再交接委派人的任务`,
})[code];

/** A refused 改派 (or a task that cannot be asked), in words for the administrator. */
function refusal(err: unknown, personId: string): string {
  if (isUnavailable(err)) return '服务未及应答，此任务未移交：请稍后再次交接（已移交的任务不受影响）';
  if (isNotFound(err)) return conflictWords('closed', personId);
  const failure = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause : undefined;
  if (failure?.type === 'TaskAlreadyCompleted' || failure?.type === 'TaskCancelled') return conflictWords('closed', personId);
  const code = (failure?.details?.[0] as { handover?: HandoverConflict } | undefined)?.handover;
  if (code) return conflictWords(code, personId);
  if (!failure && err instanceof Error && /already completed/i.test(err.message)) return conflictWords('closed', personId);
  // Anything else is said as it came: the task stays in the list, for the administrator to look at.
  return `未移交：${err instanceof Error ? err.message : String(err)}`;
}
