/**
 * The notifier: a durable consumer on escalation and reminder events that publishes each
 * person's notification to `gl.notify.<personId>`, kept in the GL_NOTIFY stream so that a
 * leader who is offline receives it later.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { loadDirectory } from '../activities/directory-file';
import { CloudEvent } from '../contracts/events';
import { notificationSubject, notificationsFor } from './notifications';

export const NOTIFIER_DURABLE = 'notifier';
export const NOTIFIED_EVENTS = ['gl.evt.*.escalated', 'gl.evt.*.reminded'];

export async function runNotifier(nats: NatsConnection, directoryPath: string, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const js = jetstream(nats);
  const jsm = await js.jetstreamManager();
  await jsm.consumers.add('GL_EVENTS', {
    durable_name: NOTIFIER_DURABLE,
    filter_subjects: NOTIFIED_EVENTS,
    ack_policy: AckPolicy.Explicit,
    max_deliver: -1,
  });
  const consumer = await js.consumers.get('GL_EVENTS', NOTIFIER_DURABLE);
  const messages = await consumer.consume({ max_messages: 128 });
  const loop = (async () => {
    for await (const m of messages) {
      const parsed = CloudEvent.safeParse((() => {
        try { return m.json(); } catch { return undefined; }
      })());
      if (!parsed.success) {
        logger.warn({ subject: m.subject, seq: m.seq }, 'not a CloudEvent: skipped');
        m.term();
        continue;
      }
      try {
        const { notifications, unknown } = notificationsFor(parsed.data, loadDirectory(directoryPath));
        if (unknown.length > 0) logger.warn({ eventId: parsed.data.id, unknown }, 'recipients not in the directory');
        for (const n of notifications) {
          await js.publish(notificationSubject(n.personId), JSON.stringify(n), { msgID: n.id });
        }
        m.ack();
        logger.info({ eventId: parsed.data.id, recipients: notifications.length }, 'notified');
      } catch (err) {
        logger.error({ eventId: parsed.data.id, err: (err as Error).message }, 'notification failed: will be redelivered');
        m.nak(2_000);
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
