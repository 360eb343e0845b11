/**
 * The `calendar` command: deadlines and days in China's working-day calendar, to check a
 * deadline by hand, and next year's schedule taken in without a release.
 *
 *   calendar due <ISO instant> <working days> [--json]
 *   calendar day <YYYY-MM-DD> [--json]
 *   calendar import <file> [--correction]
 *
 * Override files are read from (and imported into) GREENLIGHT_CALENDAR_DIR when it is set, else
 * calendar/data. Exit codes: 0 done, 1 the calendar data could not be loaded or the running
 * workflows could not be told, 2 bad usage or input (a refused file included).
 * Standalone: `npx tsx cli/calendar.ts due 2026-09-29T10:00:00+08:00 3`.
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEFAULT_DATA_DIR, WorkingCalendar, checkImport, shanghaiDate, weekdayOf } from '../calendar';
import { loadConfig } from '../contracts/config';
import { refreshProvisionalDeadlines } from './calendar-refresh';

const USAGE = [
  'usage: calendar due <ISO instant> <working days> [--json]',
  '         the end (24:00 Asia/Shanghai) of the n-th working day after the instant\'s day',
  '       calendar day <YYYY-MM-DD> [--json]',
  '         whether the date is a working day in China, and why',
  '       calendar import <file> [--correction]',
  '         takes in a year\'s schedule (format: calendar/data/README.md), then tells every',
  '         running workflow with a provisional deadline to recompute it',
  '"n working days" counts from the next working day after the instant\'s Shanghai day and',
  'ends at 24:00 Asia/Shanghai of the n-th: 3 from Tuesday 10:00 end at 24:00 Friday.',
  'Instants are printed in Asia/Shanghai time (+08:00). The instant needs an offset, e.g.',
  '2026-09-29T10:00:00+08:00 or 2026-09-29T02:00:00Z; a bare YYYY-MM-DD means that day in',
  'Asia/Shanghai. Override files come from GREENLIGHT_CALENDAR_DIR (default calendar/data).',
  'A year without official data follows the statutory rules and is marked provisional.',
];

/** Where imported files go, and how running workflows are told (Temporal, or a test's stand-in). */
export interface ImportTarget {
  dataDir: string;
  refresh: (out: (line: string) => void) => Promise<number>;
}

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
  const flag = operands.find((arg) => arg.startsWith('--') && !(subcommand === 'import' && arg === '--correction'));
  if (flag) return usageError(`unknown option ${flag}`);
  const dataDir = process.env.GREENLIGHT_CALENDAR_DIR || DEFAULT_DATA_DIR;

  if (subcommand === 'import') {
    const files = operands.filter((arg) => arg !== '--correction');
    if (files.length !== 1) return usageError('import takes one file');
    return importCalendarFile(files[0], { correction: operands.includes('--correction') }, { dataDir, refresh: refreshThroughTemporal }, out);
  }

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
    calendar = WorkingCalendar.load({ dataDir });
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

/** The largest schedule file taken: a year's holidays and adjusted days are a few KiB. */
export const MAX_IMPORT_BYTES = 64 * 1024;

/** A file's text, read no further than `max` bytes (a device or a pipe may never end): undefined when it holds more. */
function readBounded(path: string, max: number): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    return length > max ? undefined : buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks a schedule file (calendar/import-file.ts), writes it as <year>.json in the data
 * directory — through a temporary name, so a worker reloading the directory never reads half a
 * file — and tells every running workflow with a provisional deadline to recompute.
 */
export async function importCalendarFile(path: string, options: { correction?: boolean }, target: ImportTarget, out: (line: string) => void): Promise<number> {
  let text: string;
  let calendar: WorkingCalendar;
  try {
    const read = readBounded(path, MAX_IMPORT_BYTES);
    if (read === undefined) {
      out(`error: ${path} is refused: larger than ${MAX_IMPORT_BYTES / 1024} KiB (a year's schedule is about 2 KiB); nothing was written`);
      return 2;
    }
    text = read;
  } catch (error) {
    out(`error: cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  try {
    calendar = WorkingCalendar.load({ dataDir: target.dataDir });
  } catch (error) {
    out(`error: ${(error as Error).message}`);
    return 1;
  }
  const checked = checkImport(text, calendar, options);
  if (!checked.ok) {
    out(`error: ${path} is refused; nothing was written`);
    checked.problems.forEach((p) => out(`${path}:${p.line}: ${p.message}`));
    return 2;
  }
  const { file } = checked;
  const destination = join(target.dataDir, `${file.year}.json`);
  let previous: string | undefined;
  try {
    previous = readFileSync(destination, 'utf8');
  } catch {
    previous = undefined;
  }
  const temporary = join(target.dataDir, `.${file.year}.json.importing`);
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(temporary, destination);
  try {
    WorkingCalendar.load({ dataDir: target.dataDir });
  } catch (error) {
    if (previous === undefined) rmSync(destination);
    else writeFileSync(destination, previous);
    out(`error: ${(error as Error).message}; ${destination} was put back as it was`);
    return 2;
  }
  const holidays = Object.keys(file.holidays).length;
  const workdays = Object.keys(file.workdays).length;
  out(`imported ${file.year} into ${destination}: ${holidays} holiday(s), ${workdays} adjusted working day(s)${checked.corrects ? `, correcting ${checked.changedDays.join(', ')}` : ''}`);
  try {
    await target.refresh(out);
  } catch (error) {
    out(`error: the running workflows could not be told (${(error as Error).message}); the file is in place: run \`greenlight calendar refresh\` once Temporal answers`);
    return 1;
  }
  return 0;
}

async function refreshThroughTemporal(out: (line: string) => void): Promise<number> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    return await refreshProvisionalDeadlines(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), out);
  } finally {
    await connection.close();
  }
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
