/**
 * A tolerance item (容缺受理): an item approved while non-essential materials were missing, on
 * the applicant's commitment to supply them (the block: workflows/blocks/tolerance-item.ts).
 *
 * Rules:
 * - Supplied by the supplement deadline, a reviewer of the item's department checks the
 *   materials; missed, the item is suspended (yellow, told to its assignee, head and the
 *   assigned leader) and the grace period runs; missed again, it is withdrawn (退件, red).
 * - Supplied after the deadline, the item resumes and frees its dependants again.
 * - Found insufficient, the item goes back to waiting on whichever deadline was running.
 * - The two deadlines come from one start (the grace period counts from the supplement
 *   deadline's day) and are the project's watches: the main loop says when each has passed.
 */
import type { Offset } from '../../contracts/ladder';
import { runTask, runToleranceItem, workflowNowIso } from '../../workflows/blocks';
import type { ItemState, SupplyMaterials } from './contract';
import { supplementCheckLadder } from './ladders';
import { PROCESS_KIND, type ProjectRun } from './project-run';

/** Watches the item's supplement and grace deadlines; while the materials are awaited, the item shows the supplement deadline as its own. */
export function watchSupplement(run: ProjectRun, it: ItemState, from: string, offsets: Offset[], computed: Array<{ at: string; provisional: boolean }>): void {
  const tolerance = it.tolerance as NonNullable<ItemState['tolerance']>;
  const passed = { supplement: false, grace: false };
  run.deadlinesPassed.set(it.key, passed);
  run.watches.add(computed[0].at, {
    from, offset: offsets[0], provisional: computed[0].provisional, itemKey: it.key,
    onFire: () => void (passed.supplement = true),
    // While the materials are awaited, the item's deadline is the supplement's, with its own provisional mark.
    shown: (at, provisional) => {
      Object.assign(tolerance, { supplementDueAt: at, supplementProvisional: provisional });
      if (it.status === 'tolerated') Object.assign(it, { dueAt: at, provisional });
    },
  });
  run.watches.add(computed[1].at, {
    from, offset: offsets[1], provisional: computed[1].provisional, itemKey: it.key,
    onFire: () => void (passed.grace = true),
    shown: (at, provisional) => void Object.assign(tolerance, { graceDueAt: at, graceProvisional: provisional }),
  });
}

/** The tolerance item's supplement, until its materials are accepted or it is withdrawn. */
export async function superviseSupplement(run: ProjectRun, it: ItemState): Promise<void> {
  const { id, state, happened, watches } = run;
  const tolerance = it.tolerance as NonNullable<ItemState['tolerance']>;
  const passed = run.deadlinesPassed.get(it.key) as { supplement: boolean; grace: boolean };
  await runToleranceItem<SupplyMaterials>({
    deadlines: () => tolerance,
    supply: { peek: () => run.supplied.get(it.key), take: () => void run.supplied.delete(it.key) },
    deadlinePassed: (deadline) => passed[deadline],
    onSuspended: (at) => {
      tolerance.status = 'lapsed';
      it.status = 'suspended';
      it.light = 'yellow';
      happened('item-suspended', it, {
        missingMaterials: tolerance.missingMaterials, graceDueAt: tolerance.graceDueAt, applicant: state.applicantName,
      }, ['assignee', 'departmentHead', 'assignedLeader'], at);
    },
    onWithdrawn: (at) => {
      tolerance.status = 'withdrawn';
      watches.unwatch(it.key);
      it.status = 'withdrawn';
      it.light = 'red';
      happened('item-withdrawn', it, {
        missingMaterials: tolerance.missingMaterials, applicant: state.applicantName,
      }, ['assignee', 'departmentHead', 'assignedLeader'], at);
    },
    onSupplied: (supply, { resumed }) => {
      tolerance.status = 'supplied';
      tolerance.suppliedAt = workflowNowIso();
      it.status = 'checkingSupplement';
      it.light = 'green';
      happened(resumed ? 'item-resumed' : 'item-supplied', it, { materials: supply.materials, note: supply.note, by: supply.actor?.personId });
      if (resumed) run.startReady();
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
        ladder: run.presets.supplementCheck ?? supplementCheckLadder,
        assignedLeaderId: state.assignedLeaderId,
      }, { onOpen: (taskId) => void (it.taskId = taskId), onClose: () => void (it.taskId = undefined) });
      if (outcome === 'accept') {
        tolerance.status = 'accepted';
        watches.unwatch(it.key);
        it.status = 'approved';
        happened('item-approved', it, { by, afterTolerance: true }, undefined, undefined, { comment: payload.comment });
        return true;
      }
      // Still short: back to waiting for the applicant, on the deadline that was running.
      tolerance.status = resumed ? 'lapsed' : 'pending';
      it.status = resumed ? 'suspended' : 'tolerated';
      if (resumed) it.light = 'yellow';
      happened('item-supplement-insufficient', it, { by }, undefined, undefined, { reason: payload.reason });
      return false;
    },
  });
}
