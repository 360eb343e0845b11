/**
 * The notifier's metrics: notifications published to people's inboxes, and on each channel
 * (webhook, e-mail) those delivered, retried after a failure, held for quiet hours and
 * dead-lettered. One registry per process (notifier/main.ts serves it with Node's own).
 */
import { Counter, Registry } from 'prom-client';
import type { ChannelName } from './preferences';

export const notifierRegistry = new Registry();

const CHANNELS: readonly ChannelName[] = ['webhook', 'email'];

/** A counter by channel, at zero for each channel from the start: a rate over a series that appears only at its first event misses that event. */
function counter(name: string, help: string): Counter<'channel'> {
  const made = new Counter({ name, help, labelNames: ['channel'] as const, registers: [notifierRegistry] });
  for (const channel of CHANNELS) made.inc({ channel }, 0);
  return made;
}

export const notifierMetrics = {
  published: new Counter({
    name: 'greenlight_notifications_published_total', help: 'Notifications published to a person\'s inbox (gl.notify.<personId>)', registers: [notifierRegistry],
  }),
  delivered: counter('greenlight_notifications_delivered_total', 'Notifications delivered on a channel (a digest counts once)'),
  retried: counter('greenlight_notifications_retried_total', 'Deliveries that failed and will be tried again'),
  held: counter('greenlight_notifications_held_total', 'Notifications held by quiet hours for the digest'),
  dead: counter('greenlight_notifications_dead_total', 'Notifications dead-lettered after the last try or a failure no retry mends'),
};
