/**
 * The notifier: a durable consumer on every event (`gl.evt.>`) that publishes, for each event
 * naming recipients, one notification per person to `gl.notify.<personId>` (kept in GL_NOTIFY
 * for a person who is offline), then delivers them on the channels the directory gives each
 * person (channels.ts). Events without recipients are acked and left to other consumers.
 *
 *   const notifier = await runNotifier(nats, 'directory/demo.json', logger, {
 *     webUrl: 'https://greenlight.example.gov.cn',
 *     channels: { webhook: { secrets: webhookSecrets() }, email: { mailer } },
 *   });
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { Logger } from 'pino';
import { loadDirectory } from '../activities/directory-file';
import { calendarSource, DEFAULT_DATA_DIR } from '../calendar';
import type { Directory } from '../contracts/directory';
import { CloudEvent, recipientsOf } from '../contracts/events';
import { definitions } from '../processes/registry';
import { DEFAULT_BACKOFF_MS, DELIVERED_BUCKET, PermanentFailure, runChannel, type Channel } from './channels';
import type { Mailer } from './email';
import { notificationSubject, notificationsFor } from './notifications';
import { secretEnvName } from './secrets';
import { postWebhook } from './webhook';
import { notifierMetrics } from './metrics';
import { inConsumerSpan, traceHeaders } from '../runtime/spans';

export const NOTIFIER_DURABLE = 'notifier';
export const NOTIFIED_EVENTS = ['gl.evt.>'];

export interface NotifierOptions {
  /** The workbench's base URL for the links (GREENLIGHT_WEB_URL). */
  webUrl?: string;
  /** The calendar's data folder (GREENLIGHT_CALENDAR_DIR), read again when a file changes; the package's own by default. */
  calendarDir?: string;
  /** Turn events into inbox notifications (default true); false runs the channels alone. */
  events?: boolean;
  channels?: {
    webhook?: { secrets: (personId: string) => string | undefined; timeoutMs?: number };
    email?: { mailer: Mailer };
  };
  backoffMs?: readonly number[];
  concurrency?: number;
  /** Deliveries in flight at once to one endpoint (a webhook's origin); 4 by default. */
  perEndpoint?: number;
  /** How long a failing endpoint's circuit stays open before one probe (notifier/channels.ts); 30 s by default. */
  breakerOpenMs?: number;
  digestCheckMs?: number;
  /** The clock quiet hours are read against (a test's). */
  now?: () => Date;
}

/** A kind's Chinese name, from its definition's title: `Enterprise request (企业诉求)` → 企业诉求. */
export function kindNames(): Record<string, string> {
  return Object.fromEntries(definitions.map((d) => [d.kind, /\(([^)]+)\)\s*$/.exec(d.title)?.[1] ?? d.title]));
}

/** Each kind's presentation, for the workbench's links to its processes. */
export function kindPresentations(): Record<string, { item?: unknown } | undefined> {
  return Object.fromEntries(definitions.map((d) => [d.kind, d.presentation]));
}

export async function runNotifier(nats: NatsConnection, directoryPath: string, logger: Logger, options: NotifierOptions = {}): Promise<{ stop(): Promise<void> }> {
  const js = jetstream(nats);
  const jsm = await js.jetstreamManager();
  // Each read is the version in use now: the followed one (directory/store.ts), or the file's, read again when it changes.
  const directory = (): Directory => loadDirectory(directoryPath);
  const stops: Array<() => Promise<void>> = [];

  if (options.events !== false) {
    const config = { durable_name: NOTIFIER_DURABLE, filter_subjects: NOTIFIED_EVENTS, ack_policy: AckPolicy.Explicit, max_deliver: -1 };
    const existing = await jsm.consumers.info('GL_EVENTS', NOTIFIER_DURABLE).catch((err: unknown) => {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
      throw err;
    });
    // A consumer from before every event was delivered had a narrower filter: widened in place, it keeps its position.
    if (!existing) await jsm.consumers.add('GL_EVENTS', config);
    else if (JSON.stringify(existing.config.filter_subjects ?? [existing.config.filter_subject]) !== JSON.stringify(NOTIFIED_EVENTS)) {
      await jsm.consumers.update('GL_EVENTS', NOTIFIER_DURABLE, { filter_subjects: NOTIFIED_EVENTS, filter_subject: '' });
    }
    const names = kindNames();
    const presentations = kindPresentations();
    const calendar = calendarSource(options.calendarDir ?? DEFAULT_DATA_DIR);
    const consumer = await js.consumers.get('GL_EVENTS', NOTIFIER_DURABLE);
    const messages = await consumer.consume({ max_messages: 256 });
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
        if (recipientsOf(parsed.data).length === 0) {
          m.ack();
          continue;
        }
        try {
          // Under the event's trace (its traceparent header); each notification carries it on to the channels.
          await inConsumerSpan('greenlight-notifier', `notify ${parsed.data.type}`, m, async () => {
            const { notifications, unknown } = notificationsFor(parsed.data, directory(), { webUrl: options.webUrl, kindNames: names, presentations, isWorkingDay: calendar().isWorkingDay });
            if (unknown.length > 0) logger.warn({ eventId: parsed.data.id, unknown }, 'recipients not in the directory');
            await Promise.all(notifications.map((n) => js.publish(notificationSubject(n.personId), JSON.stringify(n), { msgID: n.id, headers: traceHeaders() })));
            notifierMetrics.published.inc(notifications.length);
            m.ack();
            logger.info({ eventId: parsed.data.id, type: parsed.data.type, recipients: notifications.length }, 'notified');
          }, { 'greenlight.event.id': parsed.data.id });
        } catch (err) {
          logger.error({ eventId: parsed.data.id, err: (err as Error).message }, 'notification failed: will be redelivered');
          m.nak(2_000);
        }
      }
    })();
    stops.push(async () => {
      messages.stop();
      await loop;
    });
  }

  const channels: Channel[] = [];
  const webhook = options.channels?.webhook;
  if (webhook) {
    channels.push({
      name: 'webhook',
      async deliver(person, n) {
        const config = person.channels?.webhook;
        if (!config) return;
        const secret = webhook.secrets(person.id);
        // A robot authenticates by its URL's key; a Greenlight receiver needs the signature.
        if (!secret && config.format === 'greenlight') throw new PermanentFailure(`no signing secret for ${person.id}: set ${secretEnvName(person.id)} or add it to GREENLIGHT_WEBHOOK_SECRETS`);
        await postWebhook(config.url, n, config.format, secret, webhook.timeoutMs);
      },
      endpoint: (person) => {
        const url = person.channels?.webhook?.url;
        return url ? new URL(url).origin : '';
      },
    });
  }
  const email = options.channels?.email;
  if (email) {
    channels.push({
      name: 'email',
      async deliver(person, n) {
        const address = person.channels?.email?.address;
        if (address) await email.mailer.send(address, n);
      },
    });
  }
  if (channels.length > 0) {
    const kv = await new Kvm(nats).create(DELIVERED_BUCKET, { ttl: 30 * 24 * 3600_000, history: 1 });
    for (const channel of channels) {
      const running = await runChannel(channel, {
        nats, kv, directory, logger,
        now: options.now ?? (() => new Date()),
        backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
        concurrency: options.concurrency ?? 32,
        perEndpoint: options.perEndpoint ?? 4,
        breakerOpenMs: options.breakerOpenMs,
        digestCheckMs: options.digestCheckMs ?? 60_000,
      });
      stops.push(running.stop);
    }
  }

  return {
    async stop() {
      for (const stop of stops) await stop();
      options.channels?.email?.mailer.close();
    },
  };
}
