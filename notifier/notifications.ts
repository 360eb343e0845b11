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
import { aggregateNames, eventTitle, lightNames, rungLabel, words } from './messages';

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

/** One notification per recipient the directory knows; unknown ids are returned apart. */
export function notificationsFor(event: CloudEvent, directory: Directory, options: NotificationOptions = {}): { notifications: Notification[]; unknown: string[] } {
  const recipients = recipientsOf(event);
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const departments = new Map(directory.departments.map((d) => [d.id, d]));
  const data = event.data;
  const detail = (data.detail ?? {}) as Record<string, unknown>;
  const source = fromSource(event.source);
  const processKind = str(data.processKind) ?? source.kind;
  const processId = str(data.processId) ?? source.id;
  const taskId = str(data.taskId);
  const title = str(data.title) ?? str(data.name);
  const light = ['green', 'yellow', 'red'].includes(data.light as string) ? (data.light as Notification['light']) : undefined;
  const dueAt = str(data.dueAt);
  const provisional = typeof data.provisional === 'boolean' ? data.provisional : undefined;
  const departmentId = str(data.departmentId);
  const assigneeId = str(data.assigneeId);
  const label = str(detail.label);
  const kind = kindOf(event.type);
  const happenedAt = str(detail.deadline) ?? event.time;
  const lateMs = kind === 'escalation' && dueAt ? Math.max(0, Date.parse(happenedAt) - Date.parse(dueAt)) : undefined;
  const instructionId = str(data.instructionId);
  // What is left of the deadline, or how late, when the event happened: for what asks someone to act.
  const timing = dueAt && (kind !== 'notice' || event.type === 'greenlight.task.created')
    ? sayTimeLeft(dueAt, { now: new Date(happenedAt), isWorkingDay: options.isWorkingDay ?? defaultWorkingDays }).text
    : undefined;
  const link = workbenchLink(options.webUrl, { taskId, instructionId, processKind, processId, presentation: processKind ? options.presentations?.[processKind] : undefined });

  const aggregate = event.type.split('.')[1] ?? '';
  const what = (processKind && options.kindNames?.[processKind]) ?? aggregateNames[aggregate] ?? processKind ?? aggregate;
  const rung = rungLabel(label);
  const headline = `【${eventTitle(event.type)}】${what}「${title ?? processId ?? event.subject ?? event.id}」${rung ? `：${rung}` : ''}`;
  const department = departmentId ? departments.get(departmentId)?.name ?? departmentId : undefined;
  const handler = assigneeId ? people.get(assigneeId)?.name ?? assigneeId : taskId ? words.unclaimed : undefined;
  const reason = str(data.reason) ?? str(detail.reason);
  const lines = [
    headline,
    str(data.itemName) && `${words.item}：${String(data.itemName)}`,
    department && `${words.department}：${department}${handler ? `\u3000${words.handler}：${handler}` : ''}`,
    dueAt && `${words.due}：${sayInstant(dueAt, { now: new Date(happenedAt) })}${provisional ? `（${words.provisional}）` : ''}${timing ? `\u3000${timing}` : ''}`,
    reason && `${words.reason}：${reason}`,
    light && `${words.light}：${lightNames[light]}`,
    link && `${words.open}：${link}`,
  ].filter((l): l is string => typeof l === 'string' && l.length > 0);

  const notifications = recipients.filter((id) => people.has(id)).map((personId): Notification => {
    const roles = people.get(personId)?.roles ?? [];
    const leader = roles.includes('leader') || roles.includes('topLeader');
    return {
      id: `${event.id}:${personId}`,
      personId,
      kind,
      urgent: leader && (kind === 'escalation' || light === 'red'),
      subject: headline,
      text: lines.join('\n'),
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
  return { notifications, unknown: recipients.filter((id) => !people.has(id)) };
}
