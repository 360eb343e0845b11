/**
 * When a scheduled report is issued, and of which period. Pure: the caller gives the instant the
 * schedule fired and China's working days (calendar/).
 *
 * - **周调度**: fired every Monday morning (reports/schedules.ts), it reports the ISO week that
 *   ended the Sunday before, at once.
 * - **月度通报**: fired on the 1st of each month just after midnight, it reports the month before,
 *   on the month's first working day at the dispatch hour — 8 October after National Day, 6 May
 *   after Labour Day, the Monday when the 1st is a Saturday. Temporal's calendar specs know weekdays, not China's
 *   holidays and adjusted working weekends (调休), so the schedule fires on the 1st and the
 *   workflow waits (a durable timer) until the calendar's first working day.
 *
 * ```ts
 * planScheduledReport('month', new Date('2026-09-30T16:05:00Z'), isWorkingDay)
 * //   { kind: 'month', key: '2026-09', sendAt: '2026-10-08T00:30:00.000Z' }   (Thursday 8 October, 08:30)
 * ```
 */
import { formatCivilDate } from '../calendar/civil-date';
import { shanghaiDay, startOfShanghaiDay } from '../calendar/shanghai-time';
import { periodHolding, previousPeriod } from './period';

export type ScheduledKind = 'week' | 'month';
export const scheduledKinds: readonly ScheduledKind[] = ['week', 'month'];

/** The hour and minute (Asia/Shanghai) a scheduled report is sent at on its day. */
export interface DispatchTime { hour: number; minute: number }

export interface ReportPlan {
  kind: ScheduledKind;
  /** The period reported: `2026-W45`, `2026-09`. */
  key: string;
  /** When it is issued and sent (UTC). */
  sendAt: string;
}

/** The first working day (YYYY-MM-DD) of the month holding `instant`; a month has one within its first 20 days. */
export function firstWorkingDayOfMonth(instant: Date, isWorkingDay: (date: string) => boolean): string {
  const first = shanghaiDay(periodHolding('month', instant).start);
  for (let d = first; d < first + 20; d++) if (isWorkingDay(formatCivilDate(d))) return formatCivilDate(d);
  throw new RangeError(`no working day in the first 20 days of the month of ${instant.toISOString()}: is the calendar's data right?`);
}

/** What a schedule that fired at `firedAt` issues, and when. */
export function planScheduledReport(kind: ScheduledKind, firedAt: Date, isWorkingDay: (date: string) => boolean, at: DispatchTime = { hour: 8, minute: 30 }): ReportPlan {
  const key = previousPeriod(periodHolding(kind, firedAt)).key;
  if (kind === 'week') return { kind, key, sendAt: firedAt.toISOString() };
  const day = shanghaiDay(new Date(`${firstWorkingDayOfMonth(firedAt, isWorkingDay)}T00:00:00+08:00`));
  const sendAt = new Date(startOfShanghaiDay(day).getTime() + (at.hour * 60 + at.minute) * 60_000);
  return { kind, key, sendAt: new Date(Math.max(sendAt.getTime(), firedAt.getTime())).toISOString() };
}
