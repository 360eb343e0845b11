/**
 * What people do to a running project beyond its tasks, each a Workflow Update with a validator
 * (the definition's `actions`): the applicant resubmits a corrected item or supplies a tolerance
 * item's materials; the assigned leader (or an admin) waives an item, adds one, or moves one to
 * another department.
 *
 * Rules:
 * - The validator decides, before anything is recorded: who may (the item's own department for
 *   the applicant's answers — none named means the applicant's own system through the NATS
 *   intake; the assigned leader or an admin for a change of plan), and whether it can be done
 *   now (Conflict), with an error a person can act on.
 * - The applicant's answers are only handed to the item's run (`resubmitted`, `supplied`); the run
 *   takes them when it is waiting for them.
 * - Waiving an item, or moving one in review, cancels its running scope and its watches; a moved
 *   review opens its next round at the new department on the same clock.
 */
import { defineUpdate, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../contracts/directory';
import { workflowNowIso } from '../../workflows/blocks';
import {
  AddItem, ChangeItemDepartment, Resubmit, SupplyMaterials, WaiveItem, stillMissing, validatePlan,
  type ApprovalItem, type ItemState,
} from './contract';
import { newItem } from './items';
import { closedStatuses, refuse, type ProjectRun } from './project-run';

export const supplyMaterialsUpdate = defineUpdate<ItemState, [SupplyMaterials]>('supplyMaterials');
export const resubmitUpdate = defineUpdate<ItemState, [Resubmit]>('resubmit');
export const addItemUpdate = defineUpdate<ItemState, [AddItem]>('addItem');
export const waiveItemUpdate = defineUpdate<ItemState, [WaiveItem]>('waiveItem');
export const changeItemDepartmentUpdate = defineUpdate<ItemState, [ChangeItemDepartment]>('changeItemDepartment');

const isAdmin = (actor: Actor) => actor.roles.includes('admin');

const parsed = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, arg: unknown): T => {
  const result = schema.safeParse(arg);
  return result.success ? result.data : refuse(result.error.message);
};

/** Sets the project's Update handlers. */
export function handlePlanChanges(run: ProjectRun): void {
  const { state, plan, running, watches, happened } = run;
  const requireItem = (key: string): ItemState => run.item(key) ?? refuse(`the project has no item "${key}"`, 'NotFound');
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

  setHandler(resubmitUpdate, (req) => {
    const { itemKey, note, actor } = Resubmit.parse(req);
    run.resubmitted.add(itemKey);
    const it = requireItem(itemKey);
    it.history.push({ at: workflowNowIso(), event: 'resubmission-received', actorId: actor?.personId, detail: { note } });
    return it;
  }, {
    validator: (req) => {
      const { itemKey, actor } = parsed(Resubmit, req);
      const it = requireItem(itemKey);
      requireOwningDepartment(it, actor);
      if (it.status !== 'awaitingCorrection' || run.resubmitted.has(itemKey)) refuse(`item "${itemKey}" is not awaiting correction (${it.status})`, 'Conflict');
    },
  });

  setHandler(supplyMaterialsUpdate, (req) => {
    const supply = SupplyMaterials.parse(req);
    run.supplied.set(supply.itemKey, supply);
    return requireItem(supply.itemKey);
  }, {
    validator: (req) => {
      const { itemKey, materials, actor } = parsed(SupplyMaterials, req);
      const it = requireItem(itemKey);
      requireOwningDepartment(it, actor);
      if ((it.status !== 'tolerated' && it.status !== 'suspended') || run.supplied.has(itemKey)) {
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
    watches.unwatch(itemKey);
    it.taskId = undefined;
    it.status = 'waived';
    happened('item-waived', it, { by: actor.personId }, undefined, undefined, { reason });
    run.startReady();
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
    run.startReady();
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
      watches.unwatch(itemKey);
      it.taskId = undefined;
      run.launch(it);
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
}
