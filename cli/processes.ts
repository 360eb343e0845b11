/**
 * Every registered kind from the command line: what `/api/processes/<kind>` serves, for any kind
 * the registry lists, with no command written for one kind.
 *
 *   kinds [--json]                                   what kinds there are, how each is started, its actions and reports
 *   start <kind> <file.json> [--as <personId>]       through the API as that person; without --as,
 *                                                    as an outside system does: on the kind's NATS subject
 *   list <kind> --as <personId> [--status S] [--light L] [--department D] [--category C] [--leader P] [--order light] [--json]
 *   show <kind> <id> --as <personId> [--json]        its state, tasks and timeline
 *   act <kind> <id> <action> --as <personId> [--body '{…}' | --body-file F]
 *   report <kind> <name> --as <personId>
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { routeOf, type ProcessDefinition } from '../processes/definition';
import { definitionOf, definitions } from '../processes/registry';
import { allPages, apiClient } from './api-client';
import { publishChecked } from './publish-command';
import { saidAt, saidDeadline } from './spoken';

export const processesHelp = `  greenlight kinds [--json]                                        the kinds of process, how each is started, their actions and reports
  greenlight start <kind> <file.json> [--as <personId>]            start one (NATS, or the API with --as)
  greenlight list <kind> --as <personId> [--status S] [--light L] [--department D] [--category C] [--leader P] [--order light]
                                                                   processes of a kind, latest first (or red first)
  greenlight show <kind> <id> --as <personId> [--json]             one process: its state, its tasks, its timeline
  greenlight act <kind> <id> <action> --as <personId> [--body '{...}' | --body-file F]
                                                                   one of the kind's actions (greenlight kinds lists them)
  greenlight report <kind> <name> --as <personId>                  one of the kind's reports (greenlight kinds lists them)`;

const commands = ['kinds', 'start', 'list', 'show', 'act', 'report'] as const;
type ProcessCommand = typeof commands[number];

export function isProcessCommand(command: string | undefined): command is ProcessCommand {
  return (commands as readonly string[]).includes(command ?? '');
}

type Out = (line: string) => void;

function kindOf(name: string | undefined, out: Out): ProcessDefinition | undefined {
  const definition = name ? definitionOf(name) : undefined;
  if (!definition) out(`${name ? `unknown kind "${name}"` : 'name a kind'}; the kinds are: ${definitions.map((d) => d.kind).join(', ')}`);
  return definition;
}

const usage: Record<Exclude<ProcessCommand, 'kinds' | 'list'>, string> = {
  start: 'usage: start <kind> <file.json> [--as <personId>]',
  show: 'usage: show <kind> <id> --as <personId>',
  act: 'usage: act <kind> <id> <action> --as <personId> [--body JSON | --body-file F]',
  report: 'usage: report <kind> <name> --as <personId>',
};

export async function processesCommand(command: ProcessCommand, args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' }, json: { type: 'boolean', default: false },
      status: { type: 'string' }, light: { type: 'string' }, department: { type: 'string' }, category: { type: 'string' },
      leader: { type: 'string' }, order: { type: 'string' }, body: { type: 'string' }, 'body-file': { type: 'string' },
    },
  });
  if (command === 'kinds') {
    if (values.json) {
      out(JSON.stringify(definitions.map((d) => ({
        kind: d.kind, version: d.version, title: d.title, subject: d.start.subject, route: routeOf(d.kind),
        actions: (d.actions ?? []).map((a) => a.name), reports: (d.reports ?? []).map((r) => r.name),
      })), null, 2));
      return 0;
    }
    for (const d of definitions) {
      out(`${d.kind} (v${d.version})  ${d.title}`);
      out(`  ${d.summary}`);
      out(`  start: NATS ${d.start.subject}, POST ${routeOf(d.kind)}; events: ${d.events.join(', ')}`);
      for (const a of d.actions ?? []) out(`  action ${a.name}: ${a.summary}${a.command ? ` (also NATS ${a.command.subject})` : ''}`);
      for (const r of d.reports ?? []) out(`  report ${r.name}: ${r.summary}`);
    }
    return 0;
  }

  const definition = kindOf(positionals[0], out);
  if (!definition) return 2;
  const route = routeOf(definition.kind);

  if (command === 'list') {
    const query = new URLSearchParams();
    for (const key of ['status', 'light', 'department', 'category', 'order'] as const) if (values[key]) query.set(key, values[key]);
    query.set('limit', '1000');
    if (values.leader) query.set('assignedLeader', values.leader);
    const processes = await allPages<Record<string, string | undefined>>(await apiClient(values.as), `${route}?${query}`, 'processes');
    if (values.json) out(JSON.stringify(processes, null, 2));
    else if (processes.length === 0) out(`no ${definition.kind} processes`);
    else processes.forEach((p) => out(`${String(p.light ?? '').padEnd(6)} ${String(p.status ?? '').padEnd(12)} ${p.id}  ${p.title ?? ''}`));
    return 0;
  }

  if (!positionals[1] || (command === 'act' && !positionals[2])) {
    out(usage[command]);
    return 2;
  }
  if (command === 'show') {
    const view = await (await apiClient(values.as)).call<ShownProcess>('GET', `${route}/${encodeURIComponent(positionals[1])}`);
    if (values.json) out(JSON.stringify(view, null, 2));
    else printView(view, out);
    return 0;
  }
  if (command === 'report') {
    const report = (definition.reports ?? []).find((r) => r.name === positionals[1]);
    if (!report) {
      out(`${definition.kind} has no report "${positionals[1]}"; its reports: ${(definition.reports ?? []).map((r) => r.name).join(', ') || 'none'}`);
      return 2;
    }
    out(JSON.stringify(await (await apiClient(values.as)).call('GET', `${route}/reports/${report.name}`), null, 2));
    return 0;
  }
  if (command === 'act') {
    const action = (definition.actions ?? []).find((a) => a.name === positionals[2]);
    if (!action) {
      out(`${definition.kind} has no action "${positionals[2]}"; its actions: ${(definition.actions ?? []).map((a) => a.name).join(', ') || 'none'}`);
      return 2;
    }
    const body: unknown = JSON.parse(values['body-file'] ? readFileSync(values['body-file'], 'utf8') : values.body ?? '{}');
    out(JSON.stringify(await (await apiClient(values.as)).call('POST', `${route}/${encodeURIComponent(positionals[1])}/actions/${action.name}`, body), null, 2));
    return 0;
  }

  const body: unknown = JSON.parse(readFileSync(positionals[1], 'utf8'));
  if (values.as) {
    const accepted = await (await apiClient(values.as)).call<{ id: string; existing: boolean }>('POST', route, body);
    out(`${accepted.existing ? 'already started' : 'accepted'}: ${accepted.id}`);
    return 0;
  }
  const published = await publishChecked(definition.start.subject, definition.input(), body, out);
  if (!published) return 2;
  const id = definition.idOf(published.value);
  out(`published ${id} to ${definition.start.subject} (stream ${published.ack.stream}, seq ${published.ack.seq}); follow it with: greenlight show ${definition.kind} ${id} --as <personId>`);
  return 0;
}

interface ShownProcess {
  kind: string;
  id: string;
  title?: string;
  execution: string;
  light?: string;
  state: Record<string, unknown>;
  tasks: Array<{ taskId: string; title: string; status: string; light: string; dueAt?: string; provisional: boolean; assigneeId?: string; departmentId?: string }>;
  timeline: Array<{ at: string; event: string }>;
}

/** A process as a person reads it: instants in Shanghai time, its open tasks, its timeline. */
function printView(view: ShownProcess, out: Out): void {
  out(`${view.kind} ${view.id}  ${view.title ?? ''}`);
  out(`  ${view.execution.toLowerCase()}${view.state.status ? `, ${String(view.state.status)}` : ''}${view.light ? `, light ${view.light}` : ''}`);
  for (const t of view.tasks) {
    const due = t.dueAt ? `due ${saidDeadline(t.dueAt, t.provisional)}` : '';
    out(`  task ${t.taskId}  ${t.status}  ${t.light}  ${due}  ${t.assigneeId ?? t.departmentId ?? ''}`);
  }
  for (const e of view.timeline) out(`  ${saidAt(e.at)}  ${e.event}`);
}
