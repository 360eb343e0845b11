/**
 * What happened, in words that say enough: a task's history entry names the person who acted, to
 * whom it was reassigned and why, the colour a light turned, to whom an escalation went; a
 * process's timeline names the task each entry is about. The task page and the process page both
 * read them from here.
 */
import type { Session, TaskHistoryEntry } from './api';
import { eventWord, outcomeWord, t, tOr } from './i18n';
import { departmentName, personName } from './ui';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const names = (session: Session, ids: unknown) => (Array.isArray(ids) ? ids.map((p) => personName(session, String(p))).join('、') : '');
const lightWord = (v: unknown) => (v === 'red' || v === 'yellow' || v === 'green' ? t(`light.${v}`) : undefined);

/** An agent's action (代理) names the agent, and says for whom: 「办结 · 张三（代李四办理）」. */
function forWhom(actorId: string | undefined, agentId: string | undefined, session: Session): string[] {
  return agentId && actorId ? [t('history.forPerson', { name: personName(session, actorId) })] : [];
}

/** The words after an entry's name: what it changed, for whom, why. */
function particulars(type: string, detail: Record<string, unknown>, session: Session, kind?: string): string[] {
  const said: string[] = [];
  switch (type) {
    case 'completed':
      if (text(detail.outcome)) said.push(outcomeWord(String(detail.outcome), kind));
      break;
    case 'reassigned': {
      const to = (detail.to ?? {}) as { departmentId?: string; assigneeId?: string };
      const whom = [to.assigneeId && personName(session, to.assigneeId), to.departmentId && departmentName(session, to.departmentId)].filter(Boolean).join(' · ');
      if (whom) said.push(t('timeline.to', { whom }));
      if (text(detail.reason)) said.push(t('timeline.reason', { reason: String(detail.reason) }));
      break;
    }
    case 'light-changed': {
      const to = lightWord(detail.to);
      if (to) said.push(t('timeline.turned', { light: to }));
      break;
    }
    case 'escalated':
    case 'reminded': {
      const whom = names(session, detail.recipients);
      if (whom) said.push(t('timeline.to', { whom }));
      else if (text(detail.label)) said.push(tOr(`ladder.${String(detail.label)}`, String(detail.label)));
      break;
    }
    case 'extension-requested':
      if (typeof detail.workingDays === 'number') said.push(t('timeline.days', { n: detail.workingDays }));
      if (text(detail.reason)) said.push(t('timeline.reason', { reason: String(detail.reason) }));
      break;
    case 'extension-approved':
    case 'extension-refused':
      if (typeof detail.workingDays === 'number') said.push(t('timeline.days', { n: detail.workingDays }));
      if (text(detail.reason)) said.push(t('timeline.opinion', { reason: String(detail.reason) }));
      break;
    case 'acknowledged':
      if (text(detail.note)) said.push(String(detail.note));
      break;
    default:
      break;
  }
  return said;
}

/** 后加签: a decision put to approvers, and their answers, read as such (the same entries as 前加签 otherwise). */
function wordedType(type: string, detail: Record<string, unknown>): string {
  if (type === 'signers-added' && detail.phase === 'after') return 'sign-after';
  if (type === 'sign-answered' && typeof detail.agree === 'boolean') return detail.agree ? 'sign-agreed' : 'sign-disagreed';
  return type;
}

/** A task's history entry in words: `改派 · 张三（给 交通局，理由：…）`. */
export function historyText(h: TaskHistoryEntry, session: Session, kind?: string, recipients?: string[]): string {
  const detail = { ...(h.detail ?? {}), ...(recipients && recipients.length > 0 ? { recipients } : {}) };
  const said = [...forWhom(h.actorId, h.agentId, session), ...particulars(h.type, detail, session, kind)];
  const type = wordedType(h.type, h.detail ?? {});
  const who = h.agentId ?? h.actorId;
  return `${tOr(`history.${type}`, type)}${who ? ` · ${personName(session, who)}` : ''}${said.length ? `（${said.join('，')}）` : ''}`;
}

/** An entry of a process's timeline in words: a task's names the task (`任务创建：区税务局办理`), a light's its colour. */
export function timelineText(e: { event: string; detail?: Record<string, unknown> }, session: Session, kind: string, taskTitles: Record<string, string> = {}): string {
  const detail = e.detail ?? {};
  const dot = e.event.indexOf('.');
  const [prefix, name] = dot > 0 ? [e.event.slice(0, dot), e.event.slice(dot + 1)] : ['', e.event];
  const agentId = text(detail.agentId);
  const said = [...forWhom(text(detail.actorId), agentId, session), ...particulars(name, detail, session, kind)];
  const who = agentId ?? text(detail.actorId);
  const actor = who && prefix !== '' ? ` · ${personName(session, who)}` : '';
  if (prefix === 'task') {
    const taskId = typeof detail.taskId === 'string' ? detail.taskId : undefined;
    const title = text(detail.taskTitle) ?? (taskId ? taskTitles[taskId] : undefined);
    const worded = wordedType(name, detail);
    const what = tOr(`history.${worded}`, tOr(`event.${worded}`, worded));
    return `${title ? t('timeline.taskNamed', { what, title }) : t('timeline.task', { what })}${actor}${said.length ? `（${said.join('，')}）` : ''}`;
  }
  return `${eventWord(e.event, kind)}${actor}${said.length ? `（${said.join('，')}）` : ''}`;
}
