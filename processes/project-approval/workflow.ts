/**
 * A major project's approvals (重大重点项目并联审批): every approval item whose dependencies are
 * satisfied is reviewed at once, in parallel, by its department as a human task whose ladder
 * ends at the project's assigned leader (挂点领导). Returned for correction (补正), the item's
 * SLA clock stands still until the applicant resubmits; approved with tolerance (容缺), it
 * satisfies its dependants at once and a supplement deadline opens — missed, the item is
 * suspended, and after the grace period withdrawn (退件). The project's light (亮灯预警) is the
 * worst of its open items' and of its overall target's; items close one by one (滚动销号).
 *
 * Why the clock shift is in working days: the working days that pass while an item awaits
 * correction are counted (activity `countWorkingDays`) and added to every rung of the next
 * review's ladder, which keeps the first review's clock start. A return on Monday answered on
 * Wednesday gives the department two more working days; one over National Day gives none.
 */
import {
  ApplicationFailure, CancellationScope, condition, defineQuery, defineUpdate, isCancellation, proxyActivities,
  patched, setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Actor } from '../../contracts/directory';
import type { Ladder, Light, Offset, RecipientRole } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import {
  AddItem, ChangeItemDepartment, Resubmit, SubmitProject, SupplyMaterials, WaiveItem,
  projectScope, satisfyingStatuses, stillMissing, toleranceRefusal, validatePlan,
  type ApprovalItem, type ItemState, type ItemStatus, type ProjectState, type SubmitProjectInput,
} from './contract';
import { GlDemonstration, GlProvisional } from '../../contracts/search-attributes';
import type { ProcessSnapshot } from '../../contracts/events';
import type { TaskCompletion } from '../../contracts/task';
import {
  EventOutbox, indexProcess, pausedLadder, openTask, runTask, runToleranceItem, toCloudEventSource, workflowNowIso, workflowNowMs, workingDayLadder,
} from '../../workflows/blocks';
import { calendarUpdatedSignal } from '../../workflows/human-task';

export const PROCESS_KIND = 'projectApproval';

// Ordinary activities, not local ones: several item lifecycles await calendar results beside the
// outbox's local activity, and their completions as history events keep one order on replay
// (with local activities here, recorded histories failed the replay gate).
const { computeDeadlines, countWorkingDays, ladderPresets } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const projectStateQuery = defineQuery<ProjectState>('state');
export const supplyMaterialsUpdate = defineUpdate<ItemState, [SupplyMaterials]>('supplyMaterials');
export const resubmitUpdate = defineUpdate<ItemState, [Resubmit]>('resubmit');
export const addItemUpdate = defineUpdate<ItemState, [AddItem]>('addItem');
export const waiveItemUpdate = defineUpdate<ItemState, [WaiveItem]>('waiveItem');
export const changeItemDepartmentUpdate = defineUpdate<ItemState, [ChangeItemDepartment]>('changeItemDepartment');

/**
 * The review ladder of an item with an SLA of `sla` working days, every rung moved by the
 * working days it waited for correction: yellow the day before, red to the department head
 * when due, the assigned leader a working day later.
 */
export function reviewLadder(sla: number, pausedWorkingDays = 0): Ladder {
  return workingDayLadder({ due: sla, paused: pausedWorkingDays });
}

/** The supplement check: a short review of the materials supplied for a tolerance item. */
export const supplementCheckLadder: Ladder = {
  due: { workingDays: 3 },
  steps: [
    { at: { workingDays: 3 }, kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'supplement check overdue' },
    { at: { workingDays: 4 }, kind: 'escalation', light: 'red', notify: ['assignedLeader'], label: 'supplement check overdue: assigned leader' },
  ],
};

/** A yellow warning this many working days before the overall target, when the target is further away. */
const TARGET_WARNING_DAYS = 5;

/**
 * An instant the project waits for: an open review's rung or the target's (a light), or an
 * item's supplement or grace deadline (`onFire`). The main loop owns the one timer, so that no
 * timer of an item races the outbox's local activity, which replay would not reproduce.
 */
interface Watch {
  at: string;
  provisional: boolean;
  /** How `at` was computed, so that a calendar update can compute it again. */
  from: string;
  offset: Offset;
  light?: Light;
  itemKey?: string;
  onFire?: () => void;
  /** Shows a recomputed instant where the state displays it. */
  shown?: (at: string, provisional: boolean) => void;
  fired: boolean;
}

const closedStatuses: readonly ItemStatus[] = ['approved', 'waived'];
const isAdmin = (actor: Actor) => actor.roles.includes('admin');
const refuse = (message: string, type = 'InvalidRequest'): never => {
  throw new ApplicationFailure(message, type, true);
};

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
  const newItem = (def: ApprovalItem): ItemState => ({
    key: def.key,
    name: def.name,
    departmentId: def.departmentId,
    dependsOn: def.dependsOn,
    toleranceEligible: def.toleranceEligible,
    status: 'waiting',
    light: 'green',
    provisional: false,
    pausedWorkingDays: 0,
    round: 0,
    history: [],
  });
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

  const item = (key: string) => state.items.find((i) => i.key === key);
  const running = new Map<string, CancellationScope>();
  const watches: Watch[] = [];
  let watchesVersion = 0;
  const resubmitted = new Set<string>();
  const supplied = new Map<string, SupplyMaterials>();
  let fatal: unknown;
  let recomputeRequested = false;
  setHandler(calendarUpdatedSignal, () => {
    recomputeRequested = true;
  });

  const snapshot = (): ProcessSnapshot => ({
    kind: PROCESS_KIND, title: state.name, status: state.status, light: state.light, closed: state.status === 'approved',
    category: state.category, departmentId: state.responsibleDepartmentId, assignedLeaderId: state.assignedLeaderId, ...projectScope(state),
  });
  const index = () => indexProcess(snapshot(), [
    { key: GlDemonstration, value: state.demonstration },
    { key: GlProvisional, value: watches.some((w) => !w.fired && w.provisional) },
  ]);

  /** The worst light among items not yet closed (滚动销号) and the overall target. */
  const refreshLight = (cause: Record<string, unknown>, time?: string) => {
    const light = state.items
      .filter((i) => !closedStatuses.includes(i.status))
      .reduce<Light>((worst, i) => worseLight(worst, i.light), state.target.light);
    if (light === state.light) return;
    const from = state.light;
    state.light = light;
    index();
    outbox.push({
      aggregate: 'project', event: 'light-changed', subject: id, time,
      data: { projectId: id, name: state.name, from, to: light, ...cause, process: snapshot() },
    });
  };

  // What a person typed (`said`: a comment, a reason) stays in the item's history, which only those
  // who may read the project see; the event carries ids, outcomes and states (workflows/blocks/journal.ts).
  const happened = (event: string, it: ItemState | undefined, detail: Record<string, unknown> = {}, roles?: RecipientRole[], time?: string, said?: Record<string, unknown>) => {
    const at = time ?? workflowNowIso();
    it?.history.push({ at, event, actorId: detail.by as string | undefined, detail: { ...detail, ...said } });
    outbox.push({
      aggregate: 'project', event, subject: id, time,
      data: {
        projectId: id, name: state.name, status: state.status, light: state.light,
        itemKey: it?.key, itemName: it?.name, itemStatus: it?.status, departmentId: it?.departmentId, ...detail, process: snapshot(),
      },
      recipients: roles && {
        roles, departmentId: it?.departmentId ?? state.responsibleDepartmentId, assignedLeaderId: state.assignedLeaderId,
      },
    });
    refreshLight(it ? { itemKey: it.key, itemLight: it.light } : {}, time);
  };

  const watch = (at: string, what: Omit<Watch, 'at' | 'fired'>): Watch => {
    const w: Watch = { at, ...what, fired: false };
    watches.push(w);
    watchesVersion++;
    return w;
  };
  /** Whether each tolerance item's supplement and grace deadlines have passed, set by their watches. */
  const deadlinesPassed = new Map<string, { supplement: boolean; grace: boolean }>();
  const watchSupplement = (it: ItemState, from: string, offsets: Offset[], computed: Array<{ at: string; provisional: boolean }>) => {
    const tolerance = it.tolerance as NonNullable<ItemState['tolerance']>;
    const passed = { supplement: false, grace: false };
    deadlinesPassed.set(it.key, passed);
    watch(computed[0].at, {
      from, offset: offsets[0], provisional: computed[0].provisional, itemKey: it.key,
      onFire: () => void (passed.supplement = true),
      // While the materials are awaited, the item's deadline is the supplement's, with its own provisional mark.
      shown: (at, provisional) => {
        Object.assign(tolerance, { supplementDueAt: at, supplementProvisional: provisional });
        if (it.status === 'tolerated') Object.assign(it, { dueAt: at, provisional });
      },
    });
    watch(computed[1].at, {
      from, offset: offsets[1], provisional: computed[1].provisional, itemKey: it.key,
      onFire: () => void (passed.grace = true),
      shown: (at, provisional) => void Object.assign(tolerance, { graceDueAt: at, graceProvisional: provisional }),
    });
  };

  /** After calendar data changed: every instant not yet passed is computed again from how it was computed. */
  const recompute = async () => {
    const open = watches.filter((w) => !w.fired);
    const byStart = new Map<string, Watch[]>();
    open.forEach((w) => byStart.set(w.from, [...(byStart.get(w.from) ?? []), w]));
    for (const [from, group] of byStart) {
      const computed = await computeDeadlines({ from, offsets: group.map((w) => w.offset) });
      group.forEach((w, i) => {
        w.at = computed[i].at;
        w.provisional = computed[i].provisional;
        w.shown?.(w.at, w.provisional);
      });
    }
    watchesVersion++;
    index();
    happened('deadlines-recomputed', undefined, { targetDueAt: state.target.dueAt, provisional: open.some((w) => w.provisional) });
  };
  const unwatch = (itemKey: string) => {
    for (const w of watches) if (w.itemKey === itemKey) w.fired = true;
  };
  const fire = (w: Watch) => {
    w.fired = true;
    if (w.onFire) return w.onFire();
    if (!w.light) return;
    if (w.itemKey) {
      const it = item(w.itemKey);
      if (!it || worseLight(it.light, w.light) === it.light) return;
      it.light = w.light;
      refreshLight({ itemKey: it.key, itemLight: it.light }, w.at);
      return;
    }
    state.target.light = worseLight(state.target.light, w.light);
    const escalation = w.light === 'red';
    happened(escalation ? 'target-escalated' : 'target-reminded', undefined, {
      targetWorkingDays: state.target.workingDays, dueAt: state.target.dueAt,
    }, escalation ? ['assignedLeader'] : ['departmentHead'], w.at);
  };

  const satisfied = (key: string) => {
    const dep = item(key);
    return dep !== undefined && satisfyingStatuses.includes(dep.status);
  };

  /** Starts every waiting item whose dependencies are all satisfied. */
  const startReady = () => {
    for (const it of state.items) {
      if (it.status === 'waiting' && !running.has(it.key) && it.dependsOn.every(satisfied)) launch(it);
    }
  };

  /** Runs an item's lifecycle in its own scope, so that waiving it or moving it cancels its open task. */
  const launch = (it: ItemState) => {
    const scope = new CancellationScope();
    running.set(it.key, scope);
    scope.run(() => lifecycle(it))
      .catch((err) => {
        if (!isCancellation(err)) fatal ??= err;
      })
      .finally(() => {
        if (running.get(it.key) === scope) running.delete(it.key);
      });
  };

  const setStatus = (it: ItemState, status: ItemStatus) => {
    it.status = status;
  };

  async function lifecycle(it: ItemState): Promise<void> {
    const completion = await review(it);
    if (completion === 'tolerated') await supplement(it);
  }

  /** Review rounds until a decision: a return for correction or a refused tolerance opens another round on the same clock. */
  async function review(it: ItemState): Promise<'decided' | 'tolerated'> {
    let notice: string | undefined;
    for (;;) {
      const def = plan.get(it.key) as ApprovalItem;
      it.round++;
      it.clockStartedAt ??= workflowNowIso();
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
        }),
      ]);
      it.light = 'green';
      unwatch(it.key);
      const from = it.clockStartedAt;
      // The due instant itself is watched too, without a light, so that a calendar update moves it.
      watch(computed[0].at, { from, offset: ladder.due, provisional: computed[0].provisional, itemKey: it.key, shown: (at, provisional) => void Object.assign(it, { dueAt: at, provisional }) });
      ladder.steps.forEach((step, i) => step.light && watch(computed[i + 1].at, {
        from, offset: step.at, provisional: computed[i + 1].provisional, light: step.light, itemKey: it.key,
      }));
      // The item's mark is its shown deadline's own, not any of its rungs' (a 2026 date is never marked provisional for a rung in 2027).
      it.dueAt = computed[0].at;
      it.provisional = computed[0].provisional;
      it.taskId = task.workflowId;
      setStatus(it, 'inReview');
      happened('item-started', it, { taskId: task.workflowId, round: it.round, dueAt: it.dueAt, pausedWorkingDays: it.pausedWorkingDays });
      const result = await task.result();
      it.taskId = undefined;
      unwatch(it.key);
      if (result.status !== 'completed') throw new Error(`review task ${task.workflowId} ended without completion`);
      const { outcome, payload, actorId: by }: TaskCompletion = result.completion;
      notice = undefined;
      switch (outcome) {
        case 'approve':
          setStatus(it, 'approved');
          happened('item-approved', it, { by }, undefined, undefined, { comment: payload.comment });
          startReady();
          return 'decided';
        case 'reject':
          setStatus(it, 'rejected');
          it.light = 'red';
          happened('item-rejected', it, { by }, ['assignedLeader'], undefined, { reason: payload.reason });
          return 'decided';
        case 'returnForCorrection': {
          setStatus(it, 'awaitingCorrection');
          it.light = 'green';
          const returnedAt = workflowNowIso();
          happened('item-returned', it, { by, missing: payload.missing, applicant: state.applicantName }, undefined, undefined, { comment: payload.comment });
          await condition(() => resubmitted.has(it.key));
          resubmitted.delete(it.key);
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
          watchSupplement(it, toleratedAt, offsets, [due, grace]);
          // The review is over: the item's deadline is now its supplement deadline, with that one's mark.
          it.dueAt = due.at;
          it.provisional = due.provisional;
          setStatus(it, 'tolerated');
          it.light = 'green';
          happened('item-tolerated', it, { by, missingMaterials: missing, supplementDueAt: due.at }, undefined, undefined, { commitment: payload.commitment });
          startReady();
          return 'tolerated';
        }
        default:
          throw new Error(`review task ${task.workflowId} completed with unknown outcome ${outcome}`);
      }
    }
  }

  /**
   * The tolerance item's supplement (see blocks/tolerance-item.ts): supplied by the deadline, a
   * reviewer checks it; missed, the item is suspended and the grace period runs; missed again,
   * it is withdrawn (退件). The main loop's watches say when each deadline has passed.
   */
  async function supplement(it: ItemState): Promise<void> {
    const tolerance = it.tolerance as NonNullable<ItemState['tolerance']>;
    const passed = deadlinesPassed.get(it.key) as { supplement: boolean; grace: boolean };
    await runToleranceItem<SupplyMaterials>({
      deadlines: () => tolerance,
      supply: { peek: () => supplied.get(it.key), take: () => void supplied.delete(it.key) },
      deadlinePassed: (deadline) => passed[deadline],
      onSuspended: (at) => {
        tolerance.status = 'lapsed';
        setStatus(it, 'suspended');
        it.light = 'yellow';
        happened('item-suspended', it, {
          missingMaterials: tolerance.missingMaterials, graceDueAt: tolerance.graceDueAt, applicant: state.applicantName,
        }, ['assignee', 'departmentHead', 'assignedLeader'], at);
      },
      onWithdrawn: (at) => {
        tolerance.status = 'withdrawn';
        unwatch(it.key);
        setStatus(it, 'withdrawn');
        it.light = 'red';
        happened('item-withdrawn', it, {
          missingMaterials: tolerance.missingMaterials, applicant: state.applicantName,
        }, ['assignee', 'departmentHead', 'assignedLeader'], at);
      },
      onSupplied: (supply, { resumed }) => {
        tolerance.status = 'supplied';
        tolerance.suppliedAt = workflowNowIso();
        setStatus(it, 'checkingSupplement');
        it.light = 'green';
        happened(resumed ? 'item-resumed' : 'item-supplied', it, { materials: supply.materials, note: supply.note, by: supply.actor?.personId });
        if (resumed) startReady();
      },
      check: async (_supply, { resumed, attempt }) => {
        const { completion: { outcome, payload, actorId: by } } = await runTask({
          taskKey: `${it.key}.supplement-check-${attempt}`,
          processKind: PROCESS_KIND,
          processId: id,
          title: `${state.name}: ${it.name} (容缺补齐材料核查)`,
          departmentId: it.departmentId,
          form: 'supplementCheck',
          outcomes: ['accept', 'insufficient'],
          ladder: presets.supplementCheck ?? supplementCheckLadder,
          assignedLeaderId: state.assignedLeaderId,
        }, { onOpen: (taskId) => void (it.taskId = taskId), onClose: () => void (it.taskId = undefined) });
        if (outcome === 'accept') {
          tolerance.status = 'accepted';
          unwatch(it.key);
          setStatus(it, 'approved');
          happened('item-approved', it, { by, afterTolerance: true }, undefined, undefined, { comment: payload.comment });
          return true;
        }
        // Still short: back to waiting for the applicant, on the deadline that was running.
        tolerance.status = resumed ? 'lapsed' : 'pending';
        setStatus(it, resumed ? 'suspended' : 'tolerated');
        if (resumed) it.light = 'yellow';
        happened('item-supplement-insufficient', it, { by }, undefined, undefined, { reason: payload.reason });
        return false;
      },
    });
  }

  const requireItem = (key: string): ItemState => item(key) ?? refuse(`the project has no item "${key}"`, 'NotFound');
  /** Without an actor the call came from the applicant's own system, through the NATS intake. */
  const requireOwningDepartment = (it: ItemState, actor: Actor | undefined) => {
    if (actor && !isAdmin(actor) && !actor.departments.includes(it.departmentId)) {
      refuse(`only the owning department (${it.departmentId}) acts on item "${it.key}"`, 'Forbidden');
    }
  };
  const requireLeaderOrAdmin = (actor: Actor, what: string) => {
    if (!isAdmin(actor) && actor.personId !== state.assignedLeaderId) {
      refuse(`only the assigned leader (${state.assignedLeaderId}) or an admin may ${what}`, 'Forbidden');
    }
  };
  const parsed = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, arg: unknown): T => {
    const result = schema.safeParse(arg);
    return result.success ? result.data : refuse(result.error.message);
  };

  setHandler(resubmitUpdate, (req) => {
    const { itemKey, note, actor } = Resubmit.parse(req);
    resubmitted.add(itemKey);
    const it = requireItem(itemKey);
    it.history.push({ at: workflowNowIso(), event: 'resubmission-received', actorId: actor?.personId, detail: { note } });
    return it;
  }, {
    validator: (req) => {
      const { itemKey, actor } = parsed(Resubmit, req);
      const it = requireItem(itemKey);
      requireOwningDepartment(it, actor);
      if (it.status !== 'awaitingCorrection' || resubmitted.has(itemKey)) refuse(`item "${itemKey}" is not awaiting correction (${it.status})`, 'Conflict');
    },
  });

  setHandler(supplyMaterialsUpdate, (req) => {
    const supply = SupplyMaterials.parse(req);
    supplied.set(supply.itemKey, supply);
    return requireItem(supply.itemKey);
  }, {
    validator: (req) => {
      const { itemKey, materials, actor } = parsed(SupplyMaterials, req);
      const it = requireItem(itemKey);
      requireOwningDepartment(it, actor);
      if ((it.status !== 'tolerated' && it.status !== 'suspended') || supplied.has(itemKey)) {
        refuse(`item "${itemKey}" is not waiting for materials (${it.status})`, 'Conflict');
      }
      const missing = stillMissing(plan.get(itemKey) as ApprovalItem, it.tolerance?.missingMaterials ?? [], materials);
      if (missing.length > 0) refuse(`still missing: ${missing.join(', ')}`);
    },
  });

  setHandler(waiveItemUpdate, (req) => {
    const { itemKey, reason, actor } = WaiveItem.parse(req);
    const it = requireItem(itemKey);
    running.get(itemKey)?.cancel();
    running.delete(itemKey);
    unwatch(itemKey);
    it.taskId = undefined;
    setStatus(it, 'waived');
    happened('item-waived', it, { by: actor.personId }, undefined, undefined, { reason });
    startReady();
    return it;
  }, {
    validator: (req) => {
      const { itemKey, actor } = parsed(WaiveItem, req);
      requireLeaderOrAdmin(actor, 'waive an item');
      const it = requireItem(itemKey);
      if (closedStatuses.includes(it.status)) refuse(`item "${itemKey}" is already ${it.status}`, 'Conflict');
    },
  });

  setHandler(addItemUpdate, (req) => {
    const { item: def, actor } = AddItem.parse(req);
    plan.set(def.key, def);
    const it = newItem(def);
    state.items.push(it);
    happened('item-added', it, { by: actor.personId, dependsOn: def.dependsOn });
    startReady();
    return it;
  }, {
    validator: (req) => {
      const { item: def, actor } = parsed(AddItem, req);
      requireLeaderOrAdmin(actor, 'add an item');
      const found = validatePlan({ items: [...plan.values(), def] });
      if (found.length > 0) refuse(found.map((p) => p.message).join('; '));
    },
  });

  setHandler(changeItemDepartmentUpdate, (req) => {
    const { itemKey, toDepartmentId, reason, actor } = ChangeItemDepartment.parse(req);
    const it = requireItem(itemKey);
    const from = it.departmentId;
    it.departmentId = toDepartmentId;
    plan.set(itemKey, { ...(plan.get(itemKey) as ApprovalItem), departmentId: toDepartmentId });
    happened('item-reassigned', it, { by: actor.personId, from, to: toDepartmentId }, undefined, undefined, { reason });
    // A review under way moves with its clock: the old task is cancelled, the next round opens at the new department.
    if (it.status === 'inReview') {
      running.get(itemKey)?.cancel();
      running.delete(itemKey);
      unwatch(itemKey);
      it.taskId = undefined;
      launch(it);
    }
    return it;
  }, {
    validator: (req) => {
      const { itemKey, toDepartmentId, actor } = parsed(ChangeItemDepartment, req);
      requireLeaderOrAdmin(actor, "change an item's department");
      const it = requireItem(itemKey);
      if (it.status !== 'waiting' && it.status !== 'inReview') refuse(`item "${itemKey}" is ${it.status}: only a waiting item or one in review can move`, 'Conflict');
      if (it.departmentId === toDepartmentId) refuse(`item "${itemKey}" is already with ${toDepartmentId}`);
    },
  });

  const targetOffsets = state.target.workingDays > TARGET_WARNING_DAYS
    ? [{ workingDays: state.target.workingDays - TARGET_WARNING_DAYS }, { workingDays: state.target.workingDays }]
    : [{ workingDays: state.target.workingDays }];
  const targetDeadlines = await computeDeadlines({ from: startedAt, offsets: targetOffsets });
  const targetDue = targetDeadlines[targetDeadlines.length - 1];
  state.target.dueAt = targetDue.at;
  state.target.provisional = targetDue.provisional;
  targetDeadlines.forEach((d, i) => watch(d.at, {
    from: startedAt, offset: targetOffsets[i], provisional: d.provisional, light: i === targetDeadlines.length - 1 ? 'red' : 'yellow',
    shown: i === targetDeadlines.length - 1 ? (at, provisional) => void Object.assign(state.target, { dueAt: at, provisional }) : undefined,
  }));
  index();
  happened('submitted', undefined, {
    category: state.category, investmentCny: state.investmentCny, items: state.items.length, targetDueAt: targetDue.at,
  });
  startReady();

  const allClosed = () => state.items.every((i) => closedStatuses.includes(i.status));
  for (;;) {
    await outbox.drain();
    if (fatal !== undefined) throw fatal;
    if (allClosed()) break;
    if (recomputeRequested) {
      recomputeRequested = false;
      await recompute();
      continue;
    }
    // Fired and abandoned watches go, so the list stays as long as what is still awaited.
    for (let i = watches.length - 1; i >= 0; i--) if (watches[i].fired) watches.splice(i, 1);
    const next = [...watches].sort((a, b) => a.at.localeCompare(b.at))[0];
    const seen = watchesVersion;
    const wake = () => !outbox.isEmpty || fatal !== undefined || allClosed() || watchesVersion !== seen || recomputeRequested;
    if (!next) {
      await condition(wake);
      continue;
    }
    const waitMs = Date.parse(next.at) - workflowNowMs();
    if (waitMs > 0 && (await condition(wake, waitMs))) continue;
    fire(next);
  }

  state.status = 'approved';
  index();
  happened('approved', undefined, { items: state.items.map((i) => ({ key: i.key, status: i.status })) });
  await outbox.drain();
  return state;
}
