/**
 * Turning an escalation or reminder event into one notification per person. Pure: the
 * notifier publishes what this returns, each with its id as msgID, so an event delivered twice
 * reaches each person once.
 */
import type { CloudEvent } from '../contracts/events';
import type { Directory } from '../contracts/directory';

export interface Notification {
  id: string;
  personId: string;
  kind: 'reminder' | 'escalation';
  eventId: string;
  eventType: string;
  time: string;
  title?: string;
  processKind?: string;
  processId?: string;
  taskId?: string;
  light?: string;
  dueAt?: string;
  provisional?: boolean;
  label?: string;
}

export function notificationSubject(personId: string): string {
  return `gl.notify.${personId}`;
}

/** One notification per recipient the directory knows; unknown ids are returned apart. */
export function notificationsFor(event: CloudEvent, directory: Directory): { notifications: Notification[]; unknown: string[] } {
  const data = event.data as Record<string, unknown>;
  const recipients = Array.isArray(data.recipients) ? (data.recipients as string[]) : [];
  const known = new Set(directory.people.map((p) => p.id));
  const detail = (data.detail ?? {}) as Record<string, unknown>;
  const notifications = recipients.filter((id) => known.has(id)).map((personId): Notification => ({
    id: `${event.id}:${personId}`,
    personId,
    kind: event.type.endsWith('.reminded') ? 'reminder' : 'escalation',
    eventId: event.id,
    eventType: event.type,
    time: event.time,
    title: data.title as string | undefined,
    processKind: data.processKind as string | undefined,
    processId: (data.processId ?? data.requestId) as string | undefined,
    taskId: data.taskId as string | undefined,
    light: data.light as string | undefined,
    dueAt: data.dueAt as string | undefined,
    provisional: data.provisional as boolean | undefined,
    label: detail.label as string | undefined,
  }));
  return { notifications, unknown: recipients.filter((id) => !known.has(id)) };
}
