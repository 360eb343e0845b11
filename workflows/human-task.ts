/**
 * The human task (经办任务): one person's or department's piece of work inside a process,
 * with an escalation ladder driven by durable timers and completion by a Workflow Update.
 *
 * Started as a child of a process with the id `<processId>/<taskKey>`:
 *
 * ```ts
 * const result = await executeChild(humanTask, { workflowId: `${id}/handling`, args: [input] });
 * ```
 */
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  currentUpdateInfo,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Activities } from '../activities';
import { toCloudEventSource } from './sources';
import { checkFormPayload } from '../contracts/forms';
import type { Light, RecipientRole } from '../contracts/ladder';
import { worseLight } from '../contracts/lights';
import {
  GlAssignee, GlCandidateGroups, GlDueAt, GlEscalatedTo, GlLight, GlProcessId, GlProcessKind, GlProvisional, GlStatus, GlEntityKind,
} from '../contracts/search-attributes';
import type {
  AcknowledgeEscalation, ClaimTask, CompleteTask, Deadline, DecideExtension, EscalationRecord, HumanTaskInput, HumanTaskParams, ReassignTask, RequestExtension, TaskCompletion,
  TaskResult, TaskState,
} from '../contracts/task';
import { EventOutbox } from './event-outbox';
import { canReassign, isCandidate, mayComplete } from './task-access';
import { acknowledgeRequest, claimRequest, completeRequest, InvalidRequest, reassignRequest, withTaskDefaults } from './task-requests';
import { extended, extensible, extensionDecision, extensionRequest, mayDecideExtension } from './task-extension';
import { workflowNowIso, workflowNowMs } from './clock';

// Local: a pure computation over the calendar data, recorded in history like any activity result.
const { computeDeadlines } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const taskStateQuery = defineQuery<TaskState>('state');
export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTask]>('complete');
export const claimTaskUpdate = defineUpdate<TaskState, [ClaimTask]>('claim');
export const releaseTaskUpdate = defineUpdate<TaskState, [ClaimTask]>('release');
export const reassignTaskUpdate = defineUpdate<TaskState, [ReassignTask]>('reassign');
/** Whoever may complete the task asks for more working days, before its deadline. */
export const requestExtensionUpdate = defineUpdate<TaskState, [RequestExtension]>('requestExtension');
/** The department's approver grants or refuses the pending request; granted, every working-day rung moves. */
export const decideExtensionUpdate = defineUpdate<TaskState, [DecideExtension]>('decideExtension');
/** A person an escalation reached acknowledges it (已阅): recorded and published; the light does not change. */
export const acknowledgeEscalationUpdate = defineUpdate<TaskState, [AcknowledgeEscalation]>('acknowledge');
/** Sent when calendar data is added or corrected: future deadlines are computed again. */
export const calendarUpdatedSignal = defineSignal('calendarUpdated');

/** Candidate groups a task is offered to, as the inbox query matches them. */
export function candidateGroups(departmentId: string | undefined, roles: string[]): string[] {
  if (!departmentId) return [];
  return [`dept:${departmentId}`, ...roles.map((r) => `dept:${departmentId}:role:${r}`)];
}

/** A human task: assignment, claim/release/reassign, completion by Update, and its escalation ladder. */
export async function humanTask(rawInput: HumanTaskInput): Promise<TaskResult> {
  const input: HumanTaskParams = withTaskDefaults(rawInput);
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
  };
  const escalations = state.escalations as EscalationRecord[];
  let recomputeRequested = false;
  let extensionGranted = false;
  // Whom the escalations reached is known once their events are published; then it is indexed.
  let escalatedToChanged = false;

  const holder = () => ({ departmentId: state.departmentId, assigneeId: state.assigneeId, candidateRoles: state.candidateRoles });
  const record = (type: string, actorId?: string, detail?: Record<string, unknown>) =>
    state.history.push({ at: workflowNowIso(), type, actorId, detail });
  const recipientQuery = (roles: RecipientRole[]) => ({
    roles,
    departmentId: state.departmentId,
    assigneeId: state.assigneeId,
    assignedLeaderId: input.assignedLeaderId,
    supervisingLeaderIds: input.supervisingLeaderIds,
  });
  type EmitExtra = {
    actorId?: string; roles?: RecipientRole[]; step?: number; detail?: Record<string, unknown>; time?: string;
    onPublished?: (recipients: string[]) => void;
  };
  const emit = (event: string, extra: EmitExtra = {}) =>
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
      recipients: extra.roles ? recipientQuery(extra.roles) : undefined,
      onPublished: extra.onPublished,
    });
  const indexForSearch = () => {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: GlEntityKind, value: 'task' },
      { key: GlProcessKind, value: state.processKind },
      { key: GlProcessId, value: state.processId },
      { key: GlStatus, value: state.status },
      { key: GlLight, value: state.light },
      { key: GlAssignee, value: state.assigneeId ?? null },
      { key: GlCandidateGroups, value: candidateGroups(state.departmentId, state.candidateRoles) },
      { key: GlProvisional, value: state.provisional },
      { key: GlDueAt, value: state.dueAt ? new Date(state.dueAt) : null },
    ];
    upsertSearchAttributes(pairs);
  };
  const rejectUnlessOpen = () => {
    if (state.status === 'completed') {
      throw new ApplicationFailure(`task already completed by ${state.completion?.actorId} (${state.completion?.outcome})`, 'TaskAlreadyCompleted', true);
    }
    if (state.status === 'cancelled') throw new ApplicationFailure('task was cancelled with its process', 'TaskCancelled', true);
  };
  const rejectInvalid = <T>(check: (req: unknown) => T, req: unknown): T => {
    try {
      return check(req);
    } catch (err) {
      if (err instanceof InvalidRequest) throw new ApplicationFailure(err.message, 'InvalidRequest', true);
      throw err;
    }
  };
  const forbid = (message: string): never => {
    throw new ApplicationFailure(message, 'Forbidden', true);
  };

  setHandler(taskStateQuery, () => state);
  setHandler(calendarUpdatedSignal, () => {
    recomputeRequested = true;
  });

  setHandler(completeTaskUpdate, (req) => {
    const { actor, outcome, payload } = completeRequest(req);
    state.completion = {
      outcome,
      payload: checkedPayload(outcome, payload),
      actorId: actor.personId,
      at: workflowNowIso(),
      updateId: currentUpdateInfo()?.id,
    };
    state.status = 'completed';
    record('completed', actor.personId, { outcome });
    indexForSearch();
    // The payload is what a person typed: it stays in the task's state, read through the API by those the task allows, not on the event bus.
    emit('completed', { actorId: actor.personId, detail: { outcome } });
    return state.completion;
  }, {
    validator: (req) => {
      const { actor, outcome, payload } = rejectInvalid(completeRequest, req);
      rejectUnlessOpen();
      if (!state.outcomes.includes(outcome)) {
        throw new ApplicationFailure(`outcome "${outcome}" is not allowed here; choose one of: ${state.outcomes.join(', ')}`, 'InvalidOutcome', true);
      }
      const allowedRoles = input.outcomeRoles[outcome];
      if (allowedRoles && !actor.roles.some((r) => allowedRoles.includes(r))) {
        forbid(`only ${allowedRoles.join(' or ')} may choose "${outcome}"`);
      }
      const refusal = mayComplete(actor, holder(), state.status === 'claimed');
      if (refusal) forbid(refusal);
      const checked = checkFormPayload(state.form, outcome, payload);
      if (!checked.ok) throw new ApplicationFailure(checked.message, 'InvalidPayload', true);
    },
  });

  setHandler(claimTaskUpdate, ({ actor }) => {
    if (state.assigneeId !== actor.personId) {
      state.assigneeId = actor.personId;
      state.status = 'claimed';
      record('claimed', actor.personId);
      indexForSearch();
      emit('claimed', { actorId: actor.personId });
    }
    return state;
  }, {
    validator: (req) => {
      const { actor } = rejectInvalid(claimRequest, req);
      rejectUnlessOpen();
      if (state.status === 'claimed' && state.assigneeId !== actor.personId) {
        forbid(`task is already claimed by ${state.assigneeId}`);
      }
      if (!isCandidate(actor, holder())) forbid('you are not offered this task');
    },
  });

  setHandler(releaseTaskUpdate, ({ actor }) => {
    state.assigneeId = undefined;
    state.status = 'open';
    record('released', actor.personId);
    indexForSearch();
    emit('released', { actorId: actor.personId });
    return state;
  }, {
    validator: (req) => {
      const { actor } = rejectInvalid(claimRequest, req);
      rejectUnlessOpen();
      if (state.status !== 'claimed') forbid('task is not claimed');
      if (state.assigneeId !== actor.personId && !canReassign(actor, holder())) {
        forbid(`only ${state.assigneeId} or the department head may release this task`);
      }
    },
  });

  setHandler(reassignTaskUpdate, (req) => {
    const { actor, toPersonId, toDepartmentId, reason } = reassignRequest(req);
    const from = { departmentId: state.departmentId, assigneeId: state.assigneeId };
    if (toDepartmentId !== undefined) state.departmentId = toDepartmentId;
    state.assigneeId = toPersonId;
    state.status = toPersonId ? 'claimed' : 'open';
    record('reassigned', actor.personId, { from, to: { departmentId: state.departmentId, assigneeId: state.assigneeId }, reason });
    indexForSearch();
    emit('reassigned', { actorId: actor.personId, roles: ['assignee'], detail: { from, reason } });
    return state;
  }, {
    validator: (req) => {
      const { actor } = rejectInvalid(reassignRequest, req);
      rejectUnlessOpen();
      if (!canReassign(actor, holder())) forbid('only the department head or an admin may reassign this task');
    },
  });

  setHandler(requestExtensionUpdate, (req) => {
    const { actor, workingDays, reason } = extensionRequest(req);
    (state.extension as NonNullable<TaskState['extension']>).pending = { workingDays, reason, requestedBy: actor.personId, requestedAt: workflowNowIso() };
    record('extension-requested', actor.personId, { workingDays, reason });
    emit('extension-requested', { actorId: actor.personId, roles: ['departmentHead'], detail: { workingDays, reason } });
    return state;
  }, {
    validator: (req) => {
      const { actor, workingDays } = rejectInvalid(extensionRequest, req);
      rejectUnlessOpen();
      const policy = input.extension;
      if (!policy || !state.extension) throw new ApplicationFailure('this task allows no extension', 'InvalidRequest', true);
      if (!extensible(input.ladder)) throw new ApplicationFailure("this task's deadline is not counted in working days", 'InvalidRequest', true);
      const refusal = mayComplete(actor, holder(), state.status === 'claimed');
      if (refusal) forbid(refusal);
      if (state.extension.pending) throw new ApplicationFailure('an extension is already awaiting its decision', 'Conflict', true);
      if (state.dueAt && workflowNowMs() >= Date.parse(state.dueAt)) {
        throw new ApplicationFailure(`the deadline (${state.dueAt}) has passed: an extension is asked for before it`, 'Conflict', true);
      }
      const left = policy.maxWorkingDays - state.extension.grantedWorkingDays;
      if (workingDays > left) throw new ApplicationFailure(`at most ${left} more working days may be granted`, 'InvalidRequest', true);
    },
  });

  setHandler(decideExtensionUpdate, (req) => {
    const { actor, approve, reason } = extensionDecision(req);
    const extension = state.extension as NonNullable<TaskState['extension']>;
    const { workingDays, requestedBy } = extension.pending as NonNullable<typeof extension.pending>;
    extension.pending = undefined;
    if (approve) {
      extension.grantedWorkingDays += workingDays;
      extensionGranted = true;
    }
    const event = approve ? 'extension-approved' : 'extension-refused';
    record(event, actor.personId, { workingDays, reason, requestedBy });
    emit(event, { actorId: actor.personId, roles: ['assignee'], detail: { workingDays, reason, requestedBy } });
    return state;
  }, {
    validator: (req) => {
      const { actor } = rejectInvalid(extensionDecision, req);
      rejectUnlessOpen();
      if (!state.extension?.pending) throw new ApplicationFailure('no extension is awaiting a decision', 'Conflict', true);
      const approverRoles = input.extension?.approverRoles ?? [];
      if (!mayDecideExtension(actor, state.departmentId, approverRoles)) forbid(`only the ${approverRoles.join(' or ')} of the task's department decides an extension`);
      if (actor.personId === state.extension.pending.requestedBy && !actor.roles.includes('admin')) forbid('an extension is decided by someone other than who asked for it');
    },
  });

  /** The escalation the actor acknowledges: the rung named, or the latest that reached them. */
  const escalationToAcknowledge = (actor: { personId: string }, step: number | undefined): EscalationRecord => {
    if (step !== undefined) {
      const named = escalations.find((e) => e.step === step);
      if (!named) throw new ApplicationFailure(`rung ${step} has not escalated this task`, 'InvalidRequest', true);
      if (!named.recipients.includes(actor.personId)) forbid(`rung ${step}'s escalation did not reach you`);
      return named;
    }
    const reached = escalations.filter((e) => e.recipients.includes(actor.personId));
    if (reached.length === 0) forbid('no escalation of this task has reached you');
    return reached[reached.length - 1];
  };

  setHandler(acknowledgeEscalationUpdate, (req) => {
    const { actor, step, note } = acknowledgeRequest(req);
    const escalation = escalationToAcknowledge(actor, step);
    // A second acknowledgement by the same person changes nothing: the first one stands.
    if (escalation.acknowledgements.some((a) => a.personId === actor.personId)) return state;
    escalation.acknowledgements.push({ personId: actor.personId, at: workflowNowIso(), ...(note ? { note } : {}) });
    record('acknowledged', actor.personId, { step: escalation.step, label: escalation.label, note });
    emit('acknowledged', { actorId: actor.personId, step: escalation.step, detail: { label: escalation.label, escalatedAt: escalation.at, note } });
    return state;
  }, {
    validator: (req) => {
      const { actor, step } = rejectInvalid(acknowledgeRequest, req);
      rejectUnlessOpen();
      escalationToAcknowledge(actor, step);
    },
  });

  /** The payload as the form reads it (trimmed, defaults applied); the validator has already refused a bad one. */
  function checkedPayload(outcome: string, payload: Record<string, unknown>): Record<string, unknown> {
    const checked = checkFormPayload(state.form, outcome, payload);
    return checked.ok ? checked.payload : payload;
  }

  const computeAll = async (onlyUnfired: boolean): Promise<void> => {
    const steps = [-1, ...input.ladder.steps.map((_, i) => i)].filter(
      (step) => !onlyUnfired || !state.deadlines.find((d) => d.step === step)?.fired,
    );
    const granted = state.extension?.grantedWorkingDays ?? 0;
    const offsets = steps.map((step) => extended(step < 0 ? input.ladder.due : input.ladder.steps[step].at, granted));
    const computed = await computeDeadlines({ from: clockStart, offsets });
    steps.forEach((step, i) => {
      const existing = state.deadlines.find((d) => d.step === step);
      const next: Deadline = { step, at: computed[i].at, provisional: computed[i].provisional, fired: existing?.fired ?? false };
      if (existing) Object.assign(existing, next);
      else state.deadlines.push(next);
    });
    state.dueAt = state.deadlines.find((d) => d.step === -1)?.at;
    state.provisional = anyPendingProvisional();
  };
  /** Provisional while a deadline still ahead was computed from a year without official data. */
  const anyPendingProvisional = () => state.deadlines.some((d) => !d.fired && d.provisional);

  const fire = (deadline: Deadline) => {
    deadline.fired = true;
    if (deadline.step < 0) return;
    const step = input.ladder.steps[deadline.step];
    const light: Light = step.light ? worseLight(state.light, step.light) : state.light;
    if (light !== state.light) {
      const from = state.light;
      state.light = light;
      record('light-changed', undefined, { from, to: light, step: deadline.step });
      emit('light-changed', { step: deadline.step, time: deadline.at, detail: { from, to: light } });
    }
    const event = step.kind === 'reminder' ? 'reminded' : 'escalated';
    record(event, undefined, { step: deadline.step, roles: step.notify, label: step.label });
    if (step.kind === 'reminder') {
      emit(event, { step: deadline.step, time: deadline.at, roles: step.notify, detail: { label: step.label, deadline: deadline.at } });
      return;
    }
    // The next rung tells whether the previous escalation was acknowledged, and by whom.
    const previous = escalations[escalations.length - 1];
    const previousEscalation = previous && {
      step: previous.step,
      acknowledged: previous.acknowledgements.length > 0,
      acknowledgedBy: previous.acknowledgements.map((a) => a.personId),
    };
    const escalation: EscalationRecord = { step: deadline.step, at: deadline.at, label: step.label, recipients: [], acknowledgements: [] };
    escalations.push(escalation);
    emit(event, {
      step: deadline.step, time: deadline.at, roles: step.notify,
      detail: { label: step.label, deadline: deadline.at, ...(previousEscalation ? { previousEscalation } : {}) },
      onPublished: (recipients) => {
        escalation.recipients = recipients;
        escalatedToChanged = recipients.length > 0;
      },
    });
  };

  /**
   * After an extension: every rung computed again from the clock start; a rung that fired but now
   * lies ahead is pending again (the reminder comes again before the new deadline), and the light
   * is that of the rungs that stay fired.
   */
  const extendDeadlines = async (): Promise<void> => {
    await computeAll(false);
    const now = workflowNowMs();
    let light: Light = 'green';
    for (const d of state.deadlines) {
      d.fired = d.fired && Date.parse(d.at) <= now;
      const stepLight = d.fired && d.step >= 0 ? input.ladder.steps[d.step].light : undefined;
      if (stepLight) light = worseLight(light, stepLight);
    }
    state.provisional = anyPendingProvisional();
    if (light !== state.light) {
      record('light-changed', undefined, { from: state.light, to: light });
      emit('light-changed', { detail: { from: state.light, to: light } });
      state.light = light;
    }
    record('deadline-extended', undefined, { dueAt: state.dueAt, grantedWorkingDays: state.extension?.grantedWorkingDays });
    emit('deadline-extended', { roles: ['assignee'], detail: { grantedWorkingDays: state.extension?.grantedWorkingDays } });
  };

  const done = () => state.status === 'completed';

  try {
    await computeAll(false);
    indexForSearch();
    emit('created', { roles: ['assignee', ...input.notifyOnCreate] });

    for (;;) {
      await outbox.drain();
      if (escalatedToChanged && patched('index-escalated-to')) {
        escalatedToChanged = false;
        upsertSearchAttributes([{ key: GlEscalatedTo, value: [...new Set(escalations.flatMap((e) => e.recipients))] }]);
      }
      if (done()) break;
      if (extensionGranted) {
        extensionGranted = false;
        await extendDeadlines();
        indexForSearch();
        continue;
      }
      if (recomputeRequested) {
        recomputeRequested = false;
        await computeAll(true);
        record('deadlines-recomputed');
        indexForSearch();
        emit('deadlines-recomputed', { detail: { deadlines: state.deadlines } });
        continue;
      }
      const next = state.deadlines.filter((d) => !d.fired).sort((a, b) => a.at.localeCompare(b.at) || a.step - b.step)[0];
      const wake = () => done() || recomputeRequested || extensionGranted || !outbox.isEmpty;
      if (!next) {
        await condition(wake);
        continue;
      }
      const waitMs = Date.parse(next.at) - workflowNowMs();
      if (waitMs > 0 && (await condition(wake, waitMs))) continue;
      fire(next);
      state.provisional = anyPendingProvisional();
      indexForSearch();
    }
    await condition(() => outbox.isEmpty);
    return {
      status: 'completed', completion: state.completion as TaskCompletion, light: state.light,
      ...(state.extension ? { extendedWorkingDays: state.extension.grantedWorkingDays } : {}),
    };
  } catch (err) {
    if (!isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      state.status = 'cancelled';
      record('cancelled');
      indexForSearch();
      emit('cancelled');
      await outbox.drain();
    });
    throw err;
  }
}
