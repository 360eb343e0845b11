/**
 * Counting working days between two instants, for a clock that stood still: an item returned
 * for correction (补正) does not count the working days the applicant took against its SLA.
 */
import type { WorkingCalendar } from '../calendar';

/** Working days after the Shanghai day of `from`, up to and including the day of `to`; 0 when `to` is not later. */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  const endOfTo = Date.parse(calendar.addWorkingDays(to, 0).due);
  let n = 0;
  while (Date.parse(calendar.addWorkingDays(from, n + 1).due) <= endOfTo) n++;
  return n;
}
