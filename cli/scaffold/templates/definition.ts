import { docComment } from '../doc-comment';
import type { KindNames } from '../names';

/** `definition.ts`: everything Greenlight needs to know about the kind (processes/definition.ts). */
export function definitionFile(n: KindNames): string {
  const A = n.a === 'an' ? 'An' : 'A';
  const title = n.words[0].toUpperCase() + n.words.slice(1);
  return `${docComment(`${title} (${n.kind}): each one reviewed by the department it names, escalating along the review's ladder while it waits, and closed with the review's outcome. Listed in processes/registry.ts.`)}
import { join } from 'node:path';
import { defineProcess } from '../definition';
import { Start${n.type}, type ${n.type}State } from './contract';
import { forms } from './forms';
import { ladders } from './ladders';
import { ${n.kind} } from './workflow';

export const ${n.kind}Definition = defineProcess<Start${n.type}, ${n.type}State>({
  kind: '${n.kind}',
  version: 1,
  // TODO(${n.kind}): the name people use for it, with the Chinese term once, e.g. "${title} (…)".
  title: '${title}',
  summary: '${A} ${n.words} reviewed by its department within the time limit, escalating while it waits, and closed with the outcome.',
  workflow: ${n.kind},
  input: () => Start${n.type},
  checkDirectory: (start, directory) => (directory.departments.some((d) => d.id === start.departmentId)
    ? []
    : [{ path: 'departmentId', message: \`unknown department \${start.departmentId}\` }]),
  idOf: (start) => start.id,
  titleOf: (start) => start.title,
  // TODO(${n.kind}): who may start one over the API (NATS commands come from trusted systems), in
  // the terms of the one authorisation table (contracts/access.ts): admins always may; here the
  // reviewing department's staff. Who may read one: those who oversee, and the departments and
  // people \`scope\` names.
  access: {
    start: [{ role: 'staff', reach: 'department' }],
    whoStarts: 'only the staff of the reviewing department (or an admin) may start one',
    startScope: (start) => ({ departments: [start.departmentId], people: [] }),
    scope: (state) => ({ departments: [state.departmentId], people: [] }),
  },
  tasksOf: (state) => state.openTaskIds,
  forms,
  ladders,
  searchAttributes: [],
  events: ['${n.aggregate}.started', '${n.aggregate}.reviewed', '${n.aggregate}.closed'],
  // TODO(${n.kind}): how the workbench shows it, in Chinese: its name, what its task page shows of
  // the state, a word for each of its events, and each Chinese word in English (docs/adding-a-definition.md §7).
  presentation: {
    name: '${title}',
    facts: [
      { label: '标题', path: 'title' },
      { label: '承办部门', path: 'departmentId', as: 'department' },
    ],
    events: { started: '已开始', reviewed: '已审查', closed: '已办结' },
    en: { '${title}': '${title}', 标题: 'Title', 承办部门: 'Department', 已开始: 'Started', 已审查: 'Reviewed', 已办结: 'Closed' },
  },
  start: { subject: 'gl.cmd.${n.aggregate}.start' },
  demo: join(__dirname, 'demo.commands.json'),
});
`;
}
