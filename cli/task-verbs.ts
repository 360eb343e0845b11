/**
 * The verbs every Chinese approval system has, on any task, through the API (docs/verbs.md):
 *
 *   chase <taskId> --as <personId> [--note T]       催办: press the holder (once per half working day)
 */
import { parseArgs } from 'node:util';
import { spokenShanghai } from '../calendar/spoken-time';
import { apiClient } from './api-client';

export const taskVerbsHelp = `  greenlight chase <taskId> --as <personId> [--note T]          chase the holder (催办): initiator, department head or leader; once per half working day`;

const commands = ['chase'] as const;
type TaskVerbCommand = typeof commands[number];

export function isTaskVerbCommand(command: string | undefined): command is TaskVerbCommand {
  return (commands as readonly string[]).includes(command ?? '');
}

type Out = (line: string) => void;
const enc = encodeURIComponent;

interface TaskAnswer { taskId: string; chases?: Array<{ personId: string; count: number; nextAllowedAt: string }> }

export async function taskVerbsCommand(command: TaskVerbCommand, args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const taskId = positionals[0];
  if (!taskId) throw new Error(`missing <taskId>\n\n${taskVerbsHelp}`);
  const api = await apiClient(values.as);
  switch (command) {
    case 'chase': {
      const task = await api.call<TaskAnswer>('POST', `/api/tasks/${enc(taskId)}/chase`, values.note ? { note: values.note } : {});
      const mine = task.chases?.[task.chases.length - 1];
      if (values.json || !mine) out(JSON.stringify(task, null, 2));
      else out(`催办已送达 (chase no. ${mine.count} of ${task.taskId}); you may chase again from ${spokenShanghai(mine.nextAllowedAt)}`);
      return 0;
    }
  }
}
