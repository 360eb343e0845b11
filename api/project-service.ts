/**
 * Major projects as the API serves them: submit (same path as the NATS intake), the project's
 * state from its query, the leaders' board as one visibility query over the project's search
 * attributes, and the item actions as Updates whose validators decide who may act.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { Light } from '../contracts/ladder';
import type { ApprovalItem, ItemState, ProjectState } from '../contracts/project';
import {
  GlAssignedLeader, GlCategory, GlDemonstration, GlDepartment, GlLight, GlStatus,
} from '../contracts/search-attributes';
import { loadDirectory } from '../activities/directory-file';
import { refusal, startProject, validateProject } from '../intake/submit-project';
import {
  PROCESS_KIND, addItemUpdate, changeItemDepartmentUpdate, projectStateQuery, resubmitUpdate, supplyMaterialsUpdate, waiveItemUpdate,
} from '../workflows/project-approval';
import { oversees, quote } from './visibility';
import { HttpError, orHttpError, toHttpError } from './errors';

export interface ProjectSummary {
  id: string;
  name?: string;
  status?: string;
  light?: Light;
  category?: string;
  assignedLeaderId?: string;
  responsibleDepartmentId?: string;
  demonstration?: boolean;
}

export interface ProjectFilter {
  assignedLeader?: string;
  department?: string;
  category?: string;
  light?: Light;
  limit: number;
}

const lightRank: Record<string, number> = { red: 0, yellow: 1, green: 2 };

/**
 * The board's visibility query. With no filter a leader sees the projects assigned to them,
 * and a department the projects it is responsible for.
 */
export function boardQuery(actor: Actor, filter: ProjectFilter): string {
  const clauses = [`GlEntityKind = 'process'`, `GlProcessKind = ${quote(PROCESS_KIND)}`];
  const unfiltered = !filter.assignedLeader && !filter.department && !filter.category && !filter.light;
  if (filter.assignedLeader) clauses.push(`GlAssignedLeader = ${quote(filter.assignedLeader)}`);
  else if (unfiltered && actor.roles.includes('leader') && !actor.roles.includes('admin')) clauses.push(`GlAssignedLeader = ${quote(actor.personId)}`);
  if (filter.department) clauses.push(`GlDepartment = ${quote(filter.department)}`);
  else if (unfiltered && !oversees(actor) && actor.departments.length > 0) clauses.push(`GlDepartment IN (${actor.departments.map(quote).join(', ')})`);
  if (filter.category) clauses.push(`GlCategory = ${quote(filter.category)}`);
  if (filter.light) clauses.push(`GlLight = ${quote(filter.light)}`);
  return clauses.join(' AND ');
}

function summarise(info: WorkflowExecutionInfo): ProjectSummary {
  const sa = info.typedSearchAttributes;
  return {
    id: info.workflowId,
    name: typeof info.memo?.title === 'string' ? info.memo.title : undefined,
    status: sa.get(GlStatus),
    light: sa.get(GlLight) as Light | undefined,
    category: sa.get(GlCategory),
    assignedLeaderId: sa.get(GlAssignedLeader),
    responsibleDepartmentId: sa.get(GlDepartment),
    demonstration: sa.get(GlDemonstration),
  };
}

const statusByRefusal: Record<string, number> = { Forbidden: 403, NotFound: 404, Conflict: 409, InvalidRequest: 400 };

export class ProjectService {
  constructor(private readonly client: Client, private readonly taskQueue: string, private readonly directoryPath: string) {}

  /** An admin, the assigned leader, or the responsible department submits a project. */
  async submit(body: unknown, actor: Actor): Promise<{ id: string; existing: boolean }> {
    const checked = validateProject(body, loadDirectory(this.directoryPath));
    if (!checked.ok) throw new HttpError(400, 'invalid project', checked.issues);
    const project = checked.value;
    const allowed = actor.roles.includes('admin')
      || actor.personId === project.assignedLeaderId
      || actor.departments.includes(project.responsibleDepartmentId);
    if (!allowed) throw new HttpError(403, 'only an admin, the assigned leader or the responsible department may submit a project');
    return startProject(this.client, this.taskQueue, project);
  }

  async get(id: string, actor: Actor): Promise<ProjectState> {
    const state = await orHttpError(this.client.workflow.getHandle(id).query(projectStateQuery));
    const mayRead = oversees(actor)
      || actor.departments.includes(state.responsibleDepartmentId)
      || state.items.some((i) => actor.departments.includes(i.departmentId));
    if (!mayRead) throw new HttpError(403, 'this project concerns none of your departments');
    return state;
  }

  /** The leaders' board: red first, then yellow, then green; by name within a light. */
  async list(actor: Actor, filter: ProjectFilter): Promise<ProjectSummary[]> {
    const found: ProjectSummary[] = [];
    for await (const info of this.client.workflow.list({ query: boardQuery(actor, filter), pageSize: 200 })) {
      found.push(summarise(info));
      if (found.length >= 2000) break;
    }
    // The dev server's visibility store cannot ORDER BY a custom attribute: sort here.
    found.sort((a, b) => (lightRank[a.light ?? 'green'] - lightRank[b.light ?? 'green']) || (a.name ?? a.id).localeCompare(b.name ?? b.id));
    return found.slice(0, filter.limit);
  }

  supplyMaterials(id: string, itemKey: string, actor: Actor, body: { materials: string[]; note?: string }): Promise<ItemState> {
    return this.act(id, (h) => h.executeUpdate(supplyMaterialsUpdate, { args: [{ itemKey, actor, ...body }] }));
  }

  resubmit(id: string, itemKey: string, actor: Actor, body: { note?: string }): Promise<ItemState> {
    return this.act(id, (h) => h.executeUpdate(resubmitUpdate, { args: [{ itemKey, actor, ...body }] }));
  }

  waive(id: string, itemKey: string, actor: Actor, body: { reason: string }): Promise<ItemState> {
    return this.act(id, (h) => h.executeUpdate(waiveItemUpdate, { args: [{ itemKey, actor, ...body }] }));
  }

  addItem(id: string, actor: Actor, item: ApprovalItem): Promise<ItemState> {
    this.requireDepartment(item.departmentId);
    return this.act(id, (h) => h.executeUpdate(addItemUpdate, { args: [{ actor, item }] }));
  }

  changeDepartment(id: string, itemKey: string, actor: Actor, body: { toDepartmentId: string; reason: string }): Promise<ItemState> {
    this.requireDepartment(body.toDepartmentId);
    return this.act(id, (h) => h.executeUpdate(changeItemDepartmentUpdate, { args: [{ itemKey, actor, ...body }] }));
  }

  /** The workflow cannot read the directory: departments named in an amendment are checked here. */
  private requireDepartment(departmentId: string): void {
    if (!loadDirectory(this.directoryPath).departments.some((d) => d.id === departmentId)) {
      throw new HttpError(400, `unknown department ${departmentId}`);
    }
  }

  private async act<T>(id: string, call: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<T>): Promise<T> {
    try {
      return await call(this.client.workflow.getHandle(id));
    } catch (err) {
      const refused = refusal(err);
      if (refused) throw new HttpError(statusByRefusal[refused.type] ?? 400, refused.message);
      if (err instanceof Error && /workflow execution already completed/i.test(err.message)) throw new HttpError(409, 'the project is already closed');
      throw toHttpError(err);
    }
  }
}
