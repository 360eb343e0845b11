/**
 * China's working-day calendar on Asia/Shanghai days: official arrangements where they exist,
 * the statutory rules (flagged provisional) where they do not yet — Article 2's holidays and
 * Article 6's compensation days (see statutory-rules.ts).
 */
import { join } from 'node:path';
import { formatCivilDate, isWeekend, parseCivilDate, weekdayOf, yearOf, type EpochDay } from './civil-date';
import { parseIsoDuration } from './iso-duration';
import { loadOfficialYears, type OfficialYear } from './official-data';
import { formatShanghai, parseInstant, shanghaiDay, startOfShanghaiDay } from './shanghai-time';
import { STATUTORY_RULE_YEARS, compensationDays, statutoryHolidays } from './statutory-rules';

/** A deadline. `due` is ISO-8601 with +08:00; the end of a day D is written as 00:00 of D+1. */
export interface DueInstant {
  due: string;
  /** Some day it depends on lies in a year without official data, so it may still move. */
  provisional: boolean;
}

export interface DayInfo {
  date: string;
  working: boolean;
  reason: string;
  provisional: boolean;
  /** The holiday a holiday or adjusted working day belongs to. */
  name?: string;
}

/** Where a working day's two halves begin, in minutes after 00:00 Asia/Shanghai: 09:00 and 14:00. */
export const HALF_DAY_STARTS: readonly number[] = [9 * 60, 14 * 60];

/** The calendar folder's own data directory, where override files go by default. */
export const DEFAULT_DATA_DIR = join(__dirname, 'data');

export class WorkingCalendar {
  private constructor(private readonly official: ReadonlyMap<number, OfficialYear>) {}

  /**
   * Reads the package's data and the override files of `dataDir` (default calendar/data).
   * Reads the directory on every call: load once and keep the instance.
   */
  static load(options: { dataDir?: string } = {}): WorkingCalendar {
    return new WorkingCalendar(loadOfficialYears(options.dataDir ?? DEFAULT_DATA_DIR));
  }

  /** Whether a date (YYYY-MM-DD) is a working day in China, and why. */
  day(date: string): DayInfo {
    return this.dayInfo(parseCivilDate(date));
  }

  /** Whether a date (YYYY-MM-DD) is a working day: what `sayTimeLeft` counts with (bound, to be passed as it is). */
  readonly isWorkingDay = (date: string): boolean => this.dayInfo(parseCivilDate(date)).working;

  /**
   * The end (24:00 Asia/Shanghai) of the n-th working day after the Shanghai day of `from`;
   * n = 0 is the end of that day itself. Provisional when any day after that one, up to the
   * due day, lies in a year without official data.
   */
  addWorkingDays(from: Date | string, n: number): DueInstant {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
    let day = shanghaiDay(parseInstant(from));
    let provisional = false;
    for (let counted = 0; counted < n;) {
      day += 1;
      const info = this.dayInfo(day);
      provisional ||= info.provisional;
      if (info.working) counted += 1;
    }
    return { due: formatShanghai(startOfShanghaiDay(day + 1)), provisional };
  }

  /** Plain elapsed time after `from`, e.g. PT10S, P2D, PT1H30M; holidays play no part. */
  addDuration(from: Date | string, isoDuration: string): DueInstant {
    const due = new Date(parseInstant(from).getTime() + parseIsoDuration(isoDuration));
    if (Number.isNaN(due.getTime())) throw new RangeError(`${isoDuration} after ${String(from)} is beyond the range of dates`);
    return { due: formatShanghai(due), provisional: false };
  }

  /**
   * The start of the next half working day strictly after `from`: a working day's halves begin
   * at 09:00 and 14:00 Asia/Shanghai (HALF_DAY_STARTS); an evening, a weekend or a holiday
   * belongs to the half before it. What "at most once per half working day" waits for (催办).
   */
  nextHalfWorkingDay(from: Date | string): DueInstant {
    const at = parseInstant(from).getTime();
    let day = shanghaiDay(parseInstant(from));
    let provisional = false;
    for (let scanned = 0; scanned < 400; scanned += 1, day += 1) {
      const info = this.dayInfo(day);
      provisional ||= info.provisional;
      if (!info.working) continue;
      const start = startOfShanghaiDay(day).getTime();
      const next = HALF_DAY_STARTS.map((m) => start + m * 60_000).find((t) => t > at);
      if (next !== undefined) return { due: formatShanghai(new Date(next)), provisional };
    }
    throw new RangeError(`no working day within 400 days after ${String(from)}`);
  }

  /** Years with official data, from the package or an override file, ascending. */
  coveredYears(): number[] {
    return [...this.official.keys()].sort((a, b) => a - b);
  }

  private dayInfo(day: EpochDay): DayInfo {
    const date = formatCivilDate(day);
    const year = yearOf(day);
    const official = this.official.get(year);
    if (official) {
      const workday = official.workdays.get(date);
      if (workday !== undefined) return { date, working: true, reason: `adjusted working day (调休): ${workday}`, provisional: false, name: workday };
      const holiday = official.holidays.get(date);
      if (holiday !== undefined) return { date, working: false, reason: `holiday: ${holiday}`, provisional: false, name: holiday };
      return isWeekend(day)
        ? { date, working: false, reason: 'weekend', provisional: false }
        : { date, working: true, reason: 'working day', provisional: false };
    }
    if (year < STATUTORY_RULE_YEARS.first || year > STATUTORY_RULE_YEARS.last) {
      throw new RangeError(`${date}: no official data for ${year}, and the statutory rules cover only ${STATUTORY_RULE_YEARS.first}–${STATUTORY_RULE_YEARS.last}`);
    }
    const holiday = statutoryHolidays(year).get(date);
    if (holiday !== undefined) {
      return { date, working: false, reason: `holiday (provisional, statutory rule): ${holiday}`, provisional: true, name: holiday };
    }
    const compensation = compensationDays(year).get(date);
    if (compensation !== undefined) {
      const { name, compensates } = compensation;
      const reason = `holiday (provisional, statutory rule): ${name}, compensation (补假) for ${weekdayOf(compensates)} ${compensates}`;
      return { date, working: false, reason, provisional: true, name };
    }
    const why = `provisional: no official data for ${year}`;
    return isWeekend(day)
      ? { date, working: false, reason: `weekend (${why})`, provisional: true }
      : { date, working: true, reason: `working day (${why})`, provisional: true };
  }
}
