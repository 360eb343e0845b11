/**
 * Reads what a test published: every event stored in the GL_EVENTS stream, in stream order,
 * through an ordered consumer — what a dashboard replaying the stream would see.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import type { CloudEvent } from '../../contracts/events';
import { eventually } from './eventually';

export interface StoredEvent {
  subject: string;
  seq: number;
  event: CloudEvent;
}

export async function storedEvents(nats: NatsConnection, stream = 'GL_EVENTS', filter = 'gl.evt.>'): Promise<StoredEvent[]> {
  const js = jetstream(nats);
  const jsm = await js.jetstreamManager();
  const info = await jsm.streams.info(stream);
  const found: StoredEvent[] = [];
  if (info.state.messages === 0) return found;
  const consumer = await js.consumers.get(stream, { filter_subjects: [filter] });
  const messages = await consumer.fetch({ max_messages: info.state.messages, expires: 2000 });
  for await (const m of messages) {
    found.push({ subject: m.subject, seq: m.seq, event: m.json<CloudEvent>() });
    if (m.info.pending === 0) break;
  }
  return found;
}

/** Waits until `predicate` holds over the stored events (up to `timeoutMs`). */
export function waitForEvents(
  nats: NatsConnection,
  predicate: (events: StoredEvent[]) => boolean,
  timeoutMs = 15_000,
): Promise<StoredEvent[]> {
  return eventually(() => storedEvents(nats), predicate, 'the events', timeoutMs);
}
