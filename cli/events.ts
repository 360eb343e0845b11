/**
 * `greenlight events [subject]`: live, readable events from NATS, so nobody needs the nats CLI.
 * With --replay, starts from the beginning of the stream instead of now.
 */
import { connect } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { CloudEvent } from '../contracts/events';

/** One line a person can read: time, type, subject, light, and who was told. */
export function describeEvent(subject: string, event: CloudEvent): string {
  const d = event.data as Record<string, unknown>;
  const parts = [event.time, subject.replace(/^gl\.(evt|notify)\./, ''), event.subject ?? ''];
  if (d.light) parts.push(`light=${d.light}`);
  if (d.dueAt) parts.push(`due=${d.dueAt}${d.provisional ? ' (provisional)' : ''}`);
  if (d.actorId) parts.push(`by=${d.actorId}`);
  if (Array.isArray(d.recipients) && d.recipients.length > 0) parts.push(`to=${d.recipients.join(',')}`);
  return parts.filter(Boolean).join('  ');
}

export async function eventsCommand(args: { subject?: string; replay: boolean; json: boolean; natsUrl: string }, out: (line: string) => void): Promise<void> {
  const subject = args.subject ?? 'gl.evt.>';
  const stream = subject.startsWith('gl.notify.') ? 'GL_NOTIFY' : subject.startsWith('gl.cmd.') || subject.startsWith('gl.dlq.') ? 'GL_COMMANDS' : 'GL_EVENTS';
  const nc = await connect({ servers: args.natsUrl, name: 'greenlight-cli-events' });
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
    if (args.json) out(text);
    else {
      try {
        out(describeEvent(m.subject, JSON.parse(text) as CloudEvent));
      } catch {
        out(`${m.subject}  ${text}`);
      }
    }
  }
}
