/**
 * The one place an id is resolved to what it names. A task route given a process id, or a
 * kind's route given another kind's id, is answered 404 exactly as an unknown id is: the
 * caller learns neither that the id exists nor what it holds.
 *
 * ```ts
 * const { handle, execution } = await resolve(client, id, { what: 'task', isType: (t) => isVersionOf('humanTask', t) });
 * const { handle } = await resolveVisible(client, id, TASK, async (found) => mayReadTask(actor, await concernsOf(found)) === true);
 * ```
 *
 * Whoever may not read a thing gets that same 404 from every route that names it, before anything
 * else is asked of it (an Update's validator, a replayed Idempotency-Key): they learn neither that
 * it exists, nor who holds it, nor its state.
 */
import type { Client, WorkflowExecutionDescription, WorkflowHandle } from '@temporalio/client';
import { isVersionOf } from '../intake/actions';
import { GlAssignedLeader, GlAssignee, GlCandidateGroups, GlDepartment, GlEntityKind } from '../contracts/search-attributes';
import { HttpError, orHttpError } from './errors';

export interface Expected {
  /** What the route serves, in words: `task`, or a kind such as `landUseDispute`. */
  what: string;
  /** Whether a workflow of this type is one. */
  isType(workflowType: string): boolean;
}

/** The workflow type of every human task (workflows/human-task.ts). */
export const TASK: Expected = { what: 'task', isType: (type) => isVersionOf('humanTask', type) };

/** A supervision instruction (workflows/supervision.ts). */
export const INSTRUCTION: Expected = { what: 'instruction', isType: (type) => type === 'supervisionInstruction' };

/** A kind's processes: the kind's workflow, or a later version of it. */
export const processOf = (kind: string): Expected => ({ what: kind, isType: (type) => isVersionOf(kind, type) });

export async function resolve(client: Client, id: string, expected: Expected): Promise<{ handle: WorkflowHandle; execution: WorkflowExecutionDescription }> {
  const handle = client.workflow.getHandle(id);
  let execution: WorkflowExecutionDescription;
  try {
    execution = await orHttpError(handle.describe());
  } catch (err) {
    if (err instanceof HttpError && err.statusCode === 404) throw notFound(expected, id);
    throw err;
  }
  if (!expected.isType(execution.type)) throw notFound(expected, id);
  return { handle, execution };
}

export const notFound = (expected: Expected, id: string) => new HttpError(404, `no ${expected.what} ${id}`);

/** Resolves an id the caller may see: 404, as for an unknown id, when `visible` says no. */
export async function resolveVisible(
  client: Client, id: string, expected: Expected,
  visible: (found: { handle: WorkflowHandle; execution: WorkflowExecutionDescription }) => boolean | Promise<boolean>,
): Promise<{ handle: WorkflowHandle; execution: WorkflowExecutionDescription }> {
  const found = await resolve(client, id, expected);
  if (!(await visible(found))) throw notFound(expected, id);
  return found;
}

/**
 * Whom a human task concerns, from the search attributes the server holds for it (no worker
 * needed, so an authorisation still answers while the worker is down); undefined before its first
 * workflow task has indexed it, when only its query can say.
 */
export function taskConcerns(execution: WorkflowExecutionDescription): { departmentId?: string; assigneeId?: string; initiatorId?: string } | undefined {
  const sa = execution.typedSearchAttributes;
  if (sa.get(GlEntityKind) !== 'task') return undefined;
  const department = (sa.get(GlCandidateGroups) ?? []).find((g) => g.startsWith('dept:') && !g.includes(':role:'));
  const initiatorId = typeof execution.memo?.initiatorId === 'string' ? execution.memo.initiatorId : undefined;
  return { departmentId: department?.slice('dept:'.length), assigneeId: sa.get(GlAssignee), ...(initiatorId ? { initiatorId } : {}) };
}

/**
 * Whom a human task concerns, from the input it was started with: before its first workflow task
 * has indexed it (no worker has taken it yet) the server still holds that input, so a read or an
 * action is authorised without the worker (a completion is then answered 202, not 503).
 */
export async function taskStartConcerns(client: Client, workflowId: string): Promise<{ departmentId?: string; assigneeId?: string } | undefined> {
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace, execution: { workflowId }, maximumPageSize: 1,
  });
  const payload = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) return undefined;
  const input = client.options.loadedDataConverter.payloadConverter.fromPayload<{ departmentId?: string; assigneeId?: string } | undefined>(payload);
  return input && (input.departmentId || input.assigneeId) ? { departmentId: input.departmentId, assigneeId: input.assigneeId } : undefined;
}

/** Whom a supervision instruction (督办) concerns: its department, the leader who issued it and who answers it (set at its start). */
export function instructionConcerns(execution: WorkflowExecutionDescription): { departments: string[]; people: string[] } {
  const sa = execution.typedSearchAttributes;
  const defined = (values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
  return { departments: defined([sa.get(GlDepartment)]), people: defined([sa.get(GlAssignedLeader), sa.get(GlAssignee)]) };
}
