/**
 * Times in the CLI's lines, as the workbench and the notices say them (calendar/spoken-time.ts):
 * Shanghai wall time, a deadline with what is left of it in working days. `--json` keeps UTC.
 */
import { DEFAULT_DATA_DIR, sayInstant, sayTimeLeft, WorkingCalendar } from '../calendar';

let calendar: WorkingCalendar | undefined;
const isWorkingDay = (date: string) => (calendar ??= WorkingCalendar.load({ dataDir: process.env.GREENLIGHT_CALENDAR_DIR ?? DEFAULT_DATA_DIR })).isWorkingDay(date);

/** An instant: `12月4日 周五 15:30`. */
export function saidAt(iso: string, now = new Date()): string {
  return sayInstant(iso, { now });
}

/** A deadline: `12月4日 周五 24:00（暂定） 还剩 3 个工作日`. */
export function saidDeadline(iso: string, provisional?: boolean, now = new Date()): string {
  return `${sayInstant(iso, { now })}${provisional ? '（暂定）' : ''} ${sayTimeLeft(iso, { now, isWorkingDay }).text}`;
}
