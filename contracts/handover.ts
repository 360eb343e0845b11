/**
 * 离职交接 (the handover of a person who leaves): an administrator moves every open task the person
 * holds to another person in one operation (api/handover-service.ts), each with its task's 改派
 * Update, and the operation is recorded as one event, `gl.evt.person.handed-over`, published by the
 * `personHandover` workflow (workflows/person-handover.ts) as every event is: by the activity,
 * waiting while NATS is down. Ids only: the reason the administrator gave is in each task's history.
 */
import { z } from 'zod';
import { PersonId } from './directory';

export const PersonHandover = z.object({
  handoverId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).describe('one handover, unique: the workflow id and the event id derive from it'),
  actorId: PersonId.describe('the administrator who handed the tasks over'),
  personId: PersonId.describe('the person who leaves'),
  toPersonId: PersonId.describe('the person who receives the tasks'),
  moved: z.array(z.string()).describe('the tasks moved to the receiver'),
  refused: z.array(z.string()).describe('the tasks that could not move, each said why in the answer to the administrator'),
});
export type PersonHandover = z.infer<typeof PersonHandover>;

/** The workflow that records a handover: one per handover. */
export const personHandoverWorkflowId = (h: Pick<PersonHandover, 'personId' | 'handoverId'>) => `handover/${h.personId}/${h.handoverId}`;
