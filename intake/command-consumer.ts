/**
 * A durable JetStream consumer for one command subject. A message is acknowledged only once
 * its handler has done the work (for a submission: the workflow start was accepted); a
 * message that fails its contract goes to `gl.dlq.<command>` with the validation errors and
 * is acknowledged, so it never blocks the consumer; a failure of our own (Temporal
 * unavailable) is retried later.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { Issue } from '../contracts/issues';

export interface CommandHandler {
  /** The command subject, e.g. gl.cmd.request.submit. */
  subject: string;
  /** Durable consumer name: one per command, shared by every intake instance. */
  durable: string;
  handle(body: unknown): Promise<{ ok: true; detail?: Record<string, unknown> } | { ok: false; issues: Issue[] }>;
}

export const COMMANDS_STREAM = 'GL_COMMANDS';

export function deadLetterSubject(commandSubject: string): string {
  return commandSubject.replace(/^gl\.cmd\./, 'gl.dlq.');
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

export async function consumeCommands(nats: NatsConnection, handler: CommandHandler, logger: Logger): Promise<RunningConsumer> {
  const js = jetstream(nats);
  const jsm = await js.jetstreamManager();
  await jsm.consumers.add(COMMANDS_STREAM, {
    durable_name: handler.durable,
    filter_subject: handler.subject,
    ack_policy: AckPolicy.Explicit,
    ack_wait: 30_000_000_000,
    max_deliver: -1,
  });
  const consumer = await js.consumers.get(COMMANDS_STREAM, handler.durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
  const loop = (async () => {
    for await (const m of messages) {
      let body: unknown;
      try {
        body = m.json();
      } catch {
        body = undefined;
      }
      try {
        const outcome = body === undefined
          ? { ok: false as const, issues: [{ path: '', message: 'the message is not JSON' }] }
          : await handler.handle(body);
        if (!outcome.ok) {
          await js.publish(deadLetterSubject(m.subject), JSON.stringify({
            subject: m.subject,
            streamSequence: m.seq,
            receivedAt: new Date().toISOString(),
            issues: outcome.issues,
            original: m.string(),
          }), { msgID: `dlq:${m.subject}:${m.seq}` });
          logger.warn({ subject: m.subject, seq: m.seq, issues: outcome.issues.length }, 'command refused: moved to the dead-letter subject');
        } else {
          logger.info({ subject: m.subject, seq: m.seq, ...outcome.detail }, 'command accepted');
        }
        m.ack();
      } catch (err) {
        logger.error({ subject: m.subject, seq: m.seq, err: (err as Error).message }, 'command failed: will be redelivered');
        m.nak(5_000);
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
