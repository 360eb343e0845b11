/**
 * Copying a task (抄送): the holder copies people, or a department's people, at completion or at
 * any time while the task is open. Each person copied holds a copy of their own — a small
 * workflow, `<taskId>/cc/<personId>`, that outlives the task — which lists it under 抄送我的 and
 * lets them mark it read (已阅).
 *
 * Rules:
 * - Whoever may complete the task may copy it (task-access.ts); a person already copied is not
 *   copied twice, and the task's holder is never copied their own task.
 * - Those copied are told (`task.copied`, to them by id); they may read the task and its process
 *   (the API asks their copy), and nothing more: a copy gives no verb on the task.
 * - The copies are started before the task records the copying; a completed task ends only once
 *   they are out, so a copy made at completion is never lost with it.
 * - A copy is read once; reading it again changes nothing. Reading is published
 *   (`task.copy-read`) for the record.
 */
import {
  ApplicationFailure, condition, defineQuery, defineUpdate, ParentClosePolicy, setHandler, startChild,
  upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { Actor } from '../contracts/directory';
import { GlAssignee, GlEntityKind, GlProcessId, GlProcessKind, GlStatus } from '../contracts/search-attributes';
import type { CopyInput, CopyState, CopyTask, MarkCopyRead, TaskState } from '../contracts/task';
import { workflowNowIso } from './clock';
import { EventOutbox } from './event-outbox';
import { toCloudEventSource } from './sources';
import { mayComplete } from './task-access';
import { actorOf, copyRequest } from './task-requests';
import type { TaskRun } from './task-run';

export const copyTaskUpdate = defineUpdate<TaskState, [CopyTask]>('copy');
export const copyStateQuery = defineQuery<CopyState>('state');
export const markCopyReadUpdate = defineUpdate<CopyState, [MarkCopyRead]>('markRead');

/** The id of the copy a person holds of a task. */
export function copyIdOf(taskId: string, personId: string): string {
  return `${taskId}/cc/${personId}`;
}

/** Who may copy: whoever may complete the task. */
export function mayCopy(actor: Actor, run: TaskRun): string | undefined {
  const refusal = mayComplete(actor, run.holder(), run.state.status === 'claimed');
  return refusal ? `only whoever may complete this task copies it: ${refusal}` : undefined;
}

/**
 * Starts a copy for each person not copied before, then records and publishes the copying.
 * `run.copying` holds the task open meanwhile.
 */
export async function copyTo(run: TaskRun, actor: Actor, req: { personIds: string[]; departmentIds: string[]; note?: string }): Promise<void> {
  const { state } = run;
  const already = new Set([...(state.copies ?? []).flatMap((c) => c.personIds), ...(state.assigneeId ? [state.assigneeId] : [])]);
  const fresh = [...new Set(req.personIds)].filter((p) => !already.has(p));
  if (fresh.length === 0) return;
  run.copying += 1;
  try {
    const at = workflowNowIso();
    for (const personId of fresh) {
      const input: CopyInput = {
        taskId: state.taskId, taskTitle: state.title, processKind: state.processKind, processId: state.processId,
        personId, by: actor.personId, at, ...(req.note ? { note: req.note } : {}),
      };
      await startChild(taskCopy, {
        workflowId: copyIdOf(state.taskId, personId),
        args: [input],
        memo: { title: state.title, by: actor.personId },
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
    (state.copies ??= []).push({ by: actor.personId, at, personIds: fresh, departmentIds: req.departmentIds, ...(req.note ? { note: req.note } : {}) });
    run.record('copied', actor, { personIds: fresh, departmentIds: req.departmentIds, ...(req.note ? { note: req.note } : {}) });
    run.emit('copied', { actorId: actor.personId, people: fresh, detail: { personIds: fresh, departmentIds: req.departmentIds } });
  } finally {
    run.copying -= 1;
  }
}

export function handleCopy(run: TaskRun): void {
  setHandler(copyTaskUpdate, async (req) => {
    const { actor, personIds, departmentIds, note } = copyRequest(req);
    await copyTo(run, actor, { personIds, departmentIds, note });
    return run.state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(copyRequest, req);
      run.rejectUnlessOpen();
      run.rejectForbiddenVerb('copy');
      const refusal = mayCopy(actor, run);
      if (refusal) run.forbid(refusal);
    },
  });
}

/** A copy one person holds of a task (抄送我的), until they mark it read (已阅). */
export async function taskCopy(input: CopyInput): Promise<CopyState> {
  const state: CopyState = { ...input, copyId: workflowInfo().workflowId, status: 'unread' };
  const outbox = new EventOutbox(toCloudEventSource(input.processKind, input.processId));
  setHandler(copyStateQuery, () => state);
  setHandler(markCopyReadUpdate, ({ actor }) => {
    if (state.status === 'read') return state;
    state.status = 'read';
    state.readAt = workflowNowIso();
    upsertSearchAttributes([{ key: GlStatus, value: 'read' }]);
    outbox.push({
      aggregate: 'task', event: 'copy-read', subject: input.taskId,
      data: { taskId: input.taskId, title: input.taskTitle, processKind: input.processKind, processId: input.processId, actorId: actor.personId },
    });
    return state;
  }, {
    validator: (req) => {
      let actor: Actor;
      try {
        actor = actorOf(req);
      } catch (err) {
        throw new ApplicationFailure((err as Error).message, 'InvalidRequest', true);
      }
      if (actor.personId !== input.personId) throw new ApplicationFailure('this copy is not yours', 'Forbidden', true);
    },
  });
  upsertSearchAttributes([
    { key: GlEntityKind, value: 'copy' },
    { key: GlProcessKind, value: input.processKind },
    { key: GlProcessId, value: input.processId },
    { key: GlAssignee, value: input.personId },
    { key: GlStatus, value: 'unread' },
  ]);
  await condition(() => state.status === 'read');
  await outbox.drain();
  return state;
}
