/**
 * Calendar dates without a time or a zone, as whole days since 1970-01-01 ("epoch days").
 * All arithmetic goes through Date.UTC so the host's time zone can never shift a date.
 */

const MS_PER_DAY = 86_400_000;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export type EpochDay = number;

export function epochDay(year: number, month: number, day: number): EpochDay {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Parses a strict `YYYY-MM-DD`; rejects impossible dates such as 2026-02-30. */
export function parseCivilDate(text: string): EpochDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a date in YYYY-MM-DD form: ${JSON.stringify(text)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const result = epochDay(year, month, day);
  if (month < 1 || month > 12 || formatCivilDate(result) !== text) {
    throw new RangeError(`no such date: ${text}`);
  }
  return result;
}

export function formatCivilDate(day: EpochDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: EpochDay): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function isWeekend(day: EpochDay): boolean {
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The English weekday name of a YYYY-MM-DD date, e.g. "Friday". */
export function weekdayOf(date: string): string {
  return WEEKDAY_NAMES[new Date(parseCivilDate(date) * MS_PER_DAY).getUTCDay()];
}

export function epochDayToMs(day: EpochDay): number {
  return day * MS_PER_DAY;
}

export function msToEpochDay(ms: number): EpochDay {
  return Math.floor(ms / MS_PER_DAY);
}
