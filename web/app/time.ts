/**
 * Times in the workbench, said the one way every surface says them (calendar/spoken-time.ts):
 * Asia/Shanghai, `12月4日 周五 24:00`, and what is left of a deadline in working days of China's
 * calendar, whose exceptions (holidays, 调休) the session brings, since the browser has no calendar.
 */
import { sayInstant, sayTimeLeft, workingDaysFrom, type IsWorkingDay, type TimeLeft, type WorkingDayExceptions } from '../../calendar/spoken-time';
import { currentLanguage } from './i18n';

let isWorkingDay: IsWorkingDay = workingDaysFrom({ from: '', to: '', off: [], on: [] });

/** The session's working days; until they arrive, weekends alone. */
export function setWorkingDays(exceptions: WorkingDayExceptions | undefined): void {
  if (exceptions) isWorkingDay = workingDaysFrom(exceptions);
}

/** An instant or a deadline: `12月4日 周五 24:00`. */
export function saidAt(iso: string, now = new Date()): string {
  return sayInstant(iso, { now, lang: currentLanguage() });
}

/** What is left of a deadline, or how late: `还剩 3 个工作日`, `已超期 1 分钟`. */
export function timeLeft(iso: string, now = new Date()): TimeLeft {
  return sayTimeLeft(iso, { now, isWorkingDay, lang: currentLanguage() });
}
