/**
 * The event envelope: CloudEvents 1.0 in structured JSON mode. The `id` is deterministic
 * (workflow id + a per-workflow sequence number) and is sent as the JetStream msgID, so an
 * event published twice by a retried activity is stored once.
 */
import { z } from 'zod';
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
  recipients: z.array(z.string()),
  roles: z.array(RecipientRole).optional(),
  step: z.number().int().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TaskEventData = z.infer<typeof TaskEventData>;

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
