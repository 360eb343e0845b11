/**
 * An ordered outbox of events for one workflow. Handlers and timers append; the workflow's
 * main loop drains it through the publish activity, so events leave in the order they
 * happened and each carries a deterministic id (`<workflowId>#<sequence>`).
 */
import { proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities, PublishRequest } from '../activities';
import type { RecipientQuery } from '../activities/recipients';
import { workflowNowIso } from './clock';

// A local activity: publishing is quick and needs no queue of its own, and the worker saves a
// round trip to the server for every batch. While NATS is down events wait here, retried for as
// long as it takes (long waits become durable timers); none is lost.
const { publishEvents } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

// An ordinary activity, for a workflow whose concurrent coroutines start and cancel timers
// beside the drain (a process watching many items' instants): there, where the local activity's resolution fell among
// an activation's jobs differed on replay, and recorded histories failed the replay gate.
const { publishEvents: publishEventsInHistory } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface PendingEvent {
  aggregate: string;
  event: string;
  subject?: string;
  data: Record<string, unknown>;
  recipients?: RecipientQuery;
  /** When it happened, if not now: a ladder step happened at its deadline, whenever its timer was handled. */
  time?: string;
  /** Called with the people the event reached, once published. */
  onPublished?: (recipients: string[]) => void;
}

export class EventOutbox {
  private readonly pending: Array<{ event: PendingEvent; request: PublishRequest }> = [];

  /** A run continued as new passes on its predecessor's `sequence`, so event ids stay unique. */
  constructor(private readonly source: string, private sequence = 0, private readonly publishAs: 'localActivity' | 'activity' = 'localActivity') {}

  /** The sequence number of the last event recorded. */
  get lastSequence(): number {
    return this.sequence;
  }

  /** Records an event: its id and time are fixed now, when it happens, whatever happens to the publishing. */
  push(event: PendingEvent): void {
    this.pending.push({
      event,
      request: {
        draft: {
          aggregate: event.aggregate,
          event: event.event,
          id: `${workflowInfo().workflowId}#${++this.sequence}`,
          source: this.source,
          subject: event.subject,
          time: event.time ?? workflowNowIso(),
          data: event.data,
        },
        recipients: event.recipients,
      },
    });
  }

  get isEmpty(): boolean {
    return this.pending.length === 0;
  }

  /** Publishes everything pending, in order, in one activity call. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice();
      const publish = this.publishAs === 'activity' ? publishEventsInHistory : publishEvents;
      const results = await publish(batch.map((p) => p.request));
      this.pending.splice(0, batch.length);
      batch.forEach((p, i) => p.event.onPublished?.(results[i].recipients));
    }
  }
}
