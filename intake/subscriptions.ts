/**
 * The event subscriptions the kinds declare (processes/definition.ts, `subscriptions`): one
 * durable consumer on GL_EVENTS per subscription, which signals the running processes of the
 * kind that the event concerns. A process of one kind thus follows another kind's events
 * (a key project's node completed by its approval item) without the engine naming either.
 *
 * Each event is acknowledged once every matching process has its signal; a failure of ours
 * (Temporal unavailable) is redelivered later, each time later. A signal sent twice (a
 * redelivery after a lost ack) must change nothing the second time: the receiving workflow
 * makes it idempotent.
 */
import type { Client } from '@temporalio/client';
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { EventSubscription, ProcessDefinition } from '../processes/definition';
import type { RunningConsumer } from './command-consumer';

const EVENTS_STREAM = 'GL_EVENTS';

export const subscriptionDurable = (kind: string, name: string) => `subscribe-${kind}-${name}`;

/** The running processes of the kind an event concerns, as a visibility query; undefined for none. */
export function subscriberQuery(definition: ProcessDefinition, subscription: EventSubscription, data: Record<string, unknown>): string | undefined {
  const clause = subscription.match(data);
  if (clause === undefined) return undefined;
  return `WorkflowType = '${definition.workflow.name}' AND ExecutionStatus = 'Running' AND (${clause})`;
}

export async function consumeSubscription(
  nats: NatsConnection, client: Client, definition: ProcessDefinition, subscription: EventSubscription, logger: Logger, retryDelayMs = 5_000,
): Promise<RunningConsumer> {
  const js = jetstream(nats);
  const jsm = await js.jetstreamManager();
  const durable = subscriptionDurable(definition.kind, subscription.name);
  if (!(await jsm.consumers.info(EVENTS_STREAM, durable).catch(() => undefined))) {
    await jsm.consumers.add(EVENTS_STREAM, { durable_name: durable, filter_subject: subscription.subject, ack_policy: AckPolicy.Explicit, max_deliver: -1, ack_wait: 30_000_000_000 });
  }
  const messages: ConsumerMessages = await (await js.consumers.get(EVENTS_STREAM, durable)).consume({ max_messages: 64 });
  const loop = (async () => {
    for await (const m of messages) {
      try {
        const event = m.json<{ id: string; time: string; data?: Record<string, unknown> }>();
        const query = subscriberQuery(definition, subscription, event.data ?? {});
        let signalled = 0;
        if (query) {
          for await (const w of client.workflow.list({ query })) {
            await client.workflow.getHandle(w.workflowId).signal(subscription.signal, subscription.args(event.data ?? {}, event.time));
            signalled++;
          }
        }
        if (signalled > 0) logger.info({ subject: m.subject, eventId: event.id, kind: definition.kind, signal: subscription.signal, signalled }, 'event signalled to its subscribers');
        m.ack();
      } catch (err) {
        if (err instanceof SyntaxError) {
          logger.warn({ subject: m.subject, seq: m.seq }, 'event is not JSON: skipped');
          m.ack();
          continue;
        }
        logger.error({ subject: m.subject, seq: m.seq, err: (err as Error).message }, 'event not signalled: will be redelivered');
        m.nak(Math.min(retryDelayMs * 2 ** (m.info.deliveryCount - 1), 300_000));
      }
    }
  })();
  return {
    async stop() {
      messages.stop();
      await loop;
    },
  };
}

/** A consumer for each subscription of each kind. */
export async function startSubscriptions(nats: NatsConnection, client: Client, definitions: readonly ProcessDefinition[], logger: Logger): Promise<RunningConsumer> {
  const running = await Promise.all(definitions.flatMap((d) => (d.subscriptions ?? []).map((s) => consumeSubscription(nats, client, d, s, logger))));
  return { stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
}
