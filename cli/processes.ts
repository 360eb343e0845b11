/**
 * Every registered kind from the command line.
 *
 *   kinds [--json]                                  what kinds there are, how each is started
 *   start <kind> <file.json> [--as <personId>]      through the API as that person; without --as,
 *                                                   as an outside system does: on the kind's NATS subject
 *   list <kind> --as <personId> [--status S] [--light L] [--department D] [--category C] [--json]
 *   show <kind> <id> --as <personId>                its state as its workflow reports it
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { routeOf, type ProcessDefinition } from '../processes/definition';
import { definitionOf, definitions } from '../processes/registry';
import { apiClient } from './api-client';
import { publishChecked } from './publish-command';

export const processesHelp = `  greenlight kinds [--json]                                        the kinds of process, how each is started
  greenlight start <kind> <file.json> [--as <personId>]            start one (NATS, or the API with --as)
  greenlight list <kind> --as <personId> [--status S] [--light L]  processes of a kind, latest first
  greenlight show <kind> <id> --as <personId>                      one process's state`;

type Out = (line: string) => void;

function kindOf(name: string | undefined, out: Out): ProcessDefinition | undefined {
  const definition = name ? definitionOf(name) : undefined;
  if (!definition) out(`${name ? `unknown kind "${name}"` : 'name a kind'}; the kinds are: ${definitions.map((d) => d.kind).join(', ')}`);
  return definition;
}

export async function processesCommand(command: 'kinds' | 'start' | 'list' | 'show', args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' }, json: { type: 'boolean', default: false },
      status: { type: 'string' }, light: { type: 'string' }, department: { type: 'string' }, category: { type: 'string' },
    },
  });
  if (command === 'kinds') {
    if (values.json) {
      out(JSON.stringify(definitions.map((d) => ({ kind: d.kind, version: d.version, title: d.title, subject: d.start.subject, route: routeOf(d.kind) })), null, 2));
      return 0;
    }
    for (const d of definitions) {
      out(`${d.kind} (v${d.version})  ${d.title}`);
      out(`  ${d.summary}`);
      out(`  start: NATS ${d.start.subject}, POST ${routeOf(d.kind)}; events: ${d.events.join(', ')}`);
    }
    return 0;
  }

  const definition = kindOf(positionals[0], out);
  if (!definition) return 2;
  const route = routeOf(definition.kind);

  if (command === 'list') {
    const query = new URLSearchParams();
    for (const key of ['status', 'light', 'department', 'category'] as const) if (values[key]) query.set(key, values[key]);
    const { processes } = await (await apiClient(values.as)).call<{ processes: Array<Record<string, string | undefined>> }>('GET', `${route}?${query}`);
    if (values.json) out(JSON.stringify(processes, null, 2));
    else if (processes.length === 0) out(`no ${definition.kind} processes`);
    else processes.forEach((p) => out(`${String(p.light ?? '').padEnd(6)} ${String(p.status ?? '').padEnd(12)} ${p.id}  ${p.title ?? ''}`));
    return 0;
  }

  if (!positionals[1]) {
    out(command === 'show' ? 'usage: show <kind> <id> --as <personId>' : 'usage: start <kind> <file.json> [--as <personId>]');
    return 2;
  }
  if (command === 'show') {
    out(JSON.stringify(await (await apiClient(values.as)).call('GET', `${route}/${encodeURIComponent(positionals[1])}`), null, 2));
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
