/**
 * A major project's approvals (重大重点项目并联审批): every approval item whose dependencies are
 * satisfied is reviewed at once, in parallel, by its department as a human task whose ladder
 * ends at the project's assigned leader (挂点领导). Returned for correction (补正), the item's
 * SLA clock stands still until the applicant resubmits; approved with tolerance (容缺), it
 * satisfies its dependants at once and a supplement deadline opens — missed, the item is
 * suspended, and after the grace period withdrawn (退件). The project's light (亮灯预警) is the
 * worst of its open items' and of its overall target's; items close one by one (滚动销号).
 *
 * The story is here; its parts, each with its rules, beside it:
 * - `project-run.ts`: what the parts share, `happened` and the project's light;
 * - `items.ts`: an item's run, in parallel as dependencies allow; `item-review.ts`: its review
 *   rounds; `tolerance.ts`: a tolerance item's supplement;
 * - `plan-changes.ts`: the applicant's answers and the leader's changes (Workflow Updates);
 * - `watches.ts`: every instant the project waits for, on the one timer of the loop below;
 *   `light.ts`: what a watch does when it comes, and a calendar update;
 * - `ladders.ts`: the built-in ladders.
 *
 * Rules of the story: the plan is checked before anything starts (a refused plan fails the
 * workflow, non-retryably); events leave through an ordinary publish activity (event-outbox.ts);
 * a calendar update recomputes every instant not yet passed; the project closes when every item
 * is approved or waived.
 */
import { ApplicationFailure, condition, defineQuery, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Offset } from '../../contracts/ladder';
import { SubmitProject, validatePlan, type ApprovalItem, type ProjectState, type SubmitProjectInput } from './contract';
import { EventOutbox, toCloudEventSource, workflowNowIso, workflowNowMs } from '../../workflows/blocks';
import { calendarUpdatedSignal } from '../../workflows/human-task';
import { newItem, runItems } from './items';
import { handlePlanChanges } from './plan-changes';
import { closedStatuses, computeDeadlines, ladderPresets, PROCESS_KIND, projectJournal, type ProjectRun } from './project-run';
import { fireWatch, recomputeWatches } from './light';
import { Watches } from './watches';

export { PROCESS_KIND } from './project-run';
export { reviewLadder, supplementCheckLadder } from './ladders';
export { addItemUpdate, changeItemDepartmentUpdate, resubmitUpdate, supplyMaterialsUpdate, waiveItemUpdate } from './plan-changes';

export const projectStateQuery = defineQuery<ProjectState>('state');

/** A yellow warning this many working days before the overall target, when the target is further away. */
const TARGET_WARNING_DAYS = 5;

/** One project, from its plan to every item approved or waived. The workflow id is the project's id. */
export async function projectApproval(raw: SubmitProjectInput): Promise<ProjectState> {
  const project = SubmitProject.parse(raw);
  const problems = validatePlan(project.plan);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(`the approval plan is refused: ${problems.map((p) => p.message).join('; ')}`, 'InvalidPlan');
  }
  const id = workflowInfo().workflowId;
  // Published through an ordinary activity: see event-outbox.ts.
  const outbox = new EventOutbox(toCloudEventSource(PROCESS_KIND, id), 0, 'activity');
  const startedAt = workflowNowIso();
  const plan = new Map<string, ApprovalItem>(project.plan.items.map((i) => [i.key, i]));
  const state: ProjectState = {
    id,
    name: project.name,
    category: project.category,
    investmentCny: project.investmentCny,
    demonstration: project.demonstration,
    assignedLeaderId: project.assignedLeaderId,
    responsibleDepartmentId: project.responsibleDepartmentId,
    taskForce: project.taskForce,
    applicantName: project.applicant.name,
    status: 'running',
    light: 'green',
    startedAt,
    target: { workingDays: project.plan.targetWorkingDays, provisional: false, light: 'green' },
    graceWorkingDays: project.plan.graceWorkingDays,
    items: project.plan.items.map(newItem),
  };
  // Each item's materials (from the plan) are read with the state, for the reviewer to see which
  // are missing and essential; they are not kept in it: the input holds them.
  setHandler(projectStateQuery, () => ({ ...state, items: state.items.map((i) => ({ ...i, materials: plan.get(i.key)?.materials ?? [] })) }));
  // The directory's presets (`projectApproval.review`, `projectApproval.supplementCheck`) replace
  // the built-in ladders. Projects started before presets applied to them run without.
  const presets = patched('ladder-presets-from-directory') ? await ladderPresets({ processKind: PROCESS_KIND }) : {};

  const watches = new Watches();
  const run: ProjectRun = {
    id, state, plan, presets, watches,
    resubmitted: new Set(), supplied: new Map(), running: new Map(), deadlinesPassed: new Map(), reopenings: new Map(), fatal: undefined,
    item: (key) => state.items.find((i) => i.key === key),
    ...projectJournal(id, state, outbox, watches),
    startReady: () => undefined,
    launch: () => undefined,
  };
  runItems(run);
  let recomputeRequested = false;
  setHandler(calendarUpdatedSignal, () => {
    recomputeRequested = true;
  });
  handlePlanChanges(run);

  // The overall target: yellow TARGET_WARNING_DAYS before it, red at it.
  const targetOffsets: Offset[] = state.target.workingDays > TARGET_WARNING_DAYS
    ? [{ workingDays: state.target.workingDays - TARGET_WARNING_DAYS }, { workingDays: state.target.workingDays }]
    : [{ workingDays: state.target.workingDays }];
  const targetDeadlines = await computeDeadlines({ from: startedAt, offsets: targetOffsets });
  const targetDue = targetDeadlines[targetDeadlines.length - 1];
  state.target.dueAt = targetDue.at;
  state.target.provisional = targetDue.provisional;
  targetDeadlines.forEach((d, i) => watches.add(d.at, {
    from: startedAt, offset: targetOffsets[i], provisional: d.provisional, light: i === targetDeadlines.length - 1 ? 'red' : 'yellow',
    shown: i === targetDeadlines.length - 1 ? (at, provisional) => void Object.assign(state.target, { dueAt: at, provisional }) : undefined,
  }));
  run.index();
  run.happened('submitted', undefined, {
    category: state.category, investmentCny: state.investmentCny, items: state.items.length, targetDueAt: targetDue.at,
  });
  run.startReady();

  // The one timer: the earliest watch, or anything that changes what to wait for.
  const allClosed = () => state.items.every((i) => closedStatuses.includes(i.status));
  for (;;) {
    await outbox.drain();
    if (run.fatal !== undefined) throw run.fatal;
    if (allClosed()) break;
    if (recomputeRequested) {
      recomputeRequested = false;
      await recomputeWatches(run);
      continue;
    }
    const next = watches.next();
    const seen = watches.version;
    const wake = () => !outbox.isEmpty || run.fatal !== undefined || allClosed() || watches.version !== seen || recomputeRequested;
    if (!next) {
      await condition(wake);
      continue;
    }
    const waitMs = Date.parse(next.at) - workflowNowMs();
    if (waitMs > 0 && (await condition(wake, waitMs))) continue;
    fireWatch(run, next);
  }

  state.status = 'approved';
  run.index();
  run.happened('approved', undefined, { items: state.items.map((i) => ({ key: i.key, status: i.status })) });
  await outbox.drain();
  return state;
}
