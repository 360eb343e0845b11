/**
 * The `projects` and `project` commands: the leaders' board and one project's items, and the
 * actions on an item, through the API.
 *
 *   projects --as <personId> [--leader L] [--department D] [--category C] [--light red] [--json]
 *   project <id> --as <personId> [--json]
 *   project submit <file.json> --as <personId>
 *   project supply <id> <itemKey> <material>... --as <personId> [--note N]
 *   project resubmit <id> <itemKey> --as <personId> [--note N]
 *   project waive <id> <itemKey> --reason R --as <personId>
 *   project move <id> <itemKey> <departmentId> --reason R --as <personId>
 *
 * Exit codes: 0 done, 1 the API refused or failed, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ItemState, ProjectState } from '../contracts/project';
import { apiClient } from './api-client';

export const PROJECTS_USAGE = [
  'usage: projects --as <personId> [--leader L] [--department D] [--category C] [--light red|yellow|green] [--json]',
  '         the leaders\' board, red first (a leader\'s default: their own projects)',
  '       project <id> --as <personId> [--json]                          every item: status, light, deadline, holder',
  '       project submit <file.json> --as <personId>                     a project and its approval plan',
  '       project supply <id> <itemKey> <material>... --as <personId> [--note N]',
  '       project resubmit <id> <itemKey> --as <personId> [--note N]      after a return for correction (补正)',
  '       project waive <id> <itemKey> --reason R --as <personId>         the assigned leader or an admin',
  '       project move <id> <itemKey> <departmentId> --reason R --as <personId>',
];

const enc = encodeURIComponent;

export async function projectsCommand(command: 'projects' | 'project', args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' }, leader: { type: 'string' }, department: { type: 'string' }, category: { type: 'string' },
      light: { type: 'string' }, note: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const usage = (message?: string) => {
    if (message) out(`error: ${message}`);
    PROJECTS_USAGE.forEach((line) => out(line));
    return message ? 2 : 0;
  };
  const print = (data: unknown) => out(JSON.stringify(data, null, 2));
  if (positionals[0] === 'help') return usage();
  const api = await apiClient(values.as);

  if (command === 'projects') {
    const query = new URLSearchParams();
    if (values.leader) query.set('assignedLeader', values.leader);
    if (values.department) query.set('department', values.department);
    if (values.category) query.set('category', values.category);
    if (values.light) query.set('light', values.light);
    const { projects } = await api.call<{ projects: Array<Record<string, unknown>> }>('GET', `/api/projects?${query}`);
    if (values.json) print(projects);
    else if (projects.length === 0) out('no projects');
    else projects.forEach((p) => out(`${String(p.light ?? '').padEnd(6)} ${String(p.category ?? '').padEnd(18)} ${String(p.assignedLeaderId ?? '').padEnd(12)} ${p.id}  ${p.name ?? ''}`));
    return 0;
  }

  const [first, id, itemKey, ...rest] = positionals;
  const item = (what: string) => `/api/projects/${enc(id ?? '')}/items/${enc(itemKey ?? '')}/${what}`;
  switch (first) {
    case undefined:
      return usage('name a project or an action');
    case 'submit': {
      if (!id) return usage('name the project file');
      print(await api.call('POST', '/api/projects', JSON.parse(readFileSync(id, 'utf8'))));
      return 0;
    }
    case 'supply':
      if (!id || !itemKey || rest.length === 0) return usage('supply needs <id> <itemKey> <material>...');
      print(await api.call<ItemState>('POST', item('materials'), { materials: rest, note: values.note }));
      return 0;
    case 'resubmit':
      if (!id || !itemKey) return usage('resubmit needs <id> <itemKey>');
      print(await api.call<ItemState>('POST', item('resubmit'), { note: values.note }));
      return 0;
    case 'waive':
      if (!id || !itemKey || !values.reason) return usage('waive needs <id> <itemKey> --reason R');
      print(await api.call<ItemState>('POST', item('waive'), { reason: values.reason }));
      return 0;
    case 'move':
      if (!id || !itemKey || !rest[0] || !values.reason) return usage('move needs <id> <itemKey> <departmentId> --reason R');
      print(await api.call<ItemState>('POST', item('department'), { toDepartmentId: rest[0], reason: values.reason }));
      return 0;
    default: {
      const project = await api.call<ProjectState>('GET', `/api/projects/${enc(first)}`);
      if (values.json) print(project);
      else describe(project, out);
      return 0;
    }
  }
}

function describe(p: ProjectState, out: (line: string) => void): void {
  out(`${p.name} (${p.id}) — ${p.status}, light ${p.light}; leader ${p.assignedLeaderId}, department ${p.responsibleDepartmentId}`);
  out(`target: ${p.target.workingDays} working days, due ${p.target.dueAt ?? '?'}${p.target.provisional ? ' (provisional)' : ''}, light ${p.target.light}`);
  for (const i of p.items) {
    const due = i.dueAt ? ` due ${i.dueAt}${i.provisional ? ' (provisional)' : ''}` : '';
    const tolerance = i.tolerance ? ` 容缺 ${i.tolerance.status}, supplement by ${i.tolerance.supplementDueAt}` : '';
    const deps = i.dependsOn.length > 0 ? ` after ${i.dependsOn.join(', ')}` : '';
    out(`  ${i.light.padEnd(6)} ${i.status.padEnd(18)} ${i.key.padEnd(16)} ${i.departmentId.padEnd(10)}${due}${tolerance}${deps}  ${i.name}`);
  }
}
