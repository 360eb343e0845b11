/**
 * `greenlight events [subject]`: live, readable events from NATS, so nobody needs the nats CLI.
 * With --replay, starts from the beginning of the stream instead of now. On `gl.notify.<id>` it
 * prints each notification's words; --json prints the whole message.
 *
 * `greenlight notify dead-letters` lists the notifications a channel gave up on, and
 * `greenlight notify replay [--person P] [--channel webhook|email] [seq…]` sends them again on
 * their channel (through GL_REDO, so the other channels are not repeated).
 */
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { Notification, type CloudEvent } from '../contracts/events';
import { redoSubject, type DeadLetter } from '../notifier/channels';
import { saidAt, saidDeadline } from './spoken';
import { connectNats } from './nats';

/** One line a person can read: time, type, subject, light, and who was told. */
export function describeEvent(subject: string, event: CloudEvent): string {
  const d = event.data as Record<string, unknown>;
  const parts = [saidAt(event.time), subject.replace(/^gl\.(evt|notify)\./, ''), event.subject ?? ''];
  if (d.light) parts.push(`light=${d.light}`);
  if (typeof d.dueAt === 'string') parts.push(`due=${saidDeadline(d.dueAt, d.provisional === true, new Date(event.time))}`);
  if (d.actorId) parts.push(`by=${d.actorId}`);
  if (Array.isArray(d.recipients) && d.recipients.length > 0) parts.push(`to=${d.recipients.join(',')}`);
  return parts.filter(Boolean).join('  ');
}

/** A notification as its reader sees it: the words, under a line with when and the id. */
export function describeNotification(n: Notification): string {
  return `# ${saidAt(n.time)}  ${n.id}\n${n.text}\n`;
}

export function streamOf(subject: string): string {
  const prefixes: Array<[string, string]> = [
    ['gl.notify.', 'GL_NOTIFY'], ['gl.cmd.', 'GL_COMMANDS'], ['gl.dlq.', 'GL_DLQ'], ['gl.digest.', 'GL_DIGEST'], ['gl.redo.', 'GL_REDO'],
  ];
  return prefixes.find(([p]) => subject.startsWith(p))?.[1] ?? 'GL_EVENTS';
}

export async function eventsCommand(args: { subject?: string; replay: boolean; json: boolean; natsUrl: string }, out: (line: string) => void): Promise<void> {
  const subject = args.subject ?? 'gl.evt.>';
  const stream = streamOf(subject);
  const nc = await connectNats(args.natsUrl, 'greenlight-cli-events');
  const consumer = await jetstream(nc).consumers.get(stream, {
    filter_subjects: [subject],
    deliver_policy: args.replay ? DeliverPolicy.All : DeliverPolicy.New,
  });
  out(`# watching ${subject} on ${args.natsUrl} (stream ${stream}); Ctrl-C to stop`);
  process.once('SIGINT', () => void nc.close());
  const messages = await consumer.consume();
  nc.closed().then(() => messages.stop());
  for await (const m of messages) {
    const text = m.string();
    if (args.json) {
      out(text);
      continue;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      const notification = Notification.safeParse(parsed);
      out(notification.success ? describeNotification(notification.data) : describeEvent(m.subject, parsed as CloudEvent));
    } catch {
      out(`${m.subject}  ${text}`);
    }
  }
}

interface StoredLetter { seq: number; letter: DeadLetter }

async function deadLetters(natsUrl: string, filter: { person?: string; channel?: string; seqs?: number[] }) {
  const nc = await connectNats(natsUrl, 'greenlight-cli-notify');
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  const subject = `gl.dlq.notify.${filter.channel ?? '*'}.${filter.person ?? '>'}`.replace('*.>', '>');
  const found: StoredLetter[] = [];
  const info = await jsm.streams.info('GL_DLQ', { subjects_filter: subject });
  const count = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  if (count > 0) {
    const consumer = await js.consumers.get('GL_DLQ', { filter_subjects: [subject], deliver_policy: DeliverPolicy.All });
    for await (const m of await consumer.fetch({ max_messages: count, expires: 3_000 })) {
      const letter = m.json<DeadLetter>();
      if (!filter.seqs?.length || filter.seqs.includes(m.seq)) found.push({ seq: m.seq, letter });
      if (m.info.pending === 0) break;
    }
  }
  return { nc, js, jsm, found };
}

/** `greenlight notify dead-letters|replay`; returns the exit code. */
export async function notifyCommand(
  args: { action: string; person?: string; channel?: string; seqs: number[]; json: boolean; natsUrl: string },
  out: (line: string) => void,
): Promise<number> {
  if (args.action !== 'dead-letters' && args.action !== 'replay') throw new Error(`notify dead-letters|replay, not "${args.action}"`);
  if (args.channel && !['webhook', 'email'].includes(args.channel)) throw new Error(`--channel webhook or email, not "${args.channel}"`);
  const { nc, js, jsm, found } = await deadLetters(args.natsUrl, args);
  try {
    if (args.action === 'dead-letters') {
      for (const { seq, letter } of found) {
        out(args.json
          ? JSON.stringify({ seq, ...letter })
          : `${seq}  ${saidAt(letter.at)}  ${letter.channel}  ${letter.personId}  ${letter.notification.id}  after ${letter.attempts} tries: ${letter.error}`);
      }
      if (!args.json) out(`# ${found.length} dead letter(s)`);
      return 0;
    }
    for (const { seq, letter } of found) {
      await js.publish(redoSubject(letter.channel, letter.personId), JSON.stringify(letter.notification), { msgID: `redo:${seq}` });
      await jsm.streams.deleteMessage('GL_DLQ', seq);
      out(`replayed ${seq}  ${letter.channel}  ${letter.personId}  ${letter.notification.id}`);
    }
    out(`# ${found.length} replayed`);
    return 0;
  } finally {
    await nc.close();
  }
}
