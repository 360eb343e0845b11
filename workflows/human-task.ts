/**
 * The human task (经办任务): one person's or department's piece of work inside a process,
 * with an escalation ladder driven by durable timers and completion by a Workflow Update.
 *
 * Started as a child of a process with the id `<processId>/<taskKey>`:
 *
 * ```ts
 * const result = await executeChild(humanTask, { workflowId: `${id}/handling`, args: [input] });
 * ```
 *
 * The story is here; each verb is a file of its own, with its rules (task-run.ts says what they
 * share): claim and release (task-claim.ts), complete (task-completion.ts), reassign
 * (task-reassign.ts), extension (task-extension.ts), acknowledge (task-acknowledge.ts), chase (催办,
 * task-chase.ts), copy (抄送, task-copy.ts: each copy a small workflow of its own), opinions asked
 * before deciding and taken off (前加签 / 减签, task-signers.ts), delegate and transfer (委派 / 转交,
 * task-handover.ts), take back the step before (撤回, task-withdraw.ts), return the process to an
 * earlier step (退回, task-return.ts); the deadlines
 * and the ladder are task-deadlines.ts. A new verb is a new file and one line below.
 *
 * Rules of the story: the task's one timer waits for its next rung; events leave in order
 * through the outbox, drained before every wait; the task ends when it is completed (after its
 * events are out), or when its process cancels it (`cancelled`, recorded and published even
 * then).
 */
import {
  CancellationScope, condition, defineQuery, defineSignal, isCancellation, patched, setHandler, upsertSearchAttributes,
} from '@temporalio/workflow';
import { GlEscalatedTo } from '../contracts/search-attributes';
import type { HumanTaskInput, HumanTaskParams, TaskCompletion, TaskResult, TaskState } from '../contracts/task';
import { workflowNowMs } from './clock';
import { handleAcknowledgement } from './task-acknowledge';
import { handleChase } from './task-chase';
import { handleClaim, handleRelease } from './task-claim';
import { handleCopy } from './task-copy';
import { handleHandOver } from './task-handover';
import { handleWithdraw } from './task-withdraw';
import { handleReturn } from './task-return';
import { handleSigners } from './task-signers';
import { handleCompletion } from './task-completion';
import { anyPendingProvisional, computeAll, extendDeadlines, fire } from './task-deadlines';
import { handleExtension } from './task-extension';
import { handleReassign } from './task-reassign';
import { withTaskDefaults } from './task-requests';
import { newTaskRun } from './task-run';

export { completeTaskUpdate } from './task-completion';
export { claimTaskUpdate, releaseTaskUpdate } from './task-claim';
export { reassignTaskUpdate } from './task-reassign';
export { requestExtensionUpdate, decideExtensionUpdate } from './task-extension';
export { acknowledgeEscalationUpdate } from './task-acknowledge';
export { chaseTaskUpdate } from './task-chase';
export { copyTaskUpdate, copyIdOf, copyStateQuery, markCopyReadUpdate, taskCopy } from './task-copy';
export { addSignersUpdate, answerSignUpdate, removeSignerUpdate, signAfterUpdate } from './task-signers';
export { delegateTaskUpdate, returnDelegationUpdate, transferTaskUpdate } from './task-handover';
export { withdrawTaskUpdate } from './task-withdraw';
export { returnTaskUpdate, returnedElsewhereSignal } from './task-return';
export { candidateGroups } from './task-run';

export const taskStateQuery = defineQuery<TaskState>('state');
/** Sent when calendar data is added or corrected: future deadlines are computed again. */
export const calendarUpdatedSignal = defineSignal('calendarUpdated');

/** A human task: assignment, claim/release/reassign, completion by Update, and its escalation ladder. */
export async function humanTask(rawInput: HumanTaskInput): Promise<TaskResult> {
  const input: HumanTaskParams = withTaskDefaults(rawInput);
  const run = newTaskRun(input);
  const { state, outbox } = run;

  setHandler(taskStateQuery, () => state);
  setHandler(calendarUpdatedSignal, () => {
    run.recomputeRequested = true;
  });
  handleCompletion(run);
  handleClaim(run);
  handleRelease(run);
  handleReassign(run);
  handleExtension(run);
  handleAcknowledgement(run);
  handleChase(run);
  handleCopy(run);
  handleSigners(run);
  handleHandOver(run);
  handleWithdraw(run);
  handleReturn(run);

  const done = () => state.status === 'completed' || state.withdrawal !== undefined || state.returned !== undefined;

  try {
    await computeAll(run, false);
    run.indexForSearch();
    run.emit('created', { roles: ['assignee', ...input.notifyOnCreate] });

    for (;;) {
      await outbox.drain();
      if (run.escalatedToChanged && patched('index-escalated-to')) {
        run.escalatedToChanged = false;
        upsertSearchAttributes([{ key: GlEscalatedTo, value: [...new Set(run.escalations.flatMap((e) => e.recipients))] }]);
      }
      if (done()) {
        if (run.copying === 0) break;
        await condition(() => run.copying === 0);
        continue;
      }
      if (run.extensionGranted) {
        run.extensionGranted = false;
        await extendDeadlines(run);
        run.indexForSearch();
        continue;
      }
      if (run.recomputeRequested) {
        run.recomputeRequested = false;
        await computeAll(run, true);
        run.record('deadlines-recomputed');
        run.indexForSearch();
        run.emit('deadlines-recomputed', { detail: { deadlines: state.deadlines } });
        continue;
      }
      const next = state.deadlines.filter((d) => !d.fired).sort((a, b) => a.at.localeCompare(b.at) || a.step - b.step)[0];
      const wake = () => done() || run.recomputeRequested || run.extensionGranted || !outbox.isEmpty;
      if (!next) {
        await condition(wake);
        continue;
      }
      const waitMs = Date.parse(next.at) - workflowNowMs();
      if (waitMs > 0 && (await condition(wake, waitMs))) continue;
      fire(run, next);
      state.provisional = anyPendingProvisional(run);
      run.indexForSearch();
    }
    await condition(() => outbox.isEmpty);
    if (state.withdrawal) return { status: 'withdrawn', light: state.light, withdrawal: state.withdrawal };
    if (state.returned) return { status: 'returned', light: state.light, returned: state.returned };
    return {
      status: 'completed', completion: state.completion as TaskCompletion, light: state.light,
      ...(state.extension ? { extendedWorkingDays: state.extension.grantedWorkingDays } : {}),
    };
  } catch (err) {
    if (!isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      state.status = 'cancelled';
      // Ended by a return elsewhere in its parallel group (退回): recorded with it, and its holder told why.
      const byReturn = state.cancelledByReturn;
      if (byReturn) {
        run.record('cancelled', undefined, { returnedBy: byReturn.by, fromTaskId: byReturn.fromTaskId, toStep: byReturn.toStep, reason: byReturn.reason });
      } else {
        run.record('cancelled');
      }
      run.indexForSearch();
      if (byReturn) {
        run.emit('cancelled', { actorId: byReturn.by, roles: ['assignee'], detail: { fromTaskId: byReturn.fromTaskId, toStep: byReturn.toStep, reason: byReturn.reason } });
      } else {
        run.emit('cancelled');
      }
      await outbox.drain();
    });
    throw err;
  }
}
