/**
 * A major project (重大重点项目) and its approval plan: the approval items (审批事项), each owned
 * by one department, run in parallel where their dependencies allow (并联审批); some may be
 * approved with missing non-essential materials (容缺审批) on a commitment to supply them.
 *
 * ```ts
 * const project = SubmitProject.parse(body);
 * const problems = validatePlan(project.plan, directory);
 * if (problems.length > 0) refuse(problems);
 * ```
 */
import { z } from 'zod';
import { Actor, DepartmentId, PersonId } from '../../contracts/directory';
import { Light } from '../../contracts/ladder';

const Key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and "-", up to 40');

/** Phases of a major project: reserve 储备 → starting 开工 → under construction 在建 → completed 竣工. */
export const ProjectCategory = z.enum(['reserve', 'starting', 'underConstruction', 'completed']);
export type ProjectCategory = z.infer<typeof ProjectCategory>;

export const Material = z.object({
  key: Key,
  name: z.string().trim().min(1).max(200),
  /** An essential material can never be missing, even on a tolerance item. */
  essential: z.boolean(),
});
export type Material = z.infer<typeof Material>;

export const ApprovalItem = z.object({
  key: Key,
  name: z.string().trim().min(1).max(200),
  departmentId: DepartmentId,
  /** The department's time limit (审批时限), in China's working days. */
  slaWorkingDays: z.number().int().min(1).max(120),
  dependsOn: z.array(Key).default([]),
  materials: z.array(Material).default([]),
  /** Green channel (绿色通道): may be approved while non-essential materials are missing (容缺). */
  toleranceEligible: z.boolean().default(false),
  /** Working days the applicant has to supply missing materials after a tolerance approval. */
  supplementWorkingDays: z.number().int().min(1).max(120).default(20),
});
export type ApprovalItem = z.infer<typeof ApprovalItem>;
export type ApprovalItemInput = z.input<typeof ApprovalItem>;

export const ApprovalPlan = z.object({
  items: z.array(ApprovalItem).min(1).max(200),
  /** The overall target, e.g. every approval within 90 working days. */
  targetWorkingDays: z.number().int().min(1).max(400),
  /** Grace after a missed supplement deadline before the item is withdrawn (退件). */
  graceWorkingDays: z.number().int().min(1).max(120).default(15),
});
export type ApprovalPlan = z.infer<typeof ApprovalPlan>;

/** A project and its plan, as `gl.cmd.project.submit` or `POST /api/processes/projectApproval` sends it. */
export const SubmitProject = z.object({
  /** The project's own id: also its workflow id, so a repeated submission has one effect. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,80}$/, '3–81 letters, digits, ".", "_" or "-"'),
  name: z.string().trim().min(1).max(200),
  category: ProjectCategory,
  /** Total investment in CNY, where the source states it. */
  investmentCny: z.number().nonnegative().optional(),
  floorAreaM2: z.number().nonnegative().optional(),
  /** Run by the district task force as a demonstration project (示范项目). */
  demonstration: z.boolean().default(false),
  /** The county-level leader assigned to the project (挂点领导): the last rung of every ladder. */
  assignedLeaderId: PersonId,
  /** The responsible department (负责部门). */
  responsibleDepartmentId: DepartmentId,
  /** The task force (工作专班). */
  taskForce: z.string().trim().min(1).max(200),
  applicant: z.object({ name: z.string().trim().min(1).max(200), contact: z.string().trim().max(200).optional() }),
  plan: ApprovalPlan,
});
export type SubmitProject = z.infer<typeof SubmitProject>;
export type SubmitProjectInput = z.input<typeof SubmitProject>;

/** What a plan refers to outside itself: the departments that exist. */
export interface PlanDirectory {
  departments: ReadonlyArray<{ id: string }>;
}

export interface PlanProblem {
  path: string;
  message: string;
}

/**
 * Problems of a plan, each naming the offending items: duplicate keys, unknown dependencies,
 * dependency cycles, and (when a directory is given) unknown departments. Empty when sound.
 */
export function validatePlan(plan: Pick<ApprovalPlan, 'items'>, directory?: PlanDirectory): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const seen = new Set<string>();
  plan.items.forEach((item, i) => {
    if (seen.has(item.key)) problems.push({ path: `items.${i}.key`, message: `duplicate item key "${item.key}"` });
    seen.add(item.key);
  });
  const departments = directory && new Set(directory.departments.map((d) => d.id));
  plan.items.forEach((item, i) => {
    if (departments && !departments.has(item.departmentId)) {
      problems.push({ path: `items.${i}.departmentId`, message: `item "${item.key}" names unknown department "${item.departmentId}"` });
    }
    item.dependsOn.forEach((dep, j) => {
      if (!seen.has(dep)) problems.push({ path: `items.${i}.dependsOn.${j}`, message: `item "${item.key}" depends on unknown item "${dep}"` });
      if (dep === item.key) problems.push({ path: `items.${i}.dependsOn.${j}`, message: `item "${item.key}" depends on itself` });
    });
  });
  for (const cycle of dependencyCycles(plan.items)) {
    problems.push({ path: 'items', message: `dependency cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }
  return problems;
}

/** Each cycle once, as the keys along it, found by depth-first search; self-loops are reported apart. */
function dependencyCycles(items: ReadonlyArray<Pick<ApprovalItem, 'key' | 'dependsOn'>>): string[][] {
  const deps = new Map(items.map((i) => [i.key, i.dependsOn.filter((d) => d !== i.key)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (key: string) => {
    state.set(key, 'visiting');
    stack.push(key);
    for (const dep of deps.get(key) ?? []) {
      if (!deps.has(dep)) continue;
      if (state.get(dep) === 'visiting') cycles.push(stack.slice(stack.indexOf(dep)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of deps.keys()) if (!state.has(key)) visit(key);
  return cycles;
}

/** Where an item stands. `tolerated` counts as satisfied for its dependants; `suspended` does not. */
export const ItemStatus = z.enum([
  'waiting',            // dependencies not yet satisfied
  'inReview',           // a review task is open at the department
  'awaitingCorrection', // returned for correction (补正): the SLA clock stands still
  'tolerated',          // approved with tolerance (容缺): missing materials due by the supplement deadline
  'checkingSupplement', // materials supplied; a reviewer checks them
  'suspended',          // supplement deadline missed; the grace period runs
  'approved',
  'rejected',
  'withdrawn',          // not supplied in the grace period (退件)
  'waived',             // no longer needed, by the assigned leader or an admin
]);
export type ItemStatus = z.infer<typeof ItemStatus>;

/** Statuses in which dependants may proceed. */
export const satisfyingStatuses: readonly ItemStatus[] = ['tolerated', 'checkingSupplement', 'approved', 'waived'];

export const ItemHistoryEntry = z.object({
  at: z.string(),
  event: z.string(),
  actorId: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type ItemHistoryEntry = z.infer<typeof ItemHistoryEntry>;

export const ToleranceState = z.object({
  missingMaterials: z.array(z.string()),
  commitment: z.string(),
  supplementDueAt: z.string(),
  /** Withdrawn (退件) at this instant unless supplied: the grace period after the supplement deadline. */
  graceDueAt: z.string(),
  /** Whether each of the two instants comes from the statutory fallback (a year without official data). */
  supplementProvisional: z.boolean().optional(),
  graceProvisional: z.boolean().optional(),
  suppliedAt: z.string().optional(),
  /** pending → supplied → accepted; or lapsed (suspended) → supplied → accepted, or withdrawn. */
  status: z.enum(['pending', 'supplied', 'lapsed', 'accepted', 'withdrawn']),
});
export type ToleranceState = z.infer<typeof ToleranceState>;

export const ItemState = z.object({
  key: z.string(),
  name: z.string(),
  departmentId: z.string(),
  dependsOn: z.array(z.string()),
  toleranceEligible: z.boolean(),
  status: ItemStatus,
  light: Light,
  /** The review's due instant, shifted by any time spent awaiting correction. */
  dueAt: z.string().optional(),
  provisional: z.boolean(),
  /** The open task's workflow id, while one is open. */
  taskId: z.string().optional(),
  /** When the SLA clock started (the first review's start). */
  clockStartedAt: z.string().optional(),
  /** Working days spent awaiting correction, added to every rung of the review's ladder. */
  pausedWorkingDays: z.number().int(),
  round: z.number().int(),
  tolerance: ToleranceState.optional(),
  history: z.array(ItemHistoryEntry),
  /** The item's materials from the plan, as the state query answers them (not kept in the state: the input holds them). */
  materials: z.array(Material).optional(),
});
export type ItemState = z.infer<typeof ItemState>;

export const ProjectStatus = z.enum(['running', 'approved']);

export const ProjectState = z.object({
  id: z.string(),
  name: z.string(),
  category: ProjectCategory,
  investmentCny: z.number().optional(),
  demonstration: z.boolean(),
  assignedLeaderId: z.string(),
  responsibleDepartmentId: z.string(),
  taskForce: z.string(),
  applicantName: z.string(),
  status: ProjectStatus,
  light: Light,
  startedAt: z.string(),
  target: z.object({ workingDays: z.number(), dueAt: z.string().optional(), provisional: z.boolean(), light: Light }),
  graceWorkingDays: z.number(),
  items: z.array(ItemState),
});
export type ProjectState = z.infer<typeof ProjectState>;

/** Whom a project concerns: its responsible department, its items' departments and its assigned leader (its definition's access scope). */
export const projectScope = (state: Pick<ProjectState, 'responsibleDepartmentId' | 'items' | 'assignedLeaderId'>) => ({
  departments: [state.responsibleDepartmentId, ...state.items.map((i) => i.departmentId)],
  people: [state.assignedLeaderId],
});

/** Materials supplied for a tolerance item; without an actor it came from the applicant's own system over NATS. */
export const SupplyMaterials = z.object({
  itemKey: Key,
  materials: z.array(z.string().min(1)).min(1),
  note: z.string().trim().max(2000).optional(),
  actor: Actor.optional(),
});
export type SupplyMaterials = z.infer<typeof SupplyMaterials>;

/** The corrected application after a return for correction (补正). */
export const Resubmit = z.object({
  itemKey: Key,
  note: z.string().trim().max(2000).optional(),
  actor: Actor.optional(),
});
export type Resubmit = z.infer<typeof Resubmit>;

export const AddItem = z.object({ actor: Actor, item: ApprovalItem });
export type AddItem = z.input<typeof AddItem>;

export const WaiveItem = z.object({ actor: Actor, itemKey: Key, reason: z.string().trim().min(1, 'say why').max(2000) });
export type WaiveItem = z.infer<typeof WaiveItem>;

export const ChangeItemDepartment = z.object({
  actor: Actor,
  itemKey: Key,
  toDepartmentId: DepartmentId,
  reason: z.string().trim().min(1, 'say why').max(2000),
});
export type ChangeItemDepartment = z.infer<typeof ChangeItemDepartment>;

/** Whether a material named by a reviewer (by key or by name) is the given one. */
const names = (m: Material, named: string) => m.key === named || m.name === named;

/**
 * Why a tolerance approval (容缺) may not stand for this item, or undefined when it may: the
 * item must be tolerance-eligible, and every missing material one of its non-essential ones.
 */
export function toleranceRefusal(item: Pick<ApprovalItem, 'key' | 'toleranceEligible' | 'materials'>, missing: string[]): string | undefined {
  if (!item.toleranceEligible) return `item "${item.key}" is not eligible for tolerance approval`;
  const unknown = missing.filter((named) => !item.materials.some((m) => names(m, named)));
  if (unknown.length > 0) return `item "${item.key}" requires no material named ${unknown.map((u) => `"${u}"`).join(', ')}`;
  const essential = missing.filter((named) => item.materials.some((m) => m.essential && names(m, named)));
  if (essential.length > 0) return `essential materials cannot be missing: ${essential.map((e) => `"${e}"`).join(', ')}`;
  return undefined;
}

/** Missing materials not among those supplied. */
export function stillMissing(item: Pick<ApprovalItem, 'materials'>, missing: string[], supplied: string[]): string[] {
  return missing.filter((named) => {
    const material = item.materials.find((m) => names(m, named));
    return !supplied.some((s) => s === named || (material !== undefined && names(material, s)));
  });
}
