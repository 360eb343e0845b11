/**
 * Extending a human task's deadline (延期): asked for by whoever may complete the task, decided
 * by an approver of its department; the checks on a request and a decision, the Updates, and the
 * ladder an extension gives. The checks are zod-free like task-requests.ts, so a task stays light.
 *
 * Rules:
 * - Only a task whose definition allows extensions (`extension` in its input), and whose deadline
 *   is counted in working days, can be extended: an extension is granted in working days, the
 *   unit the district's time limits are counted in; a ladder in elapsed time (short test SLAs) or
 *   calendar months has no working day to add.
 * - It is asked for before the deadline, one request at a time, up to the policy's maximum in all.
 * - It is decided by someone of the task's department with an approver role (or an admin), never
 *   by who asked for it; the asker is told the decision: a refusal at once, an approval once, by
 *   `deadline-extended` with the new deadline and who approved it (patched, EXTENSION_TOLD_ONCE).
 * - Granted, every working-day rung moves (the task's loop recomputes them, task-deadlines.ts).
 */
import { ApplicationFailure, defineUpdate, patched, setHandler } from '@temporalio/workflow';
import type { Actor } from '../contracts/directory';
import type { Ladder, Offset } from '../contracts/ladder';
import type { DecideExtension, RequestExtension, TaskState } from '../contracts/task';
import { workflowNowIso, workflowNowMs } from './clock';
import { mayComplete } from './task-access';
import { InvalidRequest, actorOf } from './task-requests';
import type { TaskRun } from './task-run';

/** The patch under which an approved extension is told once, with its new deadline, and not to the one who approved it. */
const EXTENSION_TOLD_ONCE = 'extension-told-once-with-new-deadline';

/** Whoever may complete the task asks for more working days, before its deadline. */
export const requestExtensionUpdate = defineUpdate<TaskState, [RequestExtension]>('requestExtension');
/** The department's approver grants or refuses the pending request; granted, every working-day rung moves. */
export const decideExtensionUpdate = defineUpdate<TaskState, [DecideExtension]>('decideExtension');

export function extensionRequest(req: unknown): RequestExtension {
  const actor = actorOf(req);
  const { workingDays, reason } = req as RequestExtension;
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new InvalidRequest('workingDays: a whole number of working days, at least 1');
  if (typeof reason !== 'string' || reason.trim() === '') throw new InvalidRequest('reason: say why more time is needed');
  return { actor, workingDays, reason: reason.trim() };
}

export function extensionDecision(req: unknown): DecideExtension {
  const actor = actorOf(req);
  const { approve, reason } = req as DecideExtension;
  if (typeof approve !== 'boolean') throw new InvalidRequest('approve: true or false');
  if (reason !== undefined && typeof reason !== 'string') throw new InvalidRequest('reason: text');
  return { actor, approve, reason: reason?.trim() || undefined };
}

/** Someone of the task's department with an approver role, or an admin. */
export function mayDecideExtension(actor: Actor, departmentId: string | undefined, approverRoles: readonly string[]): boolean {
  if (actor.roles.includes('admin')) return true;
  return departmentId !== undefined && actor.departments.includes(departmentId) && actor.roles.some((r) => approverRoles.includes(r));
}

/** An offset moved by the working days granted; other units stay where they are. */
export function extended(offset: Offset, grantedWorkingDays: number): Offset {
  return grantedWorkingDays > 0 && 'workingDays' in offset ? { workingDays: offset.workingDays + grantedWorkingDays } : offset;
}

/** Whether a ladder's deadline is counted in working days, so that an extension can move it. */
export function extensible(ladder: Ladder): boolean {
  return 'workingDays' in ladder.due;
}

export function handleExtension(run: TaskRun): void {
  const { state, input } = run;
  setHandler(requestExtensionUpdate, (req) => {
    const { actor, workingDays, reason } = extensionRequest(req);
    (state.extension as NonNullable<TaskState['extension']>).pending = { workingDays, reason, requestedBy: actor.personId, requestedAt: workflowNowIso() };
    run.record('extension-requested', actor, { workingDays, reason });
    run.emit('extension-requested', { actorId: actor.personId, roles: ['departmentHead'], detail: { workingDays, reason } });
    if (patched('index-extension-pending')) {
      run.extensionIndexed = true;
      run.indexForSearch();
    }
    return state;
  }, {
    validator: (req) => {
      const { actor, workingDays } = run.rejectInvalid(extensionRequest, req);
      run.rejectUnlessOpen();
      const policy = input.extension;
      // Validators are not recorded in the history: what a refusal says may change without a patch.
      if (!policy || !state.extension) throw new ApplicationFailure('这项任务不能申请延期', 'InvalidRequest', true);
      if (!extensible(input.ladder)) throw new ApplicationFailure('这项任务的期限不按工作日计算，不能申请延期', 'InvalidRequest', true);
      const refusal = mayComplete(actor, run.holder(), state.status === 'claimed');
      if (refusal) run.forbid(refusal);
      if (state.extension.pending) throw new ApplicationFailure('已有一项延期申请在等待审批，请等审批后再申请', 'Conflict', true);
      if (state.dueAt && workflowNowMs() >= Date.parse(state.dueAt)) {
        throw new ApplicationFailure('办理期限已过：延期须在期限之前申请', 'Conflict', true);
      }
      const left = policy.maxWorkingDays - state.extension.grantedWorkingDays;
      if (workingDays > left) throw new ApplicationFailure(`最多还能延期 ${left} 个工作日，请减少延长工作日数`, 'InvalidRequest', true);
    },
  });

  setHandler(decideExtensionUpdate, (req) => {
    const { actor, approve, reason } = extensionDecision(req);
    const extension = state.extension as NonNullable<TaskState['extension']>;
    const { workingDays, requestedBy } = extension.pending as NonNullable<typeof extension.pending>;
    extension.pending = undefined;
    if (approve) {
      extension.grantedWorkingDays += workingDays;
      run.extensionGranted = true;
    }
    const event = approve ? 'extension-approved' : 'extension-refused';
    run.record(event, actor, { workingDays, reason, requestedBy });
    // An approval is told once, by `deadline-extended` with the new deadline (before, the approval was
    // told too, with the old one); a refusal is told at once.
    const toldOnce = approve && patched(EXTENSION_TOLD_ONCE);
    if (toldOnce) run.approvedExtension = { actorId: actor.personId, detail: { workingDays, reason, requestedBy } };
    run.emit(event, { actorId: actor.personId, roles: toldOnce ? undefined : ['assignee'], detail: { workingDays, reason, requestedBy } });
    if (run.extensionIndexed) run.indexForSearch();
    return state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(extensionDecision, req);
      run.rejectUnlessOpen();
      if (!state.extension?.pending) throw new ApplicationFailure('no extension is awaiting a decision', 'Conflict', true);
      const approverRoles = input.extension?.approverRoles ?? [];
      if (!mayDecideExtension(actor, state.departmentId, approverRoles)) run.forbid(`only the ${approverRoles.join(' or ')} of the task's department decides an extension`);
      if (actor.personId === state.extension.pending.requestedBy && !actor.roles.includes('admin')) run.forbid('an extension is decided by someone other than who asked for it');
    },
  });
}
