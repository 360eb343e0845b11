/**
 * The key project's own activity: which working day a date is due by, and when its clock starts.
 * Recorded in history as the activity's result, so a later calendar change never breaks replay.
 */
import type { ActivityDeps } from '../../activities';
import type { WorkingCalendar } from '../../calendar';

export interface DateClock {
  /** The date itself when it is a working day, else the working day before it. */
  dueDate: string;
  /** The start (00:00 Asia/Shanghai) of the working day `daysBefore` working days before `dueDate`. */
  clockStartsAt: string;
  /** The end of the clock's start day: when so many working days are left (临期). */
  dueSoonAt: string;
  /** The end of `dueDate`. */
  dueAt: string;
  provisional: boolean;
}

const DAY_MS = 86_400_000;
const nextDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The working day on or before `date`. */
function workingDayOnOrBefore(calendar: WorkingCalendar, date: string): { date: string; provisional: boolean } {
  let d = date;
  let provisional = false;
  for (let i = 0; i < 60; i++) {
    const info = calendar.day(d);
    provisional ||= info.provisional;
    if (info.working) return { date: d, provisional };
    d = nextDate(d, -1);
  }
  throw new RangeError(`no working day in the 60 days up to ${date}`);
}

export function dateClock(calendar: WorkingCalendar, date: string, daysBefore: number): DateClock {
  const due = workingDayOnOrBefore(calendar, date);
  let start = due.date;
  let provisional = due.provisional;
  for (let left = daysBefore; left > 0; left--) {
    const before = workingDayOnOrBefore(calendar, nextDate(start, -1));
    start = before.date;
    provisional ||= before.provisional;
  }
  const clockStartsAt = `${start}T00:00:00+08:00`;
  const iso = (s: string) => new Date(s).toISOString();
  const soon = calendar.addWorkingDays(clockStartsAt, 0);
  const end = calendar.addWorkingDays(clockStartsAt, daysBefore);
  return {
    dueDate: due.date,
    clockStartsAt: iso(clockStartsAt),
    dueSoonAt: iso(soon.due),
    dueAt: iso(end.due),
    provisional: provisional || end.provisional,
  };
}

export function keyProjectPushActivities(deps: ActivityDeps) {
  return {
    /** When a date (a node's, a dispatch day) is due, and when a ladder `daysBefore` working days long starts. */
    async keyProjectPushDateClock(req: { date: string; daysBefore: number }): Promise<DateClock> {
      return dateClock(deps.calendar(), req.date, req.daysBefore);
    },
  };
}

export type KeyProjectPushActivities = ReturnType<typeof keyProjectPushActivities>;
