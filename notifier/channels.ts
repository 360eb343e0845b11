/**
 * Delivering the inbox's notifications on a person's other channels, at least once, nothing lost
 * while a channel is down. Each channel is a durable consumer on GL_NOTIFY (`notify-<channel>`)
 * and one on GL_REDO (`notify-<channel>-redo`, the dead letters an operator replays); a message is
 * acked only once it is delivered, held for a digest, dead-lettered, or not this channel's.
 *
 * - A failed try is nak'ed with the next delay of `backoffMs` (JetStream redelivers it; the
 *   delivery count is the attempt); after the last, the notification goes to
 *   `gl.dlq.notify.<channel>.<personId>` with the error, for `greenlight notify replay`.
 * - A delivered notification's id is written to the KV bucket `gl-notify-delivered` before the
 *   ack, so a redelivered message (a lost ack, a replay, a republished inbox) is not sent again.
 *   The receiver still gets the id as `Idempotency-Key`: a crash between sending and recording
 *   is the one window at-least-once leaves.
 * - One endpoint cannot slow the others: each holds at most `perEndpoint` of the `concurrency`
 *   slots (the rest wait for its own, without a slot), and after BREAKER_FAILURES failures in a row
 *   its circuit opens for BREAKER_OPEN_MS: what comes for it meanwhile is not tried, but nak'ed with
 *   the next delay like a failed try; then one try probes it.
 * - In a person's quiet hours a notification that is not urgent goes to
 *   `gl.digest.<channel>.<personId>` (GL_DIGEST); when the quiet hours are over the held ones go
 *   out as one digest, and are purged only after it was delivered.
 */
import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { Logger } from 'pino';
import type { Directory, Person } from '../contracts/directory';
import { Notification } from '../contracts/events';
import { words } from './messages';
import { channelTakes, held, inQuietHours, type ChannelName } from './preferences';
import { notifierMetrics } from './metrics';
import { inConsumerSpan } from '../runtime/spans';

export interface Channel {
  name: ChannelName;
  /** Sends once; throws on failure. A `PermanentFailure` skips the retries. */
  deliver(person: Person, n: Notification): Promise<void>;
  /** Where a person's deliveries go (a webhook's origin): one endpoint's trouble is its own. One endpoint for all when absent. */
  endpoint?(person: Person): string;
}

/** A failure no retry mends (no signing secret configured): dead-lettered at once. */
export class PermanentFailure extends Error {}

export interface ChannelDeps {
  nats: NatsConnection;
  kv: KV;
  directory: () => Directory;
  logger: Logger;
  now: () => Date;
  /** Delays between tries; after the last one, the dead letter. */
  backoffMs: readonly number[];
  /** Deliveries in flight at once, across people. */
  concurrency: number;
  /** Deliveries in flight at once to one endpoint (a webhook's origin): a hanging one holds no more slots than this. */
  perEndpoint?: number;
  /** How long an endpoint's circuit stays open before one probe; BREAKER_OPEN_MS by default. */
  breakerOpenMs?: number;
  /** How often held notifications are checked for a digest. */
  digestCheckMs: number;
}

/** 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, then hourly doubling: about 16 hours before a dead letter. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000];

export const DELIVERED_BUCKET = 'gl-notify-delivered';

/** Failures in a row after which an endpoint's circuit opens, and how long it stays open before one probe. */
export const BREAKER_FAILURES = 3;
export const BREAKER_OPEN_MS = 30_000;

/** A counting semaphore whose waiters keep their message alive (JetStream would redeliver it after ack_wait). */
class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async take(m: JsMsg): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    const alive = setInterval(() => m.working(), 20_000);
    await new Promise<void>((granted) => this.waiting.push(granted));
    clearInterval(alive);
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

interface Endpoint { slots: Slots; failures: number; openUntil: number; lastError?: string }

export const deadLetterSubject = (channel: string, personId: string) => `gl.dlq.notify.${channel}.${personId}`;
export const redoSubject = (channel: string, personId: string) => `gl.redo.${channel}.${personId}`;
export const digestSubject = (channel: string, personId: string) => `gl.digest.${channel}.${personId}`;

/** What a dead letter holds; `greenlight notify replay` sends `notification` again on `channel`. */
export interface DeadLetter {
  channel: ChannelName;
  personId: string;
  notification: Notification;
  error: string;
  attempts: number;
  at: string;
}

export function deliveredKey(channel: string, notificationId: string): string {
  return `${channel}.${createHash('sha256').update(notificationId).digest('hex').slice(0, 40)}`;
}

export async function runChannel(channel: Channel, deps: ChannelDeps): Promise<{ stop(): Promise<void> }> {
  const js = jetstream(deps.nats);
  const jsm = await js.jetstreamManager();
  const durable = `notify-${channel.name}`;
  const consumers: Array<[string, string, string]> = [
    ['GL_NOTIFY', durable, 'gl.notify.>'],
    ['GL_REDO', `${durable}-redo`, `gl.redo.${channel.name}.>`],
  ];
  const streams: ConsumerMessages[] = [];
  for (const [stream, name, filter] of consumers) {
    await jsm.consumers.add(stream, { durable_name: name, filter_subjects: [filter], ack_policy: AckPolicy.Explicit, max_deliver: -1, ack_wait: 60_000_000_000 });
    streams.push(await (await js.consumers.get(stream, name)).consume({ max_messages: deps.concurrency * 2 }));
  }
  const log = deps.logger.child({ channel: channel.name });
  const isDelivered = async (id: string) => (await deps.kv.get(deliveredKey(channel.name, id)))?.operation === 'PUT';
  const markDelivered = (id: string) => deps.kv.put(deliveredKey(channel.name, id), new Date().toISOString());

  const slots = new Slots(deps.concurrency);
  const endpoints = new Map<string, Endpoint>();
  const endpointOf = (person: Person): Endpoint => {
    const key = channel.endpoint?.(person) ?? '';
    let e = endpoints.get(key);
    if (!e) endpoints.set(key, e = { slots: new Slots(deps.perEndpoint ?? deps.concurrency), failures: 0, openUntil: 0 });
    return e;
  };

  const handle = async (m: JsMsg): Promise<void> => {
    let raw: unknown;
    try { raw = m.json(); } catch { raw = undefined; }
    const parsed = Notification.safeParse(raw);
    if (!parsed.success) {
      log.warn({ subject: m.subject, seq: m.seq }, 'not a notification: skipped');
      m.term();
      return;
    }
    const n = parsed.data;
    const person = deps.directory().people.find((p) => p.id === n.personId);
    if (!person || !channelTakes(person, channel.name, n) || await isDelivered(n.id)) {
      m.ack();
      return;
    }
    if (held(person, n, deps.now())) {
      await js.publish(digestSubject(channel.name, person.id), JSON.stringify(n), { msgID: `${channel.name}:${n.id}` });
      m.ack();
      notifierMetrics.held.inc({ channel: channel.name });
      log.info({ notificationId: n.id, personId: person.id }, 'quiet hours: held for the digest');
      return;
    }
    const endpoint = endpointOf(person);
    await endpoint.slots.take(m);
    try {
      // Not tried while the circuit is open; a dead letter then names the failure that opened it.
      if (endpoint.openUntil > Date.now()) throw new Error(`not tried (circuit open): its endpoint's last tries failed: ${endpoint.lastError ?? 'unknown'}`);
      await slots.take(m);
      try {
        await channel.deliver(person, n);
      } finally {
        slots.give();
      }
      endpoint.failures = 0;
      await markDelivered(n.id);
      m.ack();
      notifierMetrics.delivered.inc({ channel: channel.name });
      log.info({ notificationId: n.id, personId: person.id, attempt: m.info.deliveryCount }, 'delivered');
    } catch (err) {
      const attempt = m.info.deliveryCount;
      const error = (err as Error).message;
      const tried = endpoint.openUntil <= Date.now();
      if (tried && !(err instanceof PermanentFailure)) endpoint.lastError = error;
      if (!(err instanceof PermanentFailure) && tried && ++endpoint.failures >= BREAKER_FAILURES) {
        endpoint.openUntil = Date.now() + (deps.breakerOpenMs ?? BREAKER_OPEN_MS);
        endpoint.failures = BREAKER_FAILURES - 1; // after it, one failed probe opens it again
        log.warn({ personId: person.id, channel: channel.name }, 'endpoint failing: circuit open');
      }
      if (err instanceof PermanentFailure || attempt > deps.backoffMs.length) {
        const letter: DeadLetter = { channel: channel.name, personId: person.id, notification: n, error, attempts: attempt, at: new Date().toISOString() };
        await js.publish(deadLetterSubject(channel.name, person.id), JSON.stringify(letter));
        m.ack();
        notifierMetrics.dead.inc({ channel: channel.name });
        log.error({ notificationId: n.id, personId: person.id, attempt, error }, 'not delivered: dead-lettered');
      } else {
        m.nak(deps.backoffMs[attempt - 1]);
        notifierMetrics.retried.inc({ channel: channel.name });
        log.warn({ notificationId: n.id, personId: person.id, attempt, error }, 'not delivered: will retry');
      }
    } finally {
      endpoint.slots.give();
    }
  };

  const inFlight = new Set<Promise<void>>();
  const loops = streams.map(async (messages) => {
    for await (const m of messages) {
      const p = inConsumerSpan('greenlight-notifier', `deliver ${channel.name}`, m, () => handle(m)).catch((err: unknown) => {
        // NATS itself failed (the KV, a publish): leave the message unacked; it comes back after ack_wait.
        log.error({ subject: m.subject, err: (err as Error).message }, 'delivery step failed: will be redelivered');
        m.nak(deps.backoffMs[0]);
      }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      // Deliveries take the slots (above); this only bounds what waits for one in memory.
      if (inFlight.size >= deps.concurrency * 32) await Promise.race(inFlight);
    }
  });

  /** Sends one person's held notifications as one digest, then purges what it sent. */
  const flush = async (person: Person, subject: string): Promise<void> => {
    const consumer = await js.consumers.get('GL_DIGEST', { filter_subjects: [subject] });
    const held: Array<{ seq: number; n: Notification }> = [];
    const batch = await consumer.fetch({ max_messages: 500, expires: 2_000 });
    for await (const m of batch) {
      const parsed = Notification.safeParse(m.json());
      if (parsed.success) held.push({ seq: m.seq, n: parsed.data });
      if (m.info.pending === 0) break;
    }
    if (held.length === 0) return;
    const first = held[0].seq;
    const last = held[held.length - 1].seq;
    const items = held.map(({ n }) => ({ id: n.id, subject: n.subject, link: n.link }));
    const title = `【${words.digest(items.length)}】`;
    const digest: Notification = {
      id: `digest:${channel.name}:${person.id}:${first}-${last}`,
      personId: person.id,
      kind: 'digest',
      urgent: false,
      subject: title,
      text: [title, ...items.map((it, i) => `${i + 1}. ${it.subject}${it.link ? `\n   ${words.open}：${it.link}` : ''}`)].join('\n'),
      eventId: held[0].n.eventId,
      eventType: 'greenlight.notify.digest',
      time: deps.now().toISOString(),
      items,
    };
    if (!(await isDelivered(digest.id))) {
      await channel.deliver(person, digest);
      await markDelivered(digest.id);
      notifierMetrics.delivered.inc({ channel: channel.name });
    }
    for (const { n } of held) await markDelivered(n.id);
    await jsm.streams.purge('GL_DIGEST', { filter: subject, seq: last + 1 });
    log.info({ personId: person.id, notifications: items.length }, 'digest delivered');
  };
  let flushing = Promise.resolve();
  const checkDigests = async () => {
    const prefix = `gl.digest.${channel.name}.`;
    const info = await jsm.streams.info('GL_DIGEST', { subjects_filter: `${prefix}>` });
    const now = deps.now();
    for (const subject of Object.keys(info.state.subjects ?? {})) {
      const person = deps.directory().people.find((p) => p.id === subject.slice(prefix.length));
      if (!person || inQuietHours(person, now)) continue;
      await flush(person, subject).catch((err: unknown) => log.warn({ personId: person.id, err: (err as Error).message }, 'digest not delivered: kept for the next check'));
    }
  };
  const timer = setInterval(() => {
    flushing = flushing.then(checkDigests).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'digest check failed'));
  }, deps.digestCheckMs);

  return {
    async stop() {
      clearInterval(timer);
      streams.forEach((s) => s.stop());
      await Promise.all(loops);
      await Promise.all(inFlight);
      await flushing;
    },
  };
}
