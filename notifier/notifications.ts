/**
 * Turning any event that names recipients into one notification per person, in words a person
 * reads (zh-CN, instants in Shanghai, a link to the workbench) with the machine fields beside
 * them. Pure: the notifier publishes what this returns, each with its id as msgID, so an event
 * delivered twice reaches each person once.
 *
 *   const { notifications } = notificationsFor(event, directory, { webUrl: 'https://gl.example.gov.cn' });
 */
import { WorkingCalendar } from '../calendar';
import { sayInstant, sayTimeLeft, type IsWorkingDay } from '../calendar/spoken-time';
import type { Directory } from '../contracts/directory';
import { recipientsOf, type CloudEvent, type Notification, type NotificationKind } from '../contracts/events';
import { workbenchLink, type WorkbenchPlace } from '../contracts/workbench-links';
import { actorWords, aggregateNames, asksToAct, eventTitle, lightNames, rungLabel, words } from './messages';

export type { Notification } from '../contracts/events';

export interface NotificationOptions {
  /** The web workbench's base URL (GREENLIGHT_WEB_URL); without it a notification has no link. */
  webUrl?: string;
  /** A kind's name in Chinese, by process kind (from the registry's titles). */
  kindNames?: Readonly<Record<string, string>>;
  /** A kind's presentation, by process kind (from the registry): where the workbench shows its processes. */
  presentations?: Readonly<Record<string, WorkbenchPlace['presentation']>>;
  /** China's working days, for what is left of a deadline (the package's calendar when not given). */
  isWorkingDay?: IsWorkingDay;
}

let packageCalendar: WorkingCalendar | undefined;
const defaultWorkingDays: IsWorkingDay = (date) => (packageCalendar ??= WorkingCalendar.load()).isWorkingDay(date);

export function notificationSubject(personId: string): string {
  return `gl.notify.${personId}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** `urn:greenlight:<kind>:<id>` → kind and id, for events whose data does not repeat them. */
function fromSource(source: string): { kind?: string; id?: string } {
  const m = /^urn:greenlight:([^:]+):(.+)$/.exec(source);
  if (!m) return {};
  try {
    return { kind: m[1], id: decodeURIComponent(m[2]) };
  } catch {
    return { kind: m[1], id: m[2] };
  }
}

function kindOf(type: string): NotificationKind {
  if (/[.-]reminded$/.test(type)) return 'reminder';
  if (/[.-]escalated$/.test(type)) return 'escalation';
  return 'notice';
}

/** One notification per recipient the directory knows, none to the one whose act it tells; unknown ids are returned apart. */
export function notificationsFor(event: CloudEvent, directory: Directory, options: NotificationOptions = {}): { notifications: Notification[]; unknown: string[] } {
  const data = event.data;
  // Nobody is told of their own act (a head's own decision, a leader's own instruction).
  const actorId = str(data.actorId) ?? str(data.by);
  const recipients = recipientsOf(event).filter((id) => id !== actorId);
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const departments = new Map(directory.departments.map((d) => [d.id, d]));
  const detail = (data.detail ?? {}) as Record<string, unknown>;
  const source = fromSource(event.source);
  const processKind = str(data.processKind) ?? source.kind;
  const processId = str(data.processId) ?? source.id;
  const taskId = str(data.taskId);
  const title = str(data.title) ?? str(data.name) ?? str(data.processTitle);
  const light = ['green', 'yellow', 'red'].includes(data.light as string) ? (data.light as Notification['light']) : undefined;
  const dueAt = str(data.dueAt);
  const provisional = typeof data.provisional === 'boolean' ? data.provisional : undefined;
  const departmentId = str(data.departmentId);
  const assigneeId = str(data.assigneeId);
  const label = str(detail.label);
  const kind = kindOf(event.type);
  const type = event.type.replace(/^greenlight\./, '');
  const happenedAt = str(detail.deadline) ?? event.time;
  const lateMs = kind === 'escalation' && dueAt ? Math.max(0, Date.parse(happenedAt) - Date.parse(dueAt)) : undefined;
  const instructionId = str(data.instructionId);
  // What is left of the deadline, or how late, when the event happened: for what asks someone to act.
  const timing = dueAt && (kind !== 'notice' || asksToAct.has(type))
    ? sayTimeLeft(dueAt, { now: new Date(happenedAt), isWorkingDay: options.isWorkingDay ?? defaultWorkingDays }).text
    : undefined;
  const report = data.report as { period?: unknown; at?: unknown } | undefined;
  const link = workbenchLink(options.webUrl, {
    taskId, instructionId, processKind, processId, presentation: processKind ? options.presentations?.[processKind] : undefined,
    report: typeof report?.period === 'string' && typeof report.at === 'string' ? { period: report.period, at: report.at } : undefined,
  });
  // What an event says in lines of its own (a report's figures), told as they are.
  const lines = Array.isArray(data.lines) ? data.lines.filter((l): l is string => typeof l === 'string') : [];

  const aggregate = type.split('.')[0] ?? '';
  const what = (processKind && options.kindNames?.[processKind]) ?? aggregateNames[aggregate] ?? processKind ?? aggregate;
  const rung = rungLabel(label);
  const named = `${what}「${title ?? processId ?? event.subject ?? event.id}」${rung ? `：${rung}` : ''}`;
  const department = departmentId ? departments.get(departmentId)?.name ?? departmentId : undefined;
  const handler = assigneeId ? people.get(assigneeId)?.name ?? assigneeId : taskId ? words.unclaimed : undefined;
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const said = (field: string) => str(data[field]) ?? str(detail[field]);
  const reason = said('reason');
  const body = [
    str(data.itemName) && `${words.item}：${String(data.itemName)}`,
    aggregate === 'instruction' && str(data.text) && `${words.instruction}：${String(data.text)}`,
    department && `${words.department}：${department}${handler ? `\u3000${words.handler}：${handler}` : ''}`,
    dueAt && `${words.due}：${sayInstant(dueAt, { now: new Date(happenedAt) })}${provisional ? `（${words.provisional}）` : ''}${timing ? `\u3000${timing}` : ''}`,
    typeof detail.workingDays === 'number' && `${words.extension}：${detail.workingDays} 个工作日`,
    actorId && `${actorWords[type] ?? words.actor}：${nameOf(actorId)}`,
    said('answer') && `${words.answer}：${said('answer')}`,
    said('comment') && `${words.comment}：${said('comment')}`,
    reason && `${words.reason}：${reason}`,
    light && `${words.light}：${lightNames[light]}`,
    ...lines,
    link && `${words.open}：${link}`,
  ].filter((l): l is string => typeof l === 'string' && l.length > 0);

  const notifications = recipients.filter((id) => people.has(id)).map((personId): Notification => {
    const person = people.get(personId);
    const roles = person?.roles ?? [];
    const leader = roles.includes('leader') || roles.includes('topLeader');
    // "New task" is for those who may take it: its assignee, or while it has none its department; others are told it was handed out.
    const mayAct = assigneeId ? personId === assigneeId : departmentId !== undefined && (person?.departments ?? []).includes(departmentId);
    const headline = `【${type === 'task.created' && !mayAct ? words.handedOut : eventTitle(event.type)}】${named}`;
    return {
      id: `${event.id}:${personId}`,
      personId,
      kind,
      urgent: leader && (kind === 'escalation' || light === 'red'),
      subject: headline,
      text: [headline, ...body].join('\n'),
      link,
      eventId: event.id,
      eventType: event.type,
      time: event.time,
      processKind,
      processId,
      taskId,
      title,
      light,
      dueAt,
      provisional,
      departmentId,
      assigneeId,
      label,
      lateMs,
    };
  });
  return { notifications, unknown: recipientsOf(event).filter((id) => id !== actorId && !people.has(id)) };
}
