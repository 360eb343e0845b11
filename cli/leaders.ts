/**
 * What a leader does from the command line, through the API (docs/leaders.md):
 *
 *   acknowledge <taskId> --as <personId> [--step N] [--note T]   已阅: an escalation of the task that reached you
 */
import { parseArgs } from 'node:util';
import { apiClient } from './api-client';

export const leadersHelp = `  greenlight acknowledge <taskId> --as <personId> [--step N] [--note T]
                                                                   acknowledge (已阅) an escalation of the task that reached you`;

const commands = ['acknowledge'] as const;
type LeaderCommand = typeof commands[number];

export function isLeaderCommand(command: string | undefined): command is LeaderCommand {
  return (commands as readonly string[]).includes(command ?? '');
}

type Out = (line: string) => void;
const enc = encodeURIComponent;

export async function leadersCommand(command: LeaderCommand, args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: 'string' }, step: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const print = (data: unknown) => out(JSON.stringify(data, null, 2));
  switch (command) {
    case 'acknowledge': {
      const [taskId] = positionals;
      if (!taskId) {
        out('usage: acknowledge <taskId> --as <personId> [--step N] [--note T]');
        return 2;
      }
      const step = values.step === undefined ? undefined : Number(values.step);
      const state = await (await apiClient(values.as)).call<{ escalations?: unknown[] }>('POST', `/api/tasks/${enc(taskId)}/acknowledge`, { step, note: values.note });
      print(values.json ? state : state.escalations);
      return 0;
    }
  }
}
