/**
 * A line of a process's timeline in words, zh-CN, from one event: a kind's own events in the
 * words its presentation gives them (processes/<kind>/presentation.ts), the engine's task and
 * instruction events in the words below. The record stores the line beside the event, so a closed
 * process's page reads as it did while it ran.
 */
import type { CloudEvent } from '../contracts/events';
import type { ProcessDefinition } from '../processes/definition';

const taskWords: Readonly<Record<string, string>> = {
  created: '任务创建',
  claimed: '签收',
  released: '退回待认领',
  reassigned: '改派',
  completed: '办结',
  cancelled: '随流程取消',
  reminded: '到期提醒',
  escalated: '逾期升级',
  'light-changed': '亮灯变化',
  acknowledged: '领导已阅',
  'extension-requested': '申请延期',
  'extension-approved': '同意延期',
  'extension-refused': '不同意延期',
  'deadline-extended': '期限顺延',
  'deadlines-recomputed': '期限按新日历重算',
  returned: '退回到前面的步骤',
};

const instructionWords: Readonly<Record<string, string>> = {
  issued: '下达督办',
  answered: '督办答复',
  accepted: '督办办结',
  returned: '督办答复退回',
  escalated: '督办逾期',
};

const lightWords: Readonly<Record<string, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** `greenlight.task.claimed` → ['task', 'claimed']. */
export function typeParts(type: string): [string, string] {
  const [, aggregate = '', name = ''] = type.split('.');
  return [aggregate, name];
}

export function timelineWords(event: CloudEvent, definitions: readonly ProcessDefinition[]): string {
  const [aggregate, name] = typeParts(event.type);
  const data = event.data as Record<string, unknown>;
  const detail = (data.detail ?? {}) as Record<string, unknown>;
  if (aggregate === 'task') {
    const title = typeof data.title === 'string' ? data.title : '任务';
    const label = typeof detail.label === 'string' ? `（${detail.label}）` : '';
    const light = name === 'light-changed' && typeof detail.to === 'string' ? `：${lightWords[detail.to] ?? detail.to}` : '';
    const outcome = name === 'completed' && typeof detail.outcome === 'string' ? `：${detail.outcome}` : '';
    return `${title}：${taskWords[name] ?? name}${label}${light}${outcome}`;
  }
  if (aggregate === 'instruction') return instructionWords[name] ?? name;
  if (aggregate === 'person' && name === 'handed-over') return '离职交接';
  const kind = (data.process as { kind?: unknown } | undefined)?.kind;
  const definition = definitions.find((d) => d.kind === kind);
  return definition?.presentation.events?.[name] ?? name;
}
