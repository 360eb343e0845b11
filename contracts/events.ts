/**
 * The event envelope: CloudEvents 1.0 in structured JSON mode. The `id` is deterministic
 * (workflow id + a per-workflow sequence number) and is sent as the JetStream msgID, so an
 * event published twice by a retried activity is stored once.
 */
import { z } from 'zod';
import { PersonId } from './directory';
import { Light, RecipientRole } from './ladder';

export const CloudEvent = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().regex(/^greenlight\.[a-z]+\.[a-z-]+$/),
  subject: z.string().optional(),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  data: z.record(z.string(), z.unknown()),
});
export type CloudEvent = z.infer<typeof CloudEvent>;

/**
 * Who an event tells: `data.recipients`, the people the outbox resolved through the directory
 * from the roles the workflow named. Any event of any kind may carry them; the notifier delivers
 * every event whose list is not empty, once per person, whatever its type.
 */
export const EventRecipients = z.array(PersonId);

/** The people an event names (none when `data.recipients` is absent or not a list of ids). */
export function recipientsOf(event: CloudEvent): string[] {
  const parsed = EventRecipients.safeParse(event.data.recipients);
  return parsed.success ? [...new Set(parsed.data)] : [];
}

/** Data of every task event: enough for an inbox, a dashboard or a notifier to act without asking. */
export const TaskEventData = z.object({
  taskId: z.string(),
  taskKey: z.string(),
  processKind: z.string(),
  processId: z.string(),
  title: z.string(),
  status: z.string(),
  light: Light,
  dueAt: z.string().optional(),
  provisional: z.boolean(),
  departmentId: z.string().optional(),
  assigneeId: z.string().optional(),
  actorId: z.string().optional(),
  /** People notified by this event, resolved through the directory. */
  recipients: EventRecipients,
  roles: z.array(RecipientRole).optional(),
  step: z.number().int().optional(),
  /** The roles of its department it is offered to (with `departmentId`), for an inbox kept from events. */
  candidateRoles: z.array(z.string()).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TaskEventData = z.infer<typeof TaskEventData>;

/**
 * What every event of a process says of the process as it stands, in `data.process`: enough for
 * the record (records/) to keep its lists, its board and its reports without asking Temporal.
 * `departments` and `people` are whom it concerns (its definition's `access.scope`); `facts` are
 * what the kind's reports count (a proposal's `key`, `replied:A`, `satisfaction:satisfied`).
 */
export const ProcessSnapshot = z.object({
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  light: Light,
  /** Over: its list shows it closed and the board leaves it out. */
  closed: z.boolean(),
  category: z.string().nullish(),
  departmentId: z.string().nullish(),
  assignedLeaderId: z.string().nullish(),
  departments: z.array(z.string()),
  people: z.array(z.string()),
  facts: z.array(z.string()).optional(),
});
export type ProcessSnapshot = z.infer<typeof ProcessSnapshot>;

/**
 * A fact of a snapshot, read: `<name>` (`key`, `satisfaction:satisfied`), or one item's
 * `<name>/<item>` (`callbackSatisfied/callback-1`), or one item of a department's
 * `<name>/<item>@<departmentId>` (`nodeOnTime/start@housing`: a node done on time, counted for
 * the department it belongs to rather than the process's).
 */
export function parseFact(fact: string): { name: string; item?: string; departmentId?: string } {
  const at = fact.lastIndexOf('@');
  const [head, departmentId] = at > 0 ? [fact.slice(0, at), fact.slice(at + 1)] : [fact, undefined];
  const slash = head.indexOf('/');
  return slash > 0 ? { name: head.slice(0, slash), item: head.slice(slash + 1), departmentId } : { name: head, departmentId };
}

/** `gl.evt.<aggregate>.<event>` — the NATS subject an event is published on. */
export function eventSubject(aggregate: string, event: string): string {
  return `gl.evt.${aggregate}.${event}`;
}

/** `greenlight.<aggregate>.<event>` — the CloudEvents type. */
export function eventType(aggregate: string, event: string): string {
  return `greenlight.${aggregate}.${event}`;
}

/** The parts of an event a workflow decides; the activity that publishes it adds nothing random. */
export const EventDraft = z.object({
  aggregate: z.string().regex(/^[a-z]+$/),
  event: z.string().regex(/^[a-z-]+$/),
  id: z.string().min(1),
  source: z.string().min(1),
  subject: z.string().optional(),
  time: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventDraft = z.infer<typeof EventDraft>;

/** Builds the envelope from a draft; pure, so it can run in a workflow or an activity. */
export function toCloudEvent(draft: EventDraft): CloudEvent {
  return {
    specversion: '1.0',
    id: draft.id,
    source: draft.source,
    type: eventType(draft.aggregate, draft.event),
    subject: draft.subject,
    time: draft.time,
    datacontenttype: 'application/json',
    data: draft.data,
  };
}

/** What a notification is about: a rung's reminder, an escalation, any other event that tells someone, or a digest of held ones. */
export const NotificationKind = z.enum(['reminder', 'escalation', 'notice', 'digest']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * One person's notification, on `gl.notify.<personId>` and on that person's channels: the words
 * (`subject`, `text`, zh-CN, instants in Shanghai) and the machine fields beside them (UTC).
 * `id` (`<eventId>:<personId>`) is the idempotency key of every delivery.
 */
export const Notification = z.object({
  id: z.string().min(1),
  personId: PersonId,
  kind: NotificationKind,
  /** An escalation to a leader: quiet hours never hold it. */
  urgent: z.boolean(),
  subject: z.string().min(1),
  text: z.string().min(1),
  /** The item in the web workbench, when a base URL is configured. */
  link: z.string().optional(),
  eventId: z.string().min(1),
  eventType: z.string().min(1),
  time: z.string(),
  processKind: z.string().optional(),
  processId: z.string().optional(),
  taskId: z.string().optional(),
  title: z.string().optional(),
  light: Light.optional(),
  dueAt: z.string().optional(),
  provisional: z.boolean().optional(),
  departmentId: z.string().optional(),
  assigneeId: z.string().optional(),
  label: z.string().optional(),
  /** How long past the deadline the event happened, in milliseconds. */
  lateMs: z.number().int().optional(),
  /** A digest's notifications, in the order they were held. */
  items: z.array(z.object({ id: z.string(), subject: z.string(), link: z.string().optional() })).optional(),
});
export type Notification = z.infer<typeof Notification>;
