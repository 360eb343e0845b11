/**
 * China's working-day calendar (Asia/Shanghai) for deadlines: "N working days" per the State
 * Council's holiday arrangements, with adjusted working weekends (调休). Years without an
 * official arrangement yet fall back to the statutory holidays and are flagged provisional.
 * For activities and tools on Node — it reads files and uses ICU — never for workflow code.
 *
 * ```ts
 * import { WorkingCalendar } from '../calendar';
 * const calendar = WorkingCalendar.load();            // or { dataDir } for override files
 * calendar.addWorkingDays('2026-09-29T10:00:00+08:00', 3);
 * //   → { due: '2026-10-10T00:00:00+08:00', provisional: false }  (end of Friday 10-09)
 * calendar.addDuration('2026-09-29T10:00:00+08:00', 'PT1H30M');
 * //   → { due: '2026-09-29T11:30:00+08:00', provisional: false }
 * calendar.day('2026-10-10');
 * //   → { date: '2026-10-10', working: true, reason: 'adjusted working day (调休): National Day', ... }
 * ```
 *
 * Override files (calendar/data/*.json, see calendar/data/README.md) add or replace a year;
 * `checkImport` checks one before `greenlight calendar import` takes it in.
 */
export { DEFAULT_DATA_DIR, HALF_DAY_STARTS, WorkingCalendar, type DayInfo, type DueInstant } from './working-calendar';
export { calendarSource } from './calendar-source';
export { sayInstant, sayTimeLeft, workingDayExceptions, workingDaysFrom, type IsWorkingDay, type TimeLeft, type WorkingDayExceptions } from './spoken-time';
export { checkImport, type CheckedImport, type ImportProblem } from './import-file';
export { formatShanghai, shanghaiDate } from './shanghai-time';
export { weekdayOf } from './civil-date';
