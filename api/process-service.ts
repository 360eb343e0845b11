/**
 * Every registered kind through one surface: start (the same path as the kind's NATS intake),
 * get (the workflow's `state` query, read as its definition allows) and list (one visibility
 * query over the common search attributes).
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import { GlAssignedLeader, GlCategory, GlDepartment, GlLight, GlStatus } from '../contracts/search-attributes';
import { loadDirectory } from '../activities/directory-file';
import type { ProcessDefinition } from '../processes/definition';
import { startProcess, validateStart } from '../processes/start';
import { HttpError, orHttpError } from './errors';
import { oversees, quote } from './visibility';

export interface ProcessSummary {
  id: string;
  title?: string;
  status?: string;
  light?: string;
  category?: string;
  departmentId?: string;
  assignedLeaderId?: string;
  startedAt: string;
  closedAt?: string;
}

export interface ProcessFilter {
  status?: string;
  light?: string;
  category?: string;
  department?: string;
  limit: number;
}

export interface ProcessView {
  kind: string;
  id: string;
  title?: string;
  /** Temporal's status of the run: RUNNING, COMPLETED, FAILED, … */
  execution: string;
  state: unknown;
}

/** A workflow type of the kind: the kind itself, or a later version of it (`<kind>V2`). */
export function isVersionOf(kind: string, workflowType: string): boolean {
  return workflowType === kind || new RegExp(`^${kind}V\\d+$`).test(workflowType);
}

/** Continued-as-new runs are the same process: only its latest run is listed. */
export function listQuery(kind: string, actor: Actor, filter: Omit<ProcessFilter, 'limit'>): string {
  const clauses = [`GlEntityKind = 'process'`, `GlProcessKind = ${quote(kind)}`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filter.status) clauses.push(`GlStatus = ${quote(filter.status)}`);
  if (filter.light) clauses.push(`GlLight = ${quote(filter.light)}`);
  if (filter.category) clauses.push(`GlCategory = ${quote(filter.category)}`);
  if (filter.department) clauses.push(`GlDepartment = ${quote(filter.department)}`);
  if (!oversees(actor)) clauses.push(`GlDepartment IN (${actor.departments.map(quote).join(', ')})`);
  return clauses.join(' AND ');
}

function summarise(info: WorkflowExecutionInfo): ProcessSummary {
  const sa = info.typedSearchAttributes;
  return {
    id: info.workflowId,
    title: typeof info.memo?.title === 'string' ? info.memo.title : undefined,
    status: sa.get(GlStatus),
    light: sa.get(GlLight),
    category: sa.get(GlCategory),
    departmentId: sa.get(GlDepartment),
    assignedLeaderId: sa.get(GlAssignedLeader),
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString(),
  };
}

export class ProcessService {
  constructor(private readonly client: Client, private readonly taskQueue: string, private readonly directoryPath: string) {}

  async start(definition: ProcessDefinition, body: unknown, actor: Actor): Promise<{ id: string; existing: boolean }> {
    const checked = validateStart(definition, body, loadDirectory(this.directoryPath));
    if (!checked.ok) throw new HttpError(400, `invalid ${definition.kind}`, checked.issues);
    const allowed = definition.mayStart(actor, checked.value);
    if (allowed !== true) throw new HttpError(403, allowed);
    return startProcess(definition, this.client, this.taskQueue, checked.value);
  }

  async get(definition: ProcessDefinition, id: string, actor: Actor): Promise<ProcessView> {
    const handle = this.client.workflow.getHandle(id);
    const execution = await orHttpError(handle.describe());
    // Another kind's process under this id is not this kind's: as absent as no process at all.
    if (!isVersionOf(definition.kind, execution.type)) throw new HttpError(404, 'not found');
    const state = await orHttpError(handle.query<unknown>('state'));
    if (!definition.mayRead(actor, state)) throw new HttpError(403, `this ${definition.kind} concerns none of your departments`);
    return {
      kind: definition.kind,
      id,
      title: typeof execution.memo?.title === 'string' ? execution.memo.title : undefined,
      execution: execution.status.name,
      state,
    };
  }

  async list(definition: ProcessDefinition, actor: Actor, filter: ProcessFilter): Promise<ProcessSummary[]> {
    if (!oversees(actor) && actor.departments.length === 0) return [];
    const found: ProcessSummary[] = [];
    for await (const info of this.client.workflow.list({ query: listQuery(definition.kind, actor, filter), pageSize: 200 })) {
      found.push(summarise(info));
      if (found.length >= filter.limit) break;
    }
    return found;
  }
}
