/**
 * Checking what reaches a running human task — its input, and the arguments of its updates —
 * without zod. The contracts in contracts/task.ts are the reference (the API validates bodies
 * against them before anything reaches a workflow); these checks guard the workflow against
 * any other caller, and build nothing at import, so each workflow stays light.
 */
import type { Actor } from '../contracts/directory';
import type {
  AcknowledgeEscalation, ChaseTask, ClaimTask, CopyTo, CompleteTask, ForbiddableVerb, HumanTaskInput, HumanTaskParams, ReassignTask,
} from '../contracts/task';

export class InvalidRequest extends Error {}

/** contracts/task.ts ForbiddableVerb, said again without zod (checked equal in task-verbs-forbidden.test.ts). */
export const forbiddableVerbs: readonly ForbiddableVerb[] = ['chase', 'copy', 'addSigners', 'signAfter', 'delegate', 'transfer', 'withdraw'];

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function actorOf(req: unknown): Actor {
  const actor = isRecord(req) ? req.actor : undefined;
  if (!isRecord(actor) || !isString(actor.personId) || !isStringArray(actor.departments) || !isStringArray(actor.roles)) {
    throw new InvalidRequest('actor: a person id with their departments and roles is required');
  }
  return {
    personId: actor.personId, departments: actor.departments, roles: actor.roles as Actor['roles'],
    ...(isString(actor.agentId) ? { agentId: actor.agentId } : {}),
  };
}

/** The task's input with its defaults applied; the process that starts a task builds it in code. */
export function withTaskDefaults(input: HumanTaskInput): HumanTaskParams {
  if (!isString(input.taskKey) || !isString(input.processKind) || !isString(input.processId) || !isString(input.title)) {
    throw new InvalidRequest('a task needs a taskKey, processKind, processId and title');
  }
  if (input.departmentId === undefined && input.assigneeId === undefined) throw new InvalidRequest('a task needs an assignee or a department');
  if (!isStringArray(input.outcomes) || input.outcomes.length === 0) throw new InvalidRequest('a task needs at least one outcome');
  if (!isRecord(input.ladder) || !Array.isArray(input.ladder.steps)) throw new InvalidRequest('a task needs a ladder');
  const automatic = input.ladder.steps.find((s) => s.autoComplete && !input.outcomes.includes(s.autoComplete.outcome));
  if (automatic?.autoComplete) throw new InvalidRequest(`ladder: a rung completes the task with "${automatic.autoComplete.outcome}", which is not one of its outcomes`);
  const forbid = input.verbs?.forbid ?? [];
  const unknownVerb = forbid.find((v) => !forbiddableVerbs.includes(v));
  if (unknownVerb) throw new InvalidRequest(`verbs.forbid: "${unknownVerb}" is not a verb a kind may forbid (${forbiddableVerbs.join(', ')})`);
  return {
    ...input,
    verbs: input.verbs ? { forbid } : undefined,
    candidateRoles: input.candidateRoles ?? ['staff', 'departmentHead'],
    outcomeRoles: input.outcomeRoles ?? {},
    supervisingLeaderIds: input.supervisingLeaderIds ?? [],
    notifyOnCreate: input.notifyOnCreate ?? [],
  };
}

export function completeRequest(req: unknown): {
  actor: Actor; outcome: string; payload: Record<string, unknown>; copyTo?: { personIds: string[]; departmentIds: string[] };
} {
  const actor = actorOf(req);
  const { outcome, payload, copyTo } = req as CompleteTask;
  if (!isString(outcome)) throw new InvalidRequest('outcome: choose one of the task\'s outcomes');
  if (payload !== undefined && !isRecord(payload)) throw new InvalidRequest('payload: an object with the form\'s fields');
  return { actor, outcome, payload: payload ?? {}, ...(copyTo !== undefined ? { copyTo: copyToOf(copyTo, 'copyTo.') } : {}) };
}

export function claimRequest(req: unknown): ClaimTask {
  return { actor: actorOf(req) };
}

export function reassignRequest(req: unknown): ReassignTask {
  const actor = actorOf(req);
  const { toPersonId, toDepartmentId, reason, ifHeldBy } = req as ReassignTask;
  if (toPersonId === undefined && toDepartmentId === undefined) throw new InvalidRequest('reassign to a person, a department, or both');
  if ((toPersonId !== undefined && !isString(toPersonId)) || (toDepartmentId !== undefined && !isString(toDepartmentId))) {
    throw new InvalidRequest('toPersonId and toDepartmentId are ids');
  }
  if (reason !== undefined && typeof reason !== 'string') throw new InvalidRequest('reason: text');
  if (ifHeldBy !== undefined && !isString(ifHeldBy)) throw new InvalidRequest('ifHeldBy: a person id');
  return { actor, toPersonId, toDepartmentId, reason, ...(ifHeldBy !== undefined ? { ifHeldBy } : {}) };
}

export function acknowledgeRequest(req: unknown): AcknowledgeEscalation {
  const actor = actorOf(req);
  const { step, note } = req as AcknowledgeEscalation;
  if (step !== undefined && (!Number.isInteger(step) || step < 0)) throw new InvalidRequest('step: the number of an escalation rung');
  if (note !== undefined && typeof note !== 'string') throw new InvalidRequest('note: text');
  return { actor, step, note };
}

export function chaseRequest(req: unknown): ChaseTask {
  const actor = actorOf(req);
  const { note } = req as ChaseTask;
  if (note !== undefined && typeof note !== 'string') throw new InvalidRequest('note: text');
  if (typeof note === 'string' && note.length > 500) throw new InvalidRequest('note: at most 500 characters');
  const trimmed = note?.trim();
  return { actor, ...(trimmed ? { note: trimmed } : {}) };
}

/** Whom to copy: person ids (at least one) and the department ids they came through. */
export function copyToOf(value: unknown, field: string): { personIds: string[]; departmentIds: string[] } {
  const { personIds, departmentIds } = (isRecord(value) ? value : {}) as CopyTo;
  if (!isStringArray(personIds) || personIds.length === 0 || personIds.length > 100 || personIds.some((p) => p.length === 0)) {
    throw new InvalidRequest(`${field}personIds: one to 100 person ids`);
  }
  if (departmentIds !== undefined && !isStringArray(departmentIds)) throw new InvalidRequest(`${field}departmentIds: department ids`);
  return { personIds, departmentIds: departmentIds ?? [] };
}

export function copyRequest(req: unknown): { actor: Actor; personIds: string[]; departmentIds: string[]; note?: string } {
  const actor = actorOf(req);
  const { note } = req as { note?: unknown };
  if (note !== undefined && (typeof note !== 'string' || note.length > 500)) throw new InvalidRequest('note: text, at most 500 characters');
  const trimmed = typeof note === 'string' ? note.trim() : undefined;
  return { actor, ...copyToOf(req, ''), ...(trimmed ? { note: trimmed } : {}) };
}

const personIdsOf = (value: unknown, max: number): string[] => {
  if (!isStringArray(value) || value.length === 0 || value.length > max || value.some((p) => p.length === 0)) {
    throw new InvalidRequest(`personIds: one to ${max} person ids`);
  }
  return [...new Set(value)];
};
const textOf = (value: unknown, field: string, max: number): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) throw new InvalidRequest(`${field}: text, at most ${max} characters`);
  return value.trim() || undefined;
};

export function addSignersRequest(req: unknown): { actor: Actor; personIds: string[]; note?: string } {
  const actor = actorOf(req);
  const r = req as Record<string, unknown>;
  const note = textOf(r.note, 'note', 500);
  return { actor, personIds: personIdsOf(r.personIds, 20), ...(note ? { note } : {}) };
}

export function answerSignRequest(req: unknown): { actor: Actor; opinion: string; agree?: boolean } {
  const actor = actorOf(req);
  const r = req as Record<string, unknown>;
  const opinion = textOf(r.opinion, 'opinion', 2000);
  if (!opinion) throw new InvalidRequest('opinion: give your opinion');
  if (r.agree !== undefined && typeof r.agree !== 'boolean') throw new InvalidRequest('agree: true or false');
  return { actor, opinion, ...(typeof r.agree === 'boolean' ? { agree: r.agree } : {}) };
}

export function signAfterRequest(req: unknown): { actor: Actor; outcome: string; payload: Record<string, unknown>; personIds: string[]; note?: string } {
  const { actor, outcome, payload } = completeRequest(req);
  const r = req as Record<string, unknown>;
  const note = textOf(r.note, 'note', 500);
  return { actor, outcome, payload, personIds: personIdsOf(r.personIds, 20), ...(note ? { note } : {}) };
}

export function withdrawRequest(req: unknown): { actor: Actor; fromTaskId: string; reason: string } {
  const actor = actorOf(req);
  const r = req as Record<string, unknown>;
  if (!isString(r.fromTaskId)) throw new InvalidRequest('fromTaskId: the task you completed and take back');
  const reason = textOf(r.reason, 'reason', 500);
  if (!reason) throw new InvalidRequest('reason: say why you take it back');
  return { actor, fromTaskId: r.fromTaskId, reason };
}

export function removeSignerRequest(req: unknown): { actor: Actor; personId: string; reason?: string } {
  const actor = actorOf(req);
  const r = req as Record<string, unknown>;
  if (!isString(r.personId)) throw new InvalidRequest('personId: the person to remove');
  const reason = textOf(r.reason, 'reason', 500);
  return { actor, personId: r.personId, ...(reason ? { reason } : {}) };
}

export function handOverRequest(req: unknown): { actor: Actor; toPersonId: string; reason?: string } {
  const actor = actorOf(req);
  const r = req as Record<string, unknown>;
  if (!isString(r.toPersonId)) throw new InvalidRequest('toPersonId: the colleague to hand the task to');
  const reason = textOf(r.reason, 'reason', 500);
  return { actor, toPersonId: r.toPersonId, ...(reason ? { reason } : {}) };
}

export function returnDelegationRequest(req: unknown): { actor: Actor; opinion: string } {
  const actor = actorOf(req);
  const opinion = textOf((req as Record<string, unknown>).opinion, 'opinion', 2000);
  if (!opinion) throw new InvalidRequest('opinion: say what you did');
  return { actor, opinion };
}

export function returnRequest(req: unknown): { actor: Actor; toStep: string; reason: string } {
  const actor = actorOf(req);
  const r = req as Record<string, unknown>;
  if (!isString(r.toStep)) throw new InvalidRequest('toStep: the earlier step to return the process to');
  const reason = textOf(r.reason, 'reason', 500);
  if (!reason) throw new InvalidRequest('reason: say why you return it');
  return { actor, toStep: r.toStep, reason };
}
