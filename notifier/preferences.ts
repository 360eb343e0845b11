/**
 * A person's preferences, from the directory: which kinds of notification each channel takes,
 * and quiet hours (Shanghai wall clock) in which reminders and notices wait for a digest.
 * Escalations to leaders (`urgent`) never wait.
 */
import type { Channels, Person } from '../contracts/directory';
import type { Notification } from '../contracts/events';

export type ChannelName = keyof Channels;

/** Whether `channel` of `person` takes `n` (a digest goes where the kinds it holds went). */
export function channelTakes(person: Person, channel: ChannelName, n: Notification): boolean {
  const config = person.channels?.[channel];
  if (!config) return false;
  return n.kind === 'digest' || !config.kinds || config.kinds.includes(n.kind);
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the person's quiet hours (a span may cross midnight: 22:00–07:30). */
export function inQuietHours(person: Person, at: Date): boolean {
  const quiet = person.quietHours;
  if (!quiet) return false;
  const m = Math.floor((at.getTime() / 60_000 + 8 * 60) % 1440);
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  return from <= to ? m >= from && m < to : m >= from || m < to;
}

/** Whether a notification waits for the digest now. */
export function held(person: Person, n: Notification, at: Date): boolean {
  return !n.urgent && n.kind !== 'digest' && inQuietHours(person, at);
}
