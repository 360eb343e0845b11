/**
 * How far the record is behind the events: the stream's last sequence less the last one the
 * recorder applied, and how long ago the oldest event not yet applied happened.
 */
import type { JetStreamManager } from '@nats-io/jetstream';
import type { RecordDb } from './database';

export interface Lag {
  /** Events stored in GL_EVENTS and not yet applied. */
  events: number;
  /** Seconds since the oldest of them was stored (0 when none). */
  seconds: number;
  /** The stream sequence of the last event applied (0 before the first). */
  position: number;
  /** The stream's last sequence. */
  last: number;
}

export async function recorderLag(jsm: JetStreamManager, db: RecordDb, consumer = 'recorder', stream = 'GL_EVENTS'): Promise<Lag> {
  const [info, row] = await Promise.all([
    jsm.streams.info(stream),
    db.selectFrom('recorder_position').select(['stream_seq']).where('consumer', '=', consumer).executeTakeFirst(),
  ]);
  const position = Number(row?.stream_seq ?? 0);
  const last = info.state.last_seq;
  const first = info.state.first_seq;
  const events = Math.max(0, last - Math.max(position, first - 1));
  if (events === 0) return { events, seconds: 0, position, last };
  const next = await jsm.streams.getMessage(stream, { seq: Math.max(position + 1, first) }).catch(() => undefined);
  const seconds = next ? Math.max(0, (Date.now() - Date.parse(String(next.timestamp))) / 1000) : 0;
  return { events, seconds: Math.round(seconds * 10) / 10, position, last };
}
