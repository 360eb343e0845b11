/**
 * Periods counted in calendar months (以月计算的期间), as Chinese law counts them: the period
 * ends on the day of the last month with the same number as the start day, or on that month's
 * last day when it has no such day (《民法典》第二百零二条); when that day is a day off, it
 * ends on the first working day after it (第二百零三条). Pure date arithmetic here; the
 * working-day part is the calendar's.
 *
 * ```ts
 * addCalendarMonths(calendar, '2026-11-06T10:00:00+08:00', 3);
 * //   → the end of Saturday 2027-02-06 moved to the end of the next working day
 * ```
 */
import { epochDay, formatCivilDate, type EpochDay } from './civil-date';
import { parseInstant, shanghaiDay, startOfShanghaiDay } from './shanghai-time';
import type { DueInstant, WorkingCalendar } from './working-calendar';

/** The civil day `months` calendar months after `day`, clamped to the end of a shorter month. */
export function sameDayMonthsLater(day: EpochDay, months: number): EpochDay {
  const [year, month, dayOfMonth] = formatCivilDate(day).split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastOfMonth = epochDay(targetYear, targetMonth + 1, 1) - 1;
  return Math.min(epochDay(targetYear, targetMonth, dayOfMonth), lastOfMonth);
}

/**
 * The end (24:00 Asia/Shanghai) of the period of `months` calendar months from the Shanghai
 * day of `from`, moved to the end of the next working day when it ends on a day off.
 * Provisional when the days it had to look at lie in a year without official data.
 */
export function addCalendarMonths(calendar: WorkingCalendar, from: Date | string, months: number): DueInstant {
  if (!Number.isSafeInteger(months) || months < 0) throw new RangeError(`months must be a whole number ≥ 0, not ${months}`);
  const last = sameDayMonthsLater(shanghaiDay(parseInstant(from)), months);
  // One working day counted from the day before is the last day itself if it is a working day.
  return calendar.addWorkingDays(startOfShanghaiDay(last - 1), 1);
}
