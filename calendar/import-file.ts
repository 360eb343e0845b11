/**
 * Checking a year's schedule before it is taken in (`greenlight calendar import`): the State
 * Council's notice for next year, written as an override file (calendar/data/README.md). Every
 * problem is reported with the line of the file it is on, so an operator can fix the file.
 *
 * ```ts
 * const checked = checkImport(text, calendar);
 * if (!checked.ok) checked.problems.forEach((p) => console.log(`line ${p.line}: ${p.message}`));
 * ```
 */
import type { z } from 'zod';
import { epochDay, formatCivilDate, isWeekend } from './civil-date';
import { OverrideFile } from './override-file';
import { statutoryHolidays } from './statutory-rules';
import type { WorkingCalendar } from './working-calendar';

export interface ImportProblem {
  /** 1-based line of the file the problem is on. */
  line: number;
  message: string;
}

export type CheckedImport =
  | { ok: true; file: OverrideFile; /** The year had official data: the file corrects it. */ corrects: boolean; changedDays: string[] }
  | { ok: false; problems: ImportProblem[] };

/**
 * Checks an override file's text for import. The file must be valid (override-file.ts); it must
 * give the whole year, so every holiday of Article 2 is among its days off (a day left out
 * would be worked, as the file replaces the year); and for a year that has official data
 * already it must be a correction — allowed only with `correction` — that changes something.
 */
export function checkImport(text: string, calendar: WorkingCalendar, options: { correction?: boolean } = {}): CheckedImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    return { ok: false, problems: [{ line: position ? lineAt(text, Number(position[1])) : 1, message: `not JSON: ${(error as Error).message}` }] };
  }
  const parsed = OverrideFile.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ line: lineOfPath(text, issue.path.map(String)), message: describeIssue(issue) })),
    };
  }
  const file = parsed.data;
  const problems: ImportProblem[] = [];
  for (const [date, name] of statutoryHolidays(file.year)) {
    if (date in file.holidays) continue;
    problems.push({
      line: lineOfPath(text, ['holidays']),
      message: `${date} (${name}, 全国年节及纪念日放假办法 Article 2) is not among the holidays: a file gives the whole year, so the day would be worked`,
    });
  }
  const corrects = calendar.coveredYears().includes(file.year);
  const changedDays = corrects ? changesAgainst(calendar, file) : [];
  if (corrects && !options.correction) {
    problems.push({
      line: lineOfPath(text, ['year']),
      message: `${file.year} has official data already; to correct it, import with --correction (the file then replaces the year)`,
    });
  } else if (corrects && changedDays.length === 0) {
    problems.push({ line: lineOfPath(text, ['year']), message: `the file gives ${file.year} exactly as the calendar has it already: nothing to correct` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file, corrects, changedDays };
}

/** The dates of the file's year whose working status the file changes. */
function changesAgainst(calendar: WorkingCalendar, file: OverrideFile): string[] {
  const changed: string[] = [];
  for (let day = epochDay(file.year, 1, 1); day < epochDay(file.year + 1, 1, 1); day++) {
    const date = formatCivilDate(day);
    const inFile = date in file.workdays || (!(date in file.holidays) && !isWeekend(day));
    if (inFile !== calendar.day(date).working) changed.push(date);
  }
  return changed;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function lineAt(text: string, position: number): number {
  return text.slice(0, position).split('\n').length;
}

/** The line of the key a path ends in (each key looked for after its parent's), else line 1. */
function lineOfPath(text: string, path: string[]): number {
  let from = 0;
  let found = -1;
  for (const key of path) {
    const match = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`).exec(text.slice(from));
    if (!match) break;
    found = from + match.index;
    from = found + match[0].length;
  }
  return found < 0 ? 1 : lineAt(text, found);
}
