/**
 * An item's review (审查), round after round until a decision, by its department as a human task
 * whose ladder ends at the project's assigned leader (挂点领导).
 *
 * Rules:
 * - Every round keeps the first round's clock start (`clockStartedAt`); returned for correction
 *   (补正), the item's clock stands still until the applicant resubmits: the working days that
 *   passed are counted (activity `countWorkingDays`) and added to every rung of the next round's
 *   ladder. A return on Monday answered on Wednesday gives the department two more working days;
 *   one over National Day gives none.
 * - A tolerance (容缺) the plan does not allow is refused, and the next round's task says why
 *   and tells the department head.
 * - The project watches the round's due instant and rungs for its own light (watches.ts); the
 *   task's deadlines and the project's are computed at once, from the same start.
 * - Approved or tolerated, the item satisfies its dependants at once (`startReady`).
 * - Its reviewer may return the project to a prerequisite already approved (退回, returns.ts);
 *   a prerequisite reopened so runs its round assigned to whoever approved it, on a fresh clock.
 */
import { condition, patched } from '@temporalio/workflow';
import type { Offset } from '../../contracts/ladder';
import type { TaskCompletion } from '../../contracts/task';
import { openTask, pausedLadder, workflowNowIso } from '../../workflows/blocks';
import { toleranceRefusal, type ApprovalItem, type ItemState } from './contract';
import { reviewLadder } from './ladders';
import { computeDeadlines, countWorkingDays, PROCESS_KIND, TELLS_LIGHT_AND_REASON, type ProjectRun } from './project-run';
import { OFFERS_RETURNS, returnTargetsOf, returnToPrerequisite } from './returns';
import { watchSupplement } from './tolerance';

/** Review rounds until a decision: a return for correction or a refused tolerance opens another round on the same clock. */
export async function reviewItem(run: ProjectRun, it: ItemState): Promise<'decided' | 'tolerated' | 'returned'> {
  const { id, state, plan, presets, watches, happened } = run;
  let notice: string | undefined;
  for (;;) {
    const def = plan.get(it.key) as ApprovalItem;
    it.round++;
    const reopened = run.reopenings.get(it.key);
    run.reopenings.delete(it.key);
    it.clockStartedAt ??= workflowNowIso();
    const returnTargets = patched(OFFERS_RETURNS) ? returnTargetsOf(run, it) : [];
    const ladder = presets.review ? pausedLadder(presets.review, it.pausedWorkingDays) : reviewLadder(def.slaWorkingDays, it.pausedWorkingDays);
    // The task opens while the project computes the same rungs for its own view of the light.
    const [computed, task] = await Promise.all([
      computeDeadlines({ from: it.clockStartedAt, offsets: [ladder.due, ...ladder.steps.map((s) => s.at)] }),
      openTask({
        taskKey: `${it.key}.review-${it.round}`,
        processKind: PROCESS_KIND,
        processId: id,
        title: notice ? `${state.name}: ${it.name} (${notice})` : `${state.name}: ${it.name}`,
        departmentId: it.departmentId,
        form: 'approvalReview',
        outcomes: def.toleranceEligible
          ? ['approve', 'reject', 'returnForCorrection', 'approveWithTolerance']
          : ['approve', 'reject', 'returnForCorrection'],
        ladder,
        assignedLeaderId: state.assignedLeaderId,
        clockStartsAt: it.clockStartedAt,
        notifyOnCreate: notice ? ['departmentHead'] : [],
        ...(returnTargets.length > 0 ? { returnTargets } : {}),
        ...(reopened ? { assigneeId: reopened.completedBy, returnedFrom: reopened } : {}),
      }),
    ]);
    it.light = 'green';
    watches.unwatch(it.key);
    const from = it.clockStartedAt;
    // The due instant itself is watched too, without a light, so that a calendar update moves it.
    watches.add(computed[0].at, { from, offset: ladder.due, provisional: computed[0].provisional, itemKey: it.key, shown: (at, provisional) => void Object.assign(it, { dueAt: at, provisional }) });
    ladder.steps.forEach((step, i) => step.light && watches.add(computed[i + 1].at, {
      from, offset: step.at, provisional: computed[i + 1].provisional, light: step.light, itemKey: it.key,
    }));
    // The item's mark is its shown deadline's own, not any of its rungs' (a 2026 date is never marked provisional for a rung in 2027).
    it.dueAt = computed[0].at;
    it.provisional = computed[0].provisional;
    it.taskId = task.workflowId;
    it.status = 'inReview';
    happened('item-started', it, { taskId: task.workflowId, round: it.round, dueAt: it.dueAt, pausedWorkingDays: it.pausedWorkingDays });
    const result = await task.result();
    it.taskId = undefined;
    watches.unwatch(it.key);
    if (result.status === 'returned') {
      await returnToPrerequisite(run, it, result.returned);
      return 'returned';
    }
    if (result.status !== 'completed') throw new Error(`review task ${task.workflowId} ended without completion`);
    const { outcome, payload, actorId: by }: TaskCompletion = result.completion;
    notice = undefined;
    switch (outcome) {
      case 'approve':
        it.status = 'approved';
        happened('item-approved', it, { by }, undefined, undefined, { comment: payload.comment });
        run.startReady();
        return 'decided';
      case 'reject':
        it.status = 'rejected';
        it.light = 'red';
        // The ground of a refusal is what the assigned leader told of it must read: it goes with the event.
        happened('item-rejected', it, { by, ...(patched(TELLS_LIGHT_AND_REASON) ? { reason: payload.reason } : {}) }, ['assignedLeader'], undefined, { reason: payload.reason });
        return 'decided';
      case 'returnForCorrection': {
        it.status = 'awaitingCorrection';
        it.light = 'green';
        const returnedAt = workflowNowIso();
        happened('item-returned', it, { by, missing: payload.missing, applicant: state.applicantName }, undefined, undefined, { comment: payload.comment });
        await condition(() => run.resubmitted.has(it.key));
        run.resubmitted.delete(it.key);
        const paused = await countWorkingDays({ from: returnedAt, to: workflowNowIso() });
        it.pausedWorkingDays += paused;
        happened('item-resubmitted', it, { pausedWorkingDays: paused });
        continue;
      }
      case 'approveWithTolerance': {
        const missing = payload.missingMaterials as string[];
        const refusal = toleranceRefusal(def, missing);
        if (refusal) {
          notice = `容缺不予受理: ${refusal}`;
          happened('item-tolerance-refused', it, { by, reason: refusal });
          continue;
        }
        // The grace period counts from the supplement deadline's day, so both come from one start.
        const toleratedAt = workflowNowIso();
        const offsets: Offset[] = [{ workingDays: def.supplementWorkingDays }, { workingDays: def.supplementWorkingDays + state.graceWorkingDays }];
        const [due, grace] = await computeDeadlines({ from: toleratedAt, offsets });
        it.tolerance = {
          missingMaterials: missing, commitment: String(payload.commitment), supplementDueAt: due.at, graceDueAt: grace.at, status: 'pending',
          supplementProvisional: due.provisional, graceProvisional: grace.provisional,
        };
        watchSupplement(run, it, toleratedAt, offsets, [due, grace]);
        // The review is over: the item's deadline is now its supplement deadline, with that one's mark.
        it.dueAt = due.at;
        it.provisional = due.provisional;
        it.status = 'tolerated';
        it.light = 'green';
        happened('item-tolerated', it, { by, missingMaterials: missing, supplementDueAt: due.at }, undefined, undefined, { commitment: payload.commitment });
        run.startReady();
        return 'tolerated';
      }
      default:
        throw new Error(`review task ${task.workflowId} completed with unknown outcome ${outcome}`);
    }
  }
}
