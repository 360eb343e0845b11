/**
 * The `calendar` command: deadlines and days in China's working-day calendar, to check a
 * deadline by hand or a new override file before deploying it.
 *
 *   calendar due <ISO instant> <working days> [--json]
 *   calendar day <YYYY-MM-DD> [--json]
 *
 * Override files are read from GREENLIGHT_CALENDAR_DIR when it is set, else calendar/data.
 * Exit codes: 0 done, 1 the calendar data could not be loaded, 2 bad usage or input.
 * Standalone: `npx tsx cli/calendar.ts due 2026-09-29T10:00:00+08:00 3`.
 */
import { WorkingCalendar, shanghaiDate, weekdayOf } from '../calendar';

const USAGE = [
  'usage: calendar due <ISO instant> <working days> [--json]',
  '         the end (24:00 Asia/Shanghai) of the n-th working day after the instant\'s day',
  '       calendar day <YYYY-MM-DD> [--json]',
  '         whether the date is a working day in China, and why',
  'The instant needs an offset, e.g. 2026-09-29T10:00:00+08:00 or 2026-09-29T02:00:00Z;',
  'a bare YYYY-MM-DD means that day in Asia/Shanghai. Override files come from',
  'GREENLIGHT_CALENDAR_DIR (default calendar/data).',
];

export async function calendarCommand(args: string[], out: (line: string) => void): Promise<number> {
  const usageError = (message: string) => {
    out(`error: ${message}`);
    USAGE.forEach((line) => out(line));
    return 2;
  };
  const json = args.includes('--json');
  const [subcommand, ...operands] = args.filter((arg) => arg !== '--json');
  if (subcommand === 'help' || subcommand === '--help' || subcommand === '-h') {
    USAGE.forEach((line) => out(line));
    return 0;
  }
  if (subcommand === undefined) return usageError('no subcommand');
  const flag = operands.find((arg) => arg.startsWith('--'));
  if (flag) return usageError(`unknown option ${flag}`);

  let run: (calendar: WorkingCalendar) => void;
  if (subcommand === 'due') {
    if (operands.length !== 2) return usageError('due takes an instant and a number of working days');
    const [from, days] = operands;
    if (!/^\d+$/.test(days)) return usageError(`working days must be a whole number ≥ 0, not ${JSON.stringify(days)}`);
    run = (calendar) => printDue(calendar.addWorkingDays(from, Number(days)), json, out);
  } else if (subcommand === 'day') {
    if (operands.length !== 1) return usageError('day takes one date, YYYY-MM-DD');
    run = (calendar) => printDay(calendar.day(operands[0]), json, out);
  } else {
    return usageError(`unknown subcommand ${JSON.stringify(subcommand)}`);
  }

  let calendar: WorkingCalendar;
  try {
    calendar = WorkingCalendar.load({ dataDir: process.env.GREENLIGHT_CALENDAR_DIR || undefined });
  } catch (error) {
    out(`error: ${(error as Error).message}`);
    return 1;
  }
  try {
    run(calendar);
  } catch (error) {
    out(`error: ${(error as Error).message}`);
    return 2;
  }
  return 0;
}

function printDue(due: ReturnType<WorkingCalendar['addWorkingDays']>, json: boolean, out: (line: string) => void): void {
  if (json) {
    out(JSON.stringify({ due: due.due, provisional: due.provisional }));
    return;
  }
  // `due` is 00:00 of the next day; the last day is the one a millisecond earlier.
  const lastDay = shanghaiDate(new Date(Date.parse(due.due) - 1));
  out(`due ${due.due} (end of ${weekdayOf(lastDay)} ${lastDay}, Asia/Shanghai)`);
  out(`provisional: ${due.provisional ? 'yes — a day it counts has no official holiday arrangement yet' : 'no'}`);
}

function printDay(day: ReturnType<WorkingCalendar['day']>, json: boolean, out: (line: string) => void): void {
  if (json) {
    out(JSON.stringify(day));
    return;
  }
  out(`${day.date} ${weekdayOf(day.date)}: ${day.working ? 'working day' : 'day off'} — ${day.reason}`);
  out(`provisional: ${day.provisional ? 'yes' : 'no'}`);
}

if (require.main === module) {
  void calendarCommand(process.argv.slice(2), (line) => console.log(line)).then((code) => {
    process.exitCode = code;
  });
}
