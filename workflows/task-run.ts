/**
 * One human task while it runs: its state, and what every verb (task-claim.ts, task-completion.ts,
 * task-reassign.ts, task-extension.ts, task-acknowledge.ts …) and its ladder (task-deadlines.ts)
 * share: the history it records, the events it emits, the search attributes it keeps, and the
 * refusals its validators give.
 *
 * Rules:
 * - A verb is an Update whose validator refuses with an ApplicationFailure a caller can act on
 *   (`InvalidRequest` for a malformed request, `Forbidden`, `Conflict`, `TaskAlreadyCompleted`,
 *   `TaskCancelled`), and whose handler records a line of history, re-indexes when what the
 *   inbox matches changed, and emits one `task.<event>`.
 * - What a person typed stays in the task's state and history, which the API shows to those the
 *   task allows; events carry ids, outcomes and states.
 * - A verb that changes the deadlines only raises a flag (`extensionGranted`,
 *   `recomputeRequested`): the task's loop recomputes them, so one coroutine owns the timer.
 */
import { ApplicationFailure, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { RecipientRole } from '../contracts/ladder';
import {
  GlAssignee, GlCandidateGroups, GlDueAt, GlLight, GlProcessId, GlProcessKind, GlProvisional, GlStatus, GlEntityKind,
} from '../contracts/search-attributes';
import type { EscalationRecord, ForbiddableVerb, HumanTaskParams, TaskState } from '../contracts/task';
import { workflowNowIso } from './clock';
import { EventOutbox } from './event-outbox';
import { toCloudEventSource } from './sources';
import type { TaskHolder } from './task-access';
import { InvalidRequest } from './task-requests';

export interface EmitExtra {
  actorId?: string;
  roles?: RecipientRole[];
  /** People told by id, beside the roles' people. */
  people?: string[];
  step?: number;
  detail?: Record<string, unknown>;
  time?: string;
  onPublished?: (recipients: string[]) => void;
}

export interface TaskRun {
  input: HumanTaskParams;
  state: TaskState;
  escalations: EscalationRecord[];
  /** Where its ladder's offsets count from. */
  clockStart: string;
  outbox: EventOutbox;
  /** Calendar data changed: the deadlines not yet passed are computed again. */
  recomputeRequested: boolean;
  /** An extension was granted: every rung is computed again. */
  extensionGranted: boolean;
  /** The approval that `deadline-extended` tells, with the new deadline, in one notice to the asker (task-extension.ts). */
  approvedExtension?: { actorId: string; detail: Record<string, unknown> };
  /** Whom the escalations reached is known once their events are published; then it is indexed. */
  escalatedToChanged: boolean;
  /** Copies (抄送) being started: a completed task ends only once they are out (task-copy.ts). */
  copying: number;
  /** An extension awaiting its decision is marked in the index (the head's inbox shows it), from the patch `index-extension-pending` on. */
  extensionIndexed: boolean;
  holder(): TaskHolder;
  /** Adds to the task's history; given the actor, the entry also names the agent (代理) who acted for them. */
  record(type: string, by?: string | { personId: string; agentId?: string }, detail?: Record<string, unknown>): void;
  emit(event: string, extra?: EmitExtra): void;
  indexForSearch(): void;
  /** Refuses a verb on a task that is completed or cancelled. */
  rejectUnlessOpen(): void;
  /** Runs a request's check, its refusal an `InvalidRequest` failure. */
  rejectInvalid<T>(check: (req: unknown) => T, req: unknown): T;
  forbid(message: string): never;
  /** Refuses a verb the task's kind forbids on it (`verbs.forbid`). */
  rejectForbiddenVerb(verb: ForbiddableVerb): void;
}

const verbNames: Record<ForbiddableVerb, string> = {
  chase: '催办 (chase)', copy: '抄送 (copy)', addSigners: '前加签 (asking opinions)', signAfter: '后加签 (sign after)',
  delegate: '委派 (delegate)', transfer: '转交 (transfer)', withdraw: '撤回 (withdraw)',
};

/** The index's mark of a task whose extension awaits its department head's decision. */
export function extensionPendingGroup(departmentId: string): string {
  return `dept:${departmentId}:extension-pending`;
}

/** Candidate groups a task is offered to, as the inbox query matches them. */
export function candidateGroups(departmentId: string | undefined, roles: string[]): string[] {
  if (!departmentId) return [];
  return [`dept:${departmentId}`, ...roles.map((r) => `dept:${departmentId}:role:${r}`)];
}

/** A new task's run: its state as created, with its outbox. */
export function newTaskRun(input: HumanTaskParams): TaskRun {
  const info = workflowInfo();
  const createdAt = workflowNowIso();
  const clockStart = input.clockStartsAt ?? createdAt;
  const outbox = new EventOutbox(toCloudEventSource(input.processKind, input.processId));

  const state: TaskState = {
    taskId: info.workflowId,
    taskKey: input.taskKey,
    processKind: input.processKind,
    processId: input.processId,
    title: input.title,
    form: input.form,
    outcomes: input.outcomes,
    status: input.assigneeId ? 'claimed' : 'open',
    departmentId: input.departmentId,
    assigneeId: input.assigneeId,
    candidateRoles: input.candidateRoles,
    light: 'green',
    createdAt,
    provisional: false,
    deadlines: [],
    history: [{ at: createdAt, type: 'created' }],
    extension: input.extension ? { grantedWorkingDays: 0 } : undefined,
    escalations: [],
    initiatorId: input.initiatorId,
    ...(input.verbs?.forbid.length ? { forbiddenVerbs: input.verbs.forbid } : {}),
    ...(input.previousStep ? { previousStep: input.previousStep } : {}),
    ...(input.returnTargets?.length ? { returnTargets: input.returnTargets } : {}),
    ...(input.returnedFrom ? { returnedFrom: input.returnedFrom } : {}),
  };

  const recipientQuery = (roles: RecipientRole[]) => ({
    roles,
    departmentId: state.departmentId,
    assigneeId: state.assigneeId,
    assignedLeaderId: input.assignedLeaderId,
    supervisingLeaderIds: input.supervisingLeaderIds,
  });

  const run: TaskRun = {
    input,
    state,
    escalations: state.escalations as EscalationRecord[],
    clockStart,
    outbox,
    recomputeRequested: false,
    extensionGranted: false,
    escalatedToChanged: false,
    copying: 0,
    extensionIndexed: false,
    holder: () => ({ departmentId: state.departmentId, assigneeId: state.assigneeId, candidateRoles: state.candidateRoles }),
    record: (type, by, detail) => void state.history.push(typeof by === 'object'
      ? { at: workflowNowIso(), type, actorId: by.personId, ...(by.agentId ? { agentId: by.agentId } : {}), detail }
      : { at: workflowNowIso(), type, actorId: by, detail }),
    emit: (event, extra = {}) =>
      outbox.push({
        time: extra.time,
        aggregate: 'task',
        event,
        subject: state.taskId,
        data: {
          taskId: state.taskId,
          taskKey: state.taskKey,
          processKind: state.processKind,
          processId: state.processId,
          title: state.title,
          status: state.status,
          light: state.light,
          dueAt: state.dueAt,
          provisional: state.provisional,
          departmentId: state.departmentId,
          assigneeId: state.assigneeId,
          actorId: extra.actorId,
          roles: extra.roles,
          step: extra.step,
          candidateRoles: state.candidateRoles,
          detail: extra.detail,
        },
        recipients: extra.roles || extra.people
          ? { ...recipientQuery(extra.roles ?? []), ...(extra.people ? { people: extra.people } : {}) }
          : undefined,
        onPublished: extra.onPublished,
      }),
    indexForSearch: () => {
      const pairs: SearchAttributeUpdatePair[] = [
        { key: GlEntityKind, value: 'task' },
        { key: GlProcessKind, value: state.processKind },
        { key: GlProcessId, value: state.processId },
        { key: GlStatus, value: state.status },
        { key: GlLight, value: state.light },
        { key: GlAssignee, value: state.assigneeId ?? null },
        {
          key: GlCandidateGroups,
          value: [
            ...candidateGroups(state.departmentId, state.candidateRoles),
            ...(run.extensionIndexed && state.extension?.pending && state.departmentId ? [extensionPendingGroup(state.departmentId)] : []),
          ],
        },
        { key: GlProvisional, value: state.provisional },
        { key: GlDueAt, value: state.dueAt ? new Date(state.dueAt) : null },
      ];
      upsertSearchAttributes(pairs);
    },
    rejectUnlessOpen: () => {
      if (state.status === 'completed') {
        throw new ApplicationFailure(`task already completed by ${state.completion?.actorId} (${state.completion?.outcome})`, 'TaskAlreadyCompleted', true);
      }
      if (state.withdrawal) {
        throw new ApplicationFailure(`the step before was taken back (撤回) by ${state.withdrawal.by}: this task ended`, 'TaskCancelled', true);
      }
      if (state.returned) {
        throw new ApplicationFailure(`returned (退回) by ${state.returned.by} to the step "${state.returned.toStep}": this task ended`, 'TaskCancelled', true);
      }
      if (state.status === 'cancelled') throw new ApplicationFailure('task was cancelled with its process', 'TaskCancelled', true);
    },
    rejectInvalid: (check, req) => {
      try {
        return check(req);
      } catch (err) {
        if (err instanceof InvalidRequest) throw new ApplicationFailure(err.message, 'InvalidRequest', true);
        throw err;
      }
    },
    forbid: (message) => {
      throw new ApplicationFailure(message, 'Forbidden', true);
    },
    rejectForbiddenVerb: (verb) => {
      if (state.forbiddenVerbs?.includes(verb)) throw new ApplicationFailure(`${verbNames[verb]} is not allowed on this task: its kind of process forbids it`, 'Forbidden', true);
    },
  };
  return run;
}
