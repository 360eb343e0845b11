/**
 * What a leader does and sees from the command line, through the API (docs/leaders.md):
 *
 *   acknowledge <taskId> --as <personId> [--step N] [--note T]   已阅: an escalation of the task that reached you
 *   escalations --as <personId> [--acknowledged true|false] [--json]
 *   board --as <personId> [--json]                              挂图作战: every kind by light, in your scope
 *   instruct <kind> <processId> --text T --days N --department D [--about A] --as <personId>   督办
 *   instructions --as <personId> [--status S] [--json]         the instructions you issued
 *   instruction show|answer|accept|return <instructionId> --as <personId> [--answer T] [--comment T]
 */
import { parseArgs } from 'node:util';
import { apiClient } from './api-client';
import { routeOf } from '../processes/definition';
import { saidAt, saidDeadline } from './spoken';

export const leadersHelp = `  greenlight acknowledge <taskId> --as <personId> [--step N] [--note T]
                                                                   acknowledge (已阅) an escalation of the task that reached you
  greenlight escalations --as <personId> [--acknowledged true|false] [--json]
                                                                   open tasks whose escalations reached you
  greenlight board --as <personId> [--json]                        your board (挂图作战): by kind, category and department, by light; red and yellow listed
  greenlight instruct <kind> <processId> --text T --days N --department D [--about A] --as <personId>
                                                                   issue a supervision instruction (督办): the department's head answers
  greenlight instructions --as <personId> [--status awaitingAnswer|answered|accepted] [--json]
                                                                   the instructions you issued
  greenlight instruction show|answer|accept|return <instructionId> --as <personId> [--answer T] [--comment T]
                                                                   read, answer (the head), accept or send back once (the leader)`;

const commands = ['acknowledge', 'escalations', 'board', 'instruct', 'instructions', 'instruction'] as const;
type LeaderCommand = typeof commands[number];

export function isLeaderCommand(command: string | undefined): command is LeaderCommand {
  return (commands as readonly string[]).includes(command ?? '');
}

type Out = (line: string) => void;
const enc = encodeURIComponent;

interface Escalation { taskId: string; light: string; title?: string; acknowledged: boolean; escalations: Array<{ step: number; at: string; label?: string }> }
interface Counts { total: number; lights: { red: number; yellow: number; green: number } }
interface Board {
  scope: 'district' | { departments: string[]; people: string[] };
  kinds: Array<Counts & { kind: string; categories?: Array<Counts & { category?: string }> }>;
  departments: Array<Counts & { departmentId: string }>;
  items: Array<{ kind: string; id: string; light: string; title?: string; departmentId?: string }>;
}

/** The board as the API computed it (api/board.ts), as a table: every number the workbench shows, none counted here. */
export function boardLines(board: Board): string[] {
  const row = (label: string, c: Counts) =>
    `${label.padEnd(24)} ${String(c.total).padStart(5)} ${String(c.lights.red).padStart(5)} ${String(c.lights.yellow).padStart(7)} ${String(c.lights.green).padStart(6)}`;
  const header = (title: string) => `${title.padEnd(24)} ${'total'.padStart(5)} ${'red'.padStart(5)} ${'yellow'.padStart(7)} ${'green'.padStart(6)}`;
  const scope = board.scope === 'district'
    ? 'the whole district'
    : `departments ${board.scope.departments.join(', ') || '(none)'}; and what is assigned to ${board.scope.people.join(', ')}`;
  return [
    `scope: ${scope}`,
    header('kind'),
    ...board.kinds.flatMap((k) => [row(k.kind, k), ...(k.categories ?? []).map((c) => row(`  ${c.category ?? '(none yet)'}`, c))]),
    header('department'),
    ...board.departments.map((d) => row(d.departmentId, d)),
    ...(board.items.length > 0 ? ['red and yellow:'] : []),
    ...board.items.map((i) => `${i.light.padEnd(6)} ${i.kind.padEnd(20)} ${i.id}  ${i.title ?? ''}${i.departmentId ? `  (${i.departmentId})` : ''}`),
  ];
}
interface Instruction { instructionId: string; status?: string; light?: string; dueAt?: string; departmentId?: string; text?: string }

export async function leadersCommand(command: LeaderCommand, args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' }, step: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean', default: false },
      acknowledged: { type: 'string' }, text: { type: 'string' }, days: { type: 'string' }, department: { type: 'string' },
      about: { type: 'string' }, status: { type: 'string' }, answer: { type: 'string' }, comment: { type: 'string' },
    },
  });
  const print = (data: unknown) => out(JSON.stringify(data, null, 2));
  const usage = (line: string) => {
    out(`usage: ${line}`);
    return 2;
  };
  const api = () => apiClient(values.as);
  switch (command) {
    case 'acknowledge': {
      const [taskId] = positionals;
      if (!taskId) return usage('acknowledge <taskId> --as <personId> [--step N] [--note T]');
      const step = values.step === undefined ? undefined : Number(values.step);
      const state = await (await api()).call<{ escalations?: unknown[] }>('POST', `/api/tasks/${enc(taskId)}/acknowledge`, { step, note: values.note });
      print(values.json ? state : state.escalations);
      return 0;
    }
    case 'escalations': {
      const query = values.acknowledged ? `?acknowledged=${enc(values.acknowledged)}` : '';
      const { escalations } = await (await api()).call<{ escalations: Escalation[] }>('GET', `/api/leaders/me/escalations${query}`);
      if (values.json) print(escalations);
      else if (escalations.length === 0) out('no open escalations reached you');
      else {
        escalations.forEach((e) => {
          const latest = e.escalations[e.escalations.length - 1];
          out(`${e.light.padEnd(6)} ${e.acknowledged ? '已阅' : '未阅'}  ${saidAt(latest.at)}  ${e.taskId}  ${e.title ?? ''}  (rung ${latest.step}: ${latest.label ?? ''})`);
        });
      }
      return 0;
    }
    case 'board': {
      // The counts come whole on every page; the red and yellow items page after page, to the last.
      const client = await api();
      const board = await client.call<Board & { next?: string }>('GET', '/api/leaders/me/board?limit=1000');
      for (let cursor = board.next; cursor;) {
        const page = await client.call<Board & { next?: string }>('GET', `/api/leaders/me/board?limit=1000&cursor=${encodeURIComponent(cursor)}`);
        board.items.push(...page.items);
        cursor = page.next;
      }
      delete board.next;
      if (values.json) {
        print(board);
        return 0;
      }
      boardLines(board).forEach((line) => out(line));
      return 0;
    }
    case 'instruct': {
      const [kind, processId] = positionals;
      if (!kind || !processId || !values.text || !values.days || !values.department) {
        return usage('instruct <kind> <processId> --text T --days N --department D [--about A] --as <personId>');
      }
      print(await (await api()).call('POST', `${routeOf(kind)}/${enc(processId)}/instructions`, {
        text: values.text, responseWorkingDays: Number(values.days), departmentId: values.department, about: values.about,
      }));
      return 0;
    }
    case 'instructions': {
      const query = values.status ? `?status=${enc(values.status)}` : '';
      const { instructions } = await (await api()).call<{ instructions: Instruction[] }>('GET', `/api/leaders/me/instructions${query}`);
      if (values.json) print(instructions);
      else if (instructions.length === 0) out('you have issued no instructions');
      else instructions.forEach((i) => out(`${String(i.light ?? '').padEnd(6)} ${String(i.status ?? '').padEnd(14)} ${(i.dueAt ? saidDeadline(i.dueAt) : '').padEnd(28)} ${i.instructionId}  ${i.departmentId ?? ''}  ${i.text ?? ''}`));
      return 0;
    }
    case 'instruction': {
      const [verb, id] = positionals;
      const line = 'instruction show|answer|accept|return <instructionId> --as <personId> [--answer T] [--comment T]';
      if (!id) return usage(line);
      const path = `/api/instructions/${enc(id)}`;
      switch (verb) {
        case 'show': print(await (await api()).call('GET', path)); return 0;
        case 'answer':
          if (!values.answer) return usage('instruction answer <instructionId> --answer T --as <personId>');
          print(await (await api()).call('POST', `${path}/answer`, { answer: values.answer }));
          return 0;
        case 'accept': print(await (await api()).call('POST', `${path}/accept`, { comment: values.comment })); return 0;
        case 'return':
          if (!values.comment) return usage('instruction return <instructionId> --comment T --as <personId>');
          print(await (await api()).call('POST', `${path}/return`, { comment: values.comment }));
          return 0;
        default: return usage(line);
      }
    }
  }
}
