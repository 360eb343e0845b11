/**
 * An ordered outbox of events for one workflow. Handlers and timers append; the workflow's
 * main loop drains it through the publish activity, so events leave in the order they
 * happened and each carries a deterministic id (`<workflowId>#<sequence>`).
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities, PublishRequest } from '../activities';
import type { RecipientQuery } from '../activities/recipients';
import { workflowNowIso } from './clock';

const { publishEvent } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  // While NATS is down events wait here, retried for as long as it takes; none is lost.
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
  private readonly pending: PendingEvent[] = [];
  private sequence = 0;

  constructor(private readonly source: string) {}

  push(event: PendingEvent): void {
    this.pending.push(event);
  }

  get isEmpty(): boolean {
    return this.pending.length === 0;
  }

  /** Publishes everything pending, in order. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pending[0];
      const request: PublishRequest = {
        draft: {
          aggregate: next.aggregate,
          event: next.event,
          id: `${workflowInfo().workflowId}#${++this.sequence}`,
          source: this.source,
          subject: next.subject,
          time: next.time ?? workflowNowIso(),
          data: next.data,
        },
        recipients: next.recipients,
      };
      const { recipients } = await publishEvent(request);
      this.pending.shift();
      next.onPublished?.(recipients);
    }
  }
}
