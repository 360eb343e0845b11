/**
 * The verbs every Chinese approval system has, on any task, through the API (docs/verbs.md):
 *
 *   chase <taskId> --as <personId> [--note T]       催办: press the holder (once per half working day)
 *   copy <taskId> --as <personId> [--to-person P]… [--to-department D]… [--note T]   抄送
 *   copies --as <personId> [--unread] [--json]       抄送我的
 *   read <taskId> --as <personId>                    已阅: mark your copy read
 *   withdraw <taskId> --as <personId> --note <reason>   撤回: take back a task you completed
 *   return-to <taskId> <step> --reason <reason> --as <personId>   退回: return the process to an earlier step
 *   sign-after <taskId> <outcome> --to-person P… --as <holder> [--payload JSON] [--note T]   后加签
 *   approve <taskId> --as <personId> --note <opinion> [--disagree]   answer a 后加签
 */
import { parseArgs } from 'node:util';
import { sayInstant } from '../calendar/spoken-time';
import { allPages, apiClient } from './api-client';

export const taskVerbsHelp = `  greenlight chase <taskId> --as <personId> [--note T]          chase the holder (催办): initiator, department head or leader; once per half working day
  greenlight copy <taskId> --as <personId> [--to-person P]… [--to-department D]… [--note T]
                                                                   copy the task (抄送): they are told and may read it, not act
  greenlight copies --as <personId> [--unread] [--json]           the tasks copied to you (抄送我的)
  greenlight read <taskId> --as <personId>                        mark your copy read (已阅)
  greenlight delegate|transfer <taskId> <personId> --as <holder> [--note reason]
                                                                   委派 (it comes back to you) or 转交 (it is theirs)
  greenlight withdraw <taskId> --as <personId> --note <reason>    take back a task you completed (撤回) while its next step is untouched
  greenlight return-to <taskId> <step> --reason <reason> --as <holder>
                                                                   return the process to an earlier step (退回): it reopens to whoever did it
  greenlight sign-after <taskId> <outcome> --to-person P… --as <holder> [--payload JSON] [--note T]
                                                                   decide, and put it to them to approve first (后加签)
  greenlight approve <taskId> --as <personId> --note <opinion> [--disagree]
                                                                   approve (or not) a decision put to you (后加签)`;

const commands = ['chase', 'copy', 'copies', 'read', 'delegate', 'transfer', 'withdraw', 'return-to', 'sign-after', 'approve'] as const;
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
    options: {
      as: { type: 'string' }, note: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean', default: false }, unread: { type: 'boolean', default: false },
      payload: { type: 'string' }, disagree: { type: 'boolean', default: false },
      'to-person': { type: 'string', multiple: true }, 'to-department': { type: 'string', multiple: true },
    },
  });
  const api = await apiClient(values.as);
  if (command === 'copies') {
    // Every copy, page after page: the list has no cap.
    const copies = await allPages<{ taskId: string; title?: string; status: string; by?: string; copiedAt: string }>(
      api, `/api/copies?limit=500${values.unread ? '&status=unread' : ''}`, 'copies');
    if (values.json) out(JSON.stringify(copies, null, 2));
    else if (copies.length === 0) out('nothing copied to you');
    else copies.forEach((c) => out(`${c.status === 'unread' ? '未阅' : '已阅'}  ${sayInstant(c.copiedAt).padEnd(18)} ${c.taskId}  ${c.title ?? ''}${c.by ? `  (抄送人 ${c.by})` : ''}`));
    return 0;
  }
  const taskId = positionals[0];
  if (!taskId) throw new Error(`missing <taskId>\n\n${taskVerbsHelp}`);
  switch (command) {
    case 'copy': {
      const task = await api.call('POST', `/api/tasks/${enc(taskId)}/copy`, {
        personIds: values['to-person'] ?? [], departmentIds: values['to-department'] ?? [], ...(values.note ? { note: values.note } : {}),
      });
      out(JSON.stringify(task, null, 2));
      return 0;
    }
    case 'delegate':
    case 'transfer': {
      const toPersonId = positionals[1];
      if (!toPersonId) throw new Error(`missing <personId>\n\n${taskVerbsHelp}`);
      out(JSON.stringify(await api.call('POST', `/api/tasks/${enc(taskId)}/${command}`, { toPersonId, ...(values.note ? { reason: values.note } : {}) }), null, 2));
      return 0;
    }
    case 'read':
      out(JSON.stringify(await api.call('POST', `/api/tasks/${enc(taskId)}/read`), null, 2));
      return 0;
    case 'withdraw': {
      if (!values.note) throw new Error(`say why with --note\n\n${taskVerbsHelp}`);
      const next = await api.call<{ taskId: string }>('POST', `/api/tasks/${enc(taskId)}/withdraw`, { reason: values.note });
      if (values.json) out(JSON.stringify(next, null, 2));
      else out(`已撤回 ${taskId}: the next step ${next.taskId} is cancelled, and the step reopens to you`);
      return 0;
    }
    case 'return-to': {
      const toStep = positionals[1];
      if (!toStep) throw new Error(`missing <step>: one of the steps the task offers (its returnTargets)\n\n${taskVerbsHelp}`);
      if (!values.reason) throw new Error(`say why with --reason\n\n${taskVerbsHelp}`);
      const returned = await api.call<{ returned?: { toTitle: string; toTaskId: string; completedBy: string } }>(
        'POST', `/api/tasks/${enc(taskId)}/return`, { toStep, reason: values.reason });
      if (values.json || !returned.returned) out(JSON.stringify(returned, null, 2));
      else out(`已退回 ${taskId} to「${returned.returned.toTitle}」(${returned.returned.toTaskId}): it reopens to ${returned.returned.completedBy}`);
      return 0;
    }
    case 'sign-after': {
      const outcome = positionals[1];
      if (!outcome || !values['to-person']?.length) throw new Error(`missing <outcome> or --to-person\n\n${taskVerbsHelp}`);
      out(JSON.stringify(await api.call('POST', `/api/tasks/${enc(taskId)}/sign-after`, {
        outcome, payload: values.payload ? JSON.parse(values.payload) as unknown : {}, personIds: values['to-person'], ...(values.note ? { note: values.note } : {}),
      }), null, 2));
      return 0;
    }
    case 'approve': {
      if (!values.note) throw new Error(`give your opinion with --note\n\n${taskVerbsHelp}`);
      out(JSON.stringify(await api.call('POST', `/api/tasks/${enc(taskId)}/signers/answer`, { opinion: values.note, agree: !values.disagree }), null, 2));
      return 0;
    }
    case 'chase': {
      const task = await api.call<TaskAnswer>('POST', `/api/tasks/${enc(taskId)}/chase`, values.note ? { note: values.note } : {});
      const mine = task.chases?.[task.chases.length - 1];
      if (values.json || !mine) out(JSON.stringify(task, null, 2));
      else out(`催办已送达 (chase no. ${mine.count} of ${task.taskId}); you may chase again from ${sayInstant(mine.nextAllowedAt)}`);
      return 0;
    }
  }
}
