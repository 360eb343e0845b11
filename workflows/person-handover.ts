/**
 * Records a handover (离职交接, contracts/handover.ts) as one event, `gl.evt.person.handed-over`:
 * the tasks have already moved, each by its own 改派 Update, recorded in its history; this is the
 * operation's own record, published by the activity so that it waits out a NATS outage.
 *
 * ```ts
 * await client.workflow.start(personHandover, { workflowId: personHandoverWorkflowId(h), taskQueue, args: [h] });
 * ```
 */
import type { PersonHandover } from '../contracts/handover';
import { EventOutbox } from './event-outbox';

/** Publishes the handover's event, once. */
export async function personHandover(input: PersonHandover): Promise<void> {
  // Checked against the contract by the API that starts it: the workflow's sandbox evaluates no zod
  // (workers/workflow-bundle.test.ts).
  const handover = input;
  const outbox = new EventOutbox('greenlight/people');
  outbox.push({ aggregate: 'person', event: 'handed-over', data: { ...handover } });
  await outbox.drain();
}
