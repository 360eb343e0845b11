/**
 * The recorder: a durable JetStream consumer on GL_EVENTS that applies each event to the record
 * (records/apply.ts) in one PostgreSQL transaction with the event's stream sequence, then acks.
 *
 *   const recorder = await runRecorder(nats, record, logger);
 *   await recorder.lag();          // { events: 0, seconds: 0, position: 1234, last: 1234 }
 *   await recorder.stop();
 *
 * - **Idempotent by event id**: an event already in `events` changes nothing, so a redelivery
 *   (an ack lost, the recorder killed between its commit and its ack) is harmless.
 * - **In order**: one event is in flight at a time (`max_ack_pending: 1`), so JetStream never
 *   hands out the next before this one is acked, even after a restart; per process and overall,
 *   the record sees events in the stream's order.
 * - **Nothing lost while PostgreSQL is down**: a failed transaction is tried again with backoff,
 *   the message kept in progress meanwhile (`working()`), for as long as it takes; then it goes on
 *   from where it stopped.
 * - **Its lag** (events and seconds behind the stream) is logged while it catches up, served on
 *   the API's `/readyz` (records/lag.ts) and on the recorder's `/metrics` (records/metrics.ts).
 */
import { AckPolicy, DeliverPolicy, jetstream, JetStreamApiCodes, JetStreamApiError, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { CloudEvent } from '../contracts/events';
import { definitions as registered } from '../processes/registry';
import type { ProcessDefinition } from '../processes/definition';
import type { RecordConnection, RecordDb } from './database';
import { applyEvent } from './apply';
import { recorderLag, type Lag } from './lag';
import { recordedEvents } from './metrics';
import { inConsumerSpan } from '../runtime/spans';

export const RECORDER_DURABLE = 'recorder';
export const EVENTS_STREAM = 'GL_EVENTS';

export interface RecorderOptions {
  /** The consumer's name ('recorder'); a rebuild or a test may run another. */
  durable?: string;
  definitions?: readonly ProcessDefinition[];
  /** How often the lag is logged while behind; 10 s. */
  lagLogMs?: number;
}

export interface Recorder {
  lag(): Promise<Lag>;
  stop(): Promise<void>;
}

/** Applies one stored event and records the position, in one transaction. */
export async function recordEvent(db: RecordDb, consumer: string, event: CloudEvent, seq: number, definitions: readonly ProcessDefinition[]): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const applied = await applyEvent(tx, event, seq, definitions);
    await tx.insertInto('recorder_position').values({ consumer, stream_seq: seq, event_time: event.time, applied_at: new Date() })
      .onConflict((oc) => oc.column('consumer').doUpdateSet({ stream_seq: seq, event_time: event.time, applied_at: new Date() }))
      .execute();
    return applied;
  });
}

function parse(m: JsMsg): CloudEvent | undefined {
  try {
    const parsed = CloudEvent.safeParse(m.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function runRecorder(nats: NatsConnection, record: RecordConnection, logger: Logger, options: RecorderOptions = {}): Promise<Recorder> {
  const durable = options.durable ?? RECORDER_DURABLE;
  const definitions = options.definitions ?? registered;
  const js = jetstream(nats);
  const jsm = await js.jetstreamManager();
  const existing = await jsm.consumers.info(EVENTS_STREAM, durable).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
    throw err;
  });
  if (!existing) {
    await jsm.consumers.add(EVENTS_STREAM, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 1,
      ack_wait: 10_000_000_000,
      max_deliver: -1,
    });
  }
  const consumer = await js.consumers.get(EVENTS_STREAM, durable);
  const messages = await consumer.consume({ max_messages: 64 });
  let stopping = false;
  const lag = () => recorderLag(jsm, record.db, durable);

  const applyWithRetry = async (m: JsMsg, event: CloudEvent) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const applied = await recordEvent(record.db, durable, event, m.seq, definitions);
        if (attempt > 0) logger.info({ eventId: event.id, seq: m.seq, attempts: attempt + 1 }, 'record: PostgreSQL is back, applying again');
        return applied;
      } catch (err) {
        if (stopping) throw err;
        const waitMs = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6));
        if (attempt === 0 || attempt % 10 === 0) {
          logger.warn({ eventId: event.id, seq: m.seq, err: (err as Error).message, retryInMs: waitMs }, 'record: cannot apply the event (PostgreSQL down?): waiting, then trying again');
        }
        m.working();
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  };

  const loop = (async () => {
    for await (const m of messages) {
      const event = parse(m);
      if (!event) {
        logger.warn({ subject: m.subject, seq: m.seq }, 'record: not a CloudEvent, skipped');
        m.term();
        continue;
      }
      try {
        // Under the event's trace (its traceparent header): the record's part in the request that caused it.
        await inConsumerSpan('greenlight-recorder', `record ${event.type}`, m, async () => {
          const applied = await applyWithRetry(m, event);
          await m.ackAck().catch(() => m.ack());
          recordedEvents.inc({ outcome: applied ? 'applied' : 'duplicate' });
          logger.debug({ eventId: event.id, seq: m.seq, applied }, 'recorded');
        }, { 'greenlight.event.id': event.id });
      } catch {
        // Stopping: left unacked, redelivered to the next recorder (and applied once, by its id).
        break;
      }
    }
  })();

  const lagTimer = setInterval(() => {
    void lag().then((l) => {
      if (l.events > 0) logger.info({ eventsBehind: l.events, secondsBehind: l.seconds, position: l.position }, 'record: catching up');
    }, () => undefined);
  }, options.lagLogMs ?? 10_000);
  lagTimer.unref();

  return {
    lag,
    async stop() {
      stopping = true;
      clearInterval(lagTimer);
      messages.stop();
      await loop;
    },
  };
}
