/**
 * `greenlight agent set|clear|show`: a person's agent (代理) for a period. Each person their own,
 * an admin anyone's (POST/GET /api/people/:id/agent, docs/verbs.md).
 *
 *   greenlight agent set tax-huang --agent finance-liu --from 2026-12-08 --until 2026-12-12 --as tax-huang
 *   greenlight agent show tax-huang --as tax-huang
 *   greenlight agent clear tax-huang --as tax-huang
 *
 * A day (YYYY-MM-DD) is a day in China: `--from` from its start, `--until` to its end (that day
 * included); an ISO instant is taken as it is (`--until` then exclusive).
 */
import { parseArgs } from 'node:util';
import type { AgentView } from '../api/agents';
import { apiClient } from './api-client';

type Out = (line: string) => void;

export const agentHelp = `  greenlight agent set <personId> --agent <personId> --from <date> --until <date> --as <you> [--json]
                                                                   代理: name the person's agent for the days from..until (both included, China time)
  greenlight agent show <personId> --as <you> [--json]             the person's agent and its period
  greenlight agent clear <personId> --as <you>                     no agent from now on`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant from a day (its start in China, or the next day's start: `end`) or from an ISO instant. */
export function instantOf(text: string, end: boolean): string {
  if (DAY.test(text)) {
    const start = Date.parse(`${text}T00:00:00+08:00`);
    if (Number.isNaN(start)) throw new Error(`not a day: ${text} (YYYY-MM-DD)`);
    return new Date(start + (end ? 24 * 3_600_000 : 0)).toISOString();
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`not a date: ${text} (YYYY-MM-DD, or an ISO instant)`);
  return new Date(at).toISOString();
}

/** The agent in a line: who, from which day to which (China time), and whether they stand in now. */
function agentLine(view: AgentView): string {
  const a = view.agent;
  if (!a) return `${view.personId}：未指定代理人`;
  const day = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${view.personId} 的代理人：${a.agentId}，${day(a.from)} 至 ${day(new Date(Date.parse(a.until) - 1).toISOString())}（${a.active ? '代理中' : '不在代理期内'}；由 ${a.setBy} 指定）`;
}

export async function agentCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { as: { type: 'string' }, agent: { type: 'string' }, from: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [action, personId] = positionals;
  if (!personId || !['set', 'show', 'clear'].includes(action ?? '')) throw new Error(`greenlight agent set|show|clear <personId>\n\n${agentHelp}`);
  const api = await apiClient(values.as);
  const path = `/api/people/${encodeURIComponent(personId)}/agent`;
  const said = (view: AgentView) => out(values.json ? JSON.stringify(view, null, 2) : agentLine(view));
  switch (action) {
    case 'set': {
      if (!values.agent || !values.from || !values.until) throw new Error(`say who and for which days: --agent <personId> --from <date> --until <date>\n\n${agentHelp}`);
      said(await api.call<AgentView>('POST', path, { agentId: values.agent, from: instantOf(values.from, false), until: instantOf(values.until, DAY.test(values.until)) }));
      return 0;
    }
    case 'show':
      said(await api.call<AgentView>('GET', path));
      return 0;
    default:
      await api.call('POST', `${path}/clear`, {});
      out(`${personId}：已取消代理`);
      return 0;
  }
}
