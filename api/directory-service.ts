/**
 * Keeping the directory (人员名录): its current version, its history, and a new version checked
 * and applied — or, on a dry run, only described: who is added, changed and removed, and which
 * open tasks would be left without a holder (held by a person who leaves, or whose department
 * they leave; offered to a department that goes), each with the handover to do first
 * (`POST /api/tasks/<id>/reassign`).
 */
import type { Client } from '@temporalio/client';
import { Directory, Role } from '../contracts/directory';
import { quote } from '../contracts/process-queries';
import { GlAssignee, GlCandidateGroups, GlProcessKind } from '../contracts/search-attributes';
import { directoryChanges, holdersLeaving, type DirectoryChanges } from '../directory/changes';
import type { DirectoryStore, DirectoryVersion, DirectoryVersionInfo } from '../directory/store';
import { HttpError } from './errors';

export interface OrphanedTask {
  taskId: string;
  title?: string;
  processKind?: string;
  assigneeId?: string;
  departmentId?: string;
  /** Why it would be left without a holder. */
  reason: 'holder-removed' | 'holder-leaves-department' | 'department-removed';
}

export interface DirectoryPlan {
  /** The version this plan was made against; apply with it as `basedOn`. */
  basedOn: number;
  changes: DirectoryChanges;
  orphanedTasks: OrphanedTask[];
  /** The version written, when it was not a dry run. */
  applied?: DirectoryVersionInfo;
}

/** How many clauses go into one visibility query. */
const CHUNK = 40;

/** A task's department is in its candidate groups (`dept:<id>:role:<role>`, workflows/human-task.ts), whoever holds it. */
const ofDepartments = (ids: readonly string[]) => `GlCandidateGroups IN (${ids.flatMap((d) => Role.options.map((r) => quote(`dept:${d}:role:${r}`))).join(', ')})`;
const departmentOf = (groups: readonly string[] | undefined) => groups?.map((g) => /^dept:(.+):role:/.exec(g)?.[1]).find(Boolean);

export class DirectoryService {
  constructor(private readonly client: Client, private readonly store: DirectoryStore | undefined) {}

  private kept(): DirectoryStore {
    if (!this.store) throw new HttpError(409, '本服务未保存名录版本，仅按启动时的名录文件运行：请像一键启动的全套服务那样为它连接消息服务，名录才能导入并查看历史');
    return this.store;
  }

  async current(): Promise<DirectoryVersion> {
    const now = await this.kept().current();
    if (!now) throw new HttpError(404, '尚未保存任何名录版本');
    return now.version;
  }

  history(): Promise<DirectoryVersionInfo[]> {
    return this.kept().history();
  }

  /** Open tasks the change would leave without a holder. */
  async orphans(before: Directory, after: Directory): Promise<OrphanedTask[]> {
    const leaving = holdersLeaving(before, after);
    const clauses: { clause: string; reason: OrphanedTask['reason'] }[] = [
      ...leaving.people.map((p) => p.departments === 'all'
        ? { clause: `GlAssignee = ${quote(p.id)}`, reason: 'holder-removed' as const }
        : { clause: `(GlAssignee = ${quote(p.id)} AND ${ofDepartments(p.departments)})`, reason: 'holder-leaves-department' as const }),
      ...leaving.departments.map((d) => ({ clause: ofDepartments([d]), reason: 'department-removed' as const })),
    ];
    const removedPeople = new Set(leaving.people.filter((p) => p.departments === 'all').map((p) => p.id));
    const removedDepartments = new Set(leaving.departments);
    const found = new Map<string, OrphanedTask>();
    for (let i = 0; i < clauses.length; i += CHUNK) {
      const any = clauses.slice(i, i + CHUNK).map((c) => c.clause).join(' OR ');
      const query = `GlEntityKind = 'task' AND ExecutionStatus = 'Running' AND GlStatus IN ('open', 'claimed') AND (${any})`;
      for await (const info of this.client.workflow.list({ query })) {
        const sa = info.typedSearchAttributes;
        const assigneeId = sa.get(GlAssignee);
        const departmentId = departmentOf(sa.get(GlCandidateGroups));
        const reason: OrphanedTask['reason'] = assigneeId && removedPeople.has(assigneeId) ? 'holder-removed'
          : departmentId && removedDepartments.has(departmentId) ? 'department-removed' : 'holder-leaves-department';
        found.set(info.workflowId, {
          taskId: info.workflowId, title: typeof info.memo?.title === 'string' ? info.memo.title : undefined,
          processKind: sa.get(GlProcessKind), assigneeId, departmentId, reason,
        });
      }
    }
    return [...found.values()].sort((a, b) => a.taskId.localeCompare(b.taskId));
  }

  /** Checks a new directory against the current one; writes it as the next version unless `dryRun`. */
  async plan(candidate: unknown, options: { by: string; source: string; dryRun: boolean; basedOn?: number }): Promise<DirectoryPlan> {
    const parsed = Directory.safeParse(candidate);
    if (!parsed.success) {
      throw new HttpError(400, '名录有误，未作任何更改', parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const now = await this.kept().current();
    const before = now?.version.directory;
    const plan: DirectoryPlan = {
      basedOn: now?.version.version ?? 0,
      changes: directoryChanges(before, parsed.data),
      orphanedTasks: before ? await this.orphans(before, parsed.data) : [],
    };
    if (options.dryRun) return plan;
    const { directory: _directory, ...applied } = await this.kept().apply(parsed.data, { by: options.by, source: options.source, basedOn: options.basedOn ?? plan.basedOn });
    return { ...plan, applied };
  }
}
