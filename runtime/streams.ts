/**
 * The JetStream streams the project publishes to and consumes from, created or brought up to
 * date in one idempotent call.
 *
 *   const nc = await connect({ servers: natsUrl });
 *   await ensureStreams(nc);        // → [{ name: 'GL_EVENTS', action: 'created' }, …]
 *
 * | stream      | subjects      | keeps | holds                                                   |
 * |-------------|---------------|-------|---------------------------------------------------------|
 * | GL_EVENTS   | gl.evt.>      | 365 d | CloudEvents out of the workflows (audit, dashboards)    |
 * | GL_COMMANDS | gl.cmd.>      | 30 d  | commands in (liaison requests, supplied materials)      |
 * | GL_NOTIFY   | gl.notify.>   | 90 d  | one person's notifications, gl.notify.<personId>        |
 * | GL_DLQ      | gl.dlq.>      | 365 d | malformed commands with their validation error; notifications a channel could not deliver (gl.dlq.notify.<channel>.<personId>) |
 * | GL_DIGEST   | gl.digest.>   | 30 d  | notifications held by quiet hours, gl.digest.<channel>.<personId>, until the digest |
 * | GL_REDO     | gl.redo.>     | 30 d  | dead letters an operator replays, gl.redo.<channel>.<personId> (`greenlight notify replay`) |
 *
 * Dead letters get their own stream rather than a subject in GL_COMMANDS: consumers of
 * GL_COMMANDS then never see them, and they outlive the commands' 30 days, long enough for
 * someone to look. Every stream stores to file, keeps messages by limits (age), and
 * deduplicates by msgID over a 10-minute window: an activity retried after a lost ack
 * republishes the same event id well within it. Replicas are left to the server's default on
 * create and never touched on update, so a cluster's operator may raise them.
 */
import {
  DiscardPolicy,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { connect } from '@nats-io/transport-node';

type NatsConnection = Awaited<ReturnType<typeof connect>>;

const day = 24 * 60 * 60 * 1000;
/** JetStream durations are nanoseconds. */
const nanos = (ms: number) => ms * 1_000_000;

export interface StreamSpec {
  name: string;
  subjects: string[];
  description: string;
  maxAgeMs: number;
}

export const streamSpecs: readonly StreamSpec[] = [
  { name: 'GL_EVENTS', subjects: ['gl.evt.>'], description: 'Greenlight events (CloudEvents) out of the workflows', maxAgeMs: 365 * day },
  { name: 'GL_COMMANDS', subjects: ['gl.cmd.>'], description: 'Commands into Greenlight', maxAgeMs: 30 * day },
  { name: 'GL_NOTIFY', subjects: ['gl.notify.>'], description: 'Notifications, one subject per person', maxAgeMs: 90 * day },
  { name: 'GL_DLQ', subjects: ['gl.dlq.>'], description: 'Malformed commands with their validation error', maxAgeMs: 365 * day },
  { name: 'GL_DIGEST', subjects: ['gl.digest.>'], description: 'Notifications held by quiet hours until the digest', maxAgeMs: 30 * day },
  { name: 'GL_REDO', subjects: ['gl.redo.>'], description: 'Dead-lettered notifications an operator replays to a channel', maxAgeMs: 30 * day },
];

export const duplicateWindowMs = 10 * 60 * 1000;

export interface StreamOutcome {
  name: string;
  action: 'created' | 'updated' | 'unchanged';
}

export async function ensureStreams(nc: NatsConnection, specs: readonly StreamSpec[] = streamSpecs): Promise<StreamOutcome[]> {
  const jsm = await jetstreamManager(nc);
  const outcomes: StreamOutcome[] = [];
  for (const spec of specs) {
    const wanted = streamConfig(spec);
    const current = await jsm.streams.info(spec.name).catch((err: unknown) => {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return undefined;
      throw err;
    });
    if (!current) {
      await jsm.streams.add(wanted);
      outcomes.push({ name: spec.name, action: 'created' });
    } else if (differs(current.config, wanted)) {
      await jsm.streams.update(spec.name, { ...current.config, ...wanted });
      outcomes.push({ name: spec.name, action: 'updated' });
    } else {
      outcomes.push({ name: spec.name, action: 'unchanged' });
    }
  }
  return outcomes;
}

function streamConfig(spec: StreamSpec): Partial<StreamConfig> & { name: string; subjects: string[] } {
  return {
    name: spec.name,
    subjects: spec.subjects,
    description: spec.description,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(spec.maxAgeMs),
    duplicate_window: nanos(duplicateWindowMs),
  };
}

function differs(current: StreamConfig, wanted: Partial<StreamConfig>): boolean {
  return Object.entries(wanted).some(([key, value]) => JSON.stringify(current[key as keyof StreamConfig]) !== JSON.stringify(value));
}
