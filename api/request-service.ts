/**
 * Enterprise requests as the API serves them: submit (same path as the NATS intake) and a
 * view composed from the request's own state and its open tasks' authoritative state.
 */
import type { Client } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { RequestView, TimelineEntry } from '../contracts/enterprise-request';
import type { Light } from '../contracts/ladder';
import { worseLight } from '../contracts/ladder';
import type { TaskState } from '../contracts/task';
import { loadDirectory } from '../activities/directory-file';
import { startRequest, validateSubmission } from '../intake/submit-request';
import { requestStateQuery } from '../workflows/enterprise-request';
import { taskStateQuery } from '../workflows/human-task';
import { oversees } from './visibility';
import { HttpError, orHttpError } from './errors';


export class RequestService {
  constructor(private readonly client: Client, private readonly taskQueue: string, private readonly directoryPath: string) {}

  async submit(body: unknown, actor: Actor): Promise<{ id: string; existing: boolean }> {
    const checked = validateSubmission(body, loadDirectory(this.directoryPath));
    if (!checked.ok) throw new HttpError(400, 'invalid request', checked.issues);
    if (!actor.roles.includes('admin') && !(actor.roles.includes('liaison') && checked.value.liaisonId === actor.personId)) {
      throw new HttpError(403, 'only the liaison who collected the request (or an admin) may submit it');
    }
    return startRequest(this.client, this.taskQueue, checked.value);
  }

  async get(id: string, actor: Actor): Promise<RequestView> {
    const state = await orHttpError(this.client.workflow.getHandle(id).query(requestStateQuery));
    const mayRead = oversees(actor)
      || actor.personId === state.liaisonId
      || (state.departmentId !== undefined && actor.departments.includes(state.departmentId));
    if (!mayRead) throw new HttpError(403, 'this request belongs to another department');

    const tasks = await Promise.all(state.openTaskIds.map((taskId) =>
      this.client.workflow.getHandle(taskId).query(taskStateQuery).catch(() => undefined)));
    const open = tasks.filter((t): t is TaskState => t !== undefined && (t.status === 'open' || t.status === 'claimed'));
    const light: Light = open.reduce<Light>((worst, t) => worseLight(worst, t.light), state.light);
    const current = open[0];
    const taskTimeline: TimelineEntry[] = open.flatMap((t) => t.history.map((h) => ({
      at: h.at, event: `task.${h.type}`, detail: { taskId: t.taskId, actorId: h.actorId, ...h.detail },
    })));
    const { openTaskIds: _ignored, ...rest } = state;
    return {
      ...rest,
      light,
      dueAt: current?.dueAt,
      provisional: current?.provisional ?? false,
      openTasks: open.map((t) => ({
        taskId: t.taskId, title: t.title, status: t.status, light: t.light, dueAt: t.dueAt,
        provisional: t.provisional, departmentId: t.departmentId, assigneeId: t.assigneeId,
      })),
      timeline: [...state.timeline, ...taskTimeline].sort((a, b) => a.at.localeCompare(b.at)),
    };
  }
}
