/**
 * `greenlight records rebuild`: the record made again from the stream. Every event GL_EVENTS holds
 * is applied, in order, to fresh tables in the schema `record_next` (migrated to the code's
 * version); then the two schemas are swapped in one transaction, the events stored meanwhile are
 * applied to the new record (idempotently: the live recorder may have applied some already), and
 * the old schema is dropped. The live recorder goes on throughout: its next transaction finds the
 * new tables under the same name.
 *
 *   const outcome = await rebuildRecord(nats, record);   // { events: 5120, position: 5120 }
 *
 * Why one would: a migration that changes what is derived from an event (a new column, a fixed
 * rule), or a record restored from an old backup. What the stream no longer holds (it keeps a year)
 * cannot be rebuilt: `records backfill` reads Temporal for processes still running.
 */
import { DeliverPolicy, jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { sql } from 'kysely';
import { CloudEvent } from '../contracts/events';
import { definitions as registered } from '../processes/registry';
import type { ProcessDefinition } from '../processes/definition';
import { connectRecord, migrate, RECORD_SCHEMA, type RecordConnection, type RecordDb } from './database';
import { applyEvent } from './apply';
import { EVENTS_STREAM, RECORDER_DURABLE } from './recorder';

const NEXT_SCHEMA = `${RECORD_SCHEMA}_next`;
const OLD_SCHEMA = `${RECORD_SCHEMA}_old`;
/** Events applied per transaction while rebuilding. */
const batchSize = 500;

export interface RebuildOutcome {
  /** Events applied to the new record. */
  events: number;
  /** The stream sequence it reached. */
  position: number;
}

/** Applies the stream's events after `from` (a sequence) up to its last, in batches; answers how many and the last sequence. */
async function replay(js: JetStreamClient, db: RecordDb, from: number, definitions: readonly ProcessDefinition[]): Promise<{ count: number; last: number }> {
  const jsm = await js.jetstreamManager();
  const last = (await jsm.streams.info(EVENTS_STREAM)).state.last_seq;
  if (last <= from) return { count: 0, last: from };
  const consumer = await js.consumers.get(EVENTS_STREAM, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from + 1 });
  const messages = await consumer.consume({ max_messages: batchSize });
  let batch: Array<{ event: CloudEvent; seq: number }> = [];
  let count = 0;
  let reached = from;
  const flush = async () => {
    if (batch.length === 0) return;
    const done = batch;
    batch = [];
    await db.transaction().execute(async (tx) => {
      for (const { event, seq } of done) await applyEvent(tx, event, seq, definitions);
      const tail = done[done.length - 1];
      await tx.insertInto('recorder_position').values({ consumer: RECORDER_DURABLE, stream_seq: tail.seq, event_time: tail.event.time, applied_at: new Date() })
        .onConflict((oc) => oc.column('consumer').doUpdateSet({ stream_seq: sql`greatest(recorder_position.stream_seq, ${tail.seq})`, event_time: tail.event.time, applied_at: new Date() }))
        .execute();
    });
    count += done.length;
  };
  for await (const m of messages) {
    const parsed = CloudEvent.safeParse((() => {
      try { return m.json(); } catch { return undefined; }
    })());
    if (parsed.success) batch.push({ event: parsed.data, seq: m.seq });
    reached = m.seq;
    if (batch.length >= batchSize) await flush();
    if (m.seq >= last || m.info.pending === 0) break;
  }
  await flush();
  messages.stop();
  return { count, last: reached };
}

export async function rebuildRecord(nats: NatsConnection, record: RecordConnection, definitions: readonly ProcessDefinition[] = registered): Promise<RebuildOutcome> {
  const js = jetstream(nats);
  await sql`DROP SCHEMA IF EXISTS ${sql.id(NEXT_SCHEMA)} CASCADE`.execute(record.root);
  await migrate(record.root, NEXT_SCHEMA);
  const next = connectRecord(record.url, { schema: NEXT_SCHEMA, max: 2 });
  let applied: { count: number; last: number };
  try {
    applied = await replay(js, next.db, 0, definitions);
  } finally {
    await next.close();
  }
  await record.root.transaction().execute(async (tx) => {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(OLD_SCHEMA)} CASCADE`.execute(tx);
    await sql`ALTER SCHEMA ${sql.id(RECORD_SCHEMA)} RENAME TO ${sql.id(OLD_SCHEMA)}`.execute(tx);
    await sql`ALTER SCHEMA ${sql.id(NEXT_SCHEMA)} RENAME TO ${sql.id(RECORD_SCHEMA)}`.execute(tx);
  });
  // What the live recorder applied to the old tables while this ran: applied again, to the new ones.
  const caughtUp = await replay(js, record.db, applied.last, definitions);
  await sql`DROP SCHEMA IF EXISTS ${sql.id(OLD_SCHEMA)} CASCADE`.execute(record.root);
  return { events: applied.count + caughtUp.count, position: caughtUp.last };
}
