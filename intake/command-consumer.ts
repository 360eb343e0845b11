/**
 * A durable JetStream consumer for one command subject. A message is acknowledged only once
 * its handler has done the work (for a submission: the workflow start was accepted); a
 * message that fails its contract goes to `gl.dlq.<command>` with the validation errors and
 * is acknowledged, so it never blocks the consumer; a failure of our own (Temporal
 * unavailable) is retried later, each time later (5 s doubling to 5 min), up to a delivery
 * limit, at which it goes to the dead-letter subject too.
 *
 * Every dead letter is bounded (deadLetter): the command itself when it is small, else only its
 * digest (sha256, size and a short prefix); at most MAX_ISSUES issues, each cut short. A
 * poison message can therefore always be dead-lettered, whatever its size.
 */
import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { Issue } from '../contracts/issues';
import { inConsumerSpan } from '../runtime/spans';

export interface CommandHandler {
  /** The command subject, e.g. gl.cmd.request.submit (or a wildcard, with `route`). */
  subject: string;
  /** Durable consumer name: one per command, shared by every intake instance. */
  durable: string;
  handle(body: unknown): Promise<{ ok: true; detail?: Record<string, unknown> } | { ok: false; issues: Issue[] }>;
  /** For a wildcard consumer: `skip` a subject another consumer serves, dead-letter an `unknown` one. */
  route?(subject: string): 'handle' | 'skip' | 'unknown';
}

export const COMMANDS_STREAM = 'GL_COMMANDS';

/** Deliveries of one command before it is dead-lettered as undeliverable: about four hours of retries. */
export const MAX_DELIVER = 50;
/** The largest command a dead letter carries whole; a larger one is kept as its digest. */
export const MAX_ORIGINAL_BYTES = 16 * 1024;
export const MAX_ISSUES = 20;
const MAX_MESSAGE_CHARS = 500;
const PREFIX_CHARS = 256;

export function deadLetterSubject(commandSubject: string): string {
  return commandSubject.replace(/^gl\.cmd\./, 'gl.dlq.');
}

export type DeadLetterReason = 'refused' | 'undeliverable' | 'unknown-subject';

/** What a dead letter holds: why, where from, the issues, and the command or its digest. */
export interface DeadLetter {
  reason: DeadLetterReason;
  subject: string;
  streamSequence: number;
  deliveries: number;
  receivedAt: string;
  issues: Issue[];
  /** Of every command: replay checks it (docs/operations.md). */
  digest: { sha256: string; size: number; prefix: string };
  /** The command as it came, when at most MAX_ORIGINAL_BYTES. */
  original?: string;
  /** How many issues were left out. */
  issuesLeftOut?: number;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function deadLetter(m: Pick<JsMsg, 'subject' | 'seq' | 'data' | 'info'>, reason: DeadLetterReason, issues: Issue[]): DeadLetter {
  const text = new TextDecoder().decode(m.data);
  return {
    reason,
    subject: m.subject,
    streamSequence: m.seq,
    deliveries: m.info.deliveryCount,
    receivedAt: new Date().toISOString(),
    issues: issues.slice(0, MAX_ISSUES).map((i) => ({ path: cut(i.path, 200), message: cut(i.message, MAX_MESSAGE_CHARS) })),
    ...(issues.length > MAX_ISSUES ? { issuesLeftOut: issues.length - MAX_ISSUES } : {}),
    digest: { sha256: createHash('sha256').update(m.data).digest('hex'), size: m.data.length, prefix: cut(text, PREFIX_CHARS) },
    ...(m.data.length <= MAX_ORIGINAL_BYTES ? { original: text } : {}),
  };
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

export interface ConsumeOptions {
  /** Deliveries before a command that keeps failing is dead-lettered (MAX_DELIVER). */
  maxDeliver?: number;
  /** The first redelivery's delay; each next one doubles, up to 5 min. */
  retryDelayMs?: number;
}

async function publishDeadLetter(js: JetStreamClient, m: JsMsg, letter: DeadLetter) {
  await js.publish(deadLetterSubject(m.subject), JSON.stringify(letter), { msgID: `dlq:${m.subject}:${m.seq}` });
}

export async function consumeCommands(nats: NatsConnection, handler: CommandHandler, logger: Logger, options: ConsumeOptions = {}): Promise<RunningConsumer> {
  const maxDeliver = options.maxDeliver ?? MAX_DELIVER;
  const retryDelayMs = options.retryDelayMs ?? 5_000;
  const js = jetstream(nats);
  const jsm = await js.jetstreamManager();
  const config = {
    durable_name: handler.durable,
    filter_subject: handler.subject,
    ack_policy: AckPolicy.Explicit,
    ack_wait: 30_000_000_000,
    max_deliver: maxDeliver,
  };
  try {
    await jsm.consumers.add(COMMANDS_STREAM, config);
  } catch {
    // A consumer made before the delivery limit: brought up to date.
    await jsm.consumers.update(COMMANDS_STREAM, handler.durable, { max_deliver: maxDeliver, ack_wait: config.ack_wait });
  }
  const consumer = await js.consumers.get(COMMANDS_STREAM, handler.durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
  const loop = (async () => {
    for await (const m of messages) {
      const route = handler.route?.(m.subject) ?? 'handle';
      try {
        if (route === 'skip') {
          m.ack();
          continue;
        }
        let body: unknown;
        try {
          body = m.json();
        } catch {
          body = undefined;
        }
        const outcome = route === 'unknown'
          ? { ok: false as const, issues: [{ path: '', message: `no command is served on ${cut(m.subject, 200)}` }] }
          : body === undefined
            ? { ok: false as const, issues: [{ path: '', message: 'the message is not JSON' }] }
            // Under the submitter's trace when its message carries one (traceparent): the workflow started continues it.
            : await inConsumerSpan('greenlight-intake', `command ${handler.subject}`, m, () => handler.handle(body));
        if (!outcome.ok) {
          await publishDeadLetter(js, m, deadLetter(m, route === 'unknown' ? 'unknown-subject' : 'refused', outcome.issues));
          logger.warn({ subject: m.subject, seq: m.seq, issues: outcome.issues.length }, 'command refused: moved to the dead-letter subject');
        } else {
          logger.info({ subject: m.subject, seq: m.seq, ...outcome.detail }, 'command accepted');
        }
        m.ack();
      } catch (err) {
        const message = (err as Error).message;
        if (m.info.deliveryCount >= maxDeliver) {
          try {
            await publishDeadLetter(js, m, deadLetter(m, 'undeliverable', [{ path: '', message: `failed on each of ${m.info.deliveryCount} deliveries, last: ${message}` }]));
            logger.error({ subject: m.subject, seq: m.seq, deliveries: m.info.deliveryCount, err: message }, 'command undeliverable: moved to the dead-letter subject');
            m.term();
          } catch (dlqErr) {
            // JetStream stops delivering it; it stays in GL_COMMANDS, to replay by its sequence.
            logger.error({ subject: m.subject, seq: m.seq, err: (dlqErr as Error).message }, 'command undeliverable and not dead-lettered: replay it by its sequence');
            m.term();
          }
          continue;
        }
        const delay = Math.min(retryDelayMs * 2 ** (m.info.deliveryCount - 1), 300_000);
        logger.error({ subject: m.subject, seq: m.seq, deliveries: m.info.deliveryCount, err: message }, 'command failed: will be redelivered');
        m.nak(delay);
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
