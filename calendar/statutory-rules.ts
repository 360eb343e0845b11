/**
 * The statutory rules of 全国年节及纪念日放假办法 (as revised for 2025), for years the State
 * Council's yearly notice does not cover yet:
 * - Article 2 (第二条): the 13 public holidays of every citizen (全体公民放假的节日), fixed by date;
 * - Article 6 (第六条): "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假" — such a holiday
 *   that falls on a Saturday or Sunday is compensated (补假) on a working day: the next
 *   Monday–Friday after it that is neither a holiday nor another day's compensation.
 * The yearly notice turns these into longer breaks with adjusted working weekends (调休); until
 * it exists for a year, these days plus weekends are the best estimate.
 */
import { epochDay, formatCivilDate, isWeekend, parseCivilDate } from './civil-date';
import { lunarToGregorian } from './lunar';
import { qingming } from './qingming';

export const STATUTORY_RULE_YEARS = { first: 2000, last: 2099 } as const;

const byYear = new Map<number, ReadonlyMap<string, string>>();

/** Article 2's holidays of a Gregorian year: date (YYYY-MM-DD) → holiday name. */
export function statutoryHolidays(year: number): ReadonlyMap<string, string> {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = computeStatutoryHolidays(year);
    byYear.set(year, holidays);
  }
  return holidays;
}

function computeStatutoryHolidays(year: number): ReadonlyMap<string, string> {
  if (year < STATUTORY_RULE_YEARS.first || year > STATUTORY_RULE_YEARS.last) {
    throw new RangeError(`statutory holiday rules are implemented for ${STATUTORY_RULE_YEARS.first}–${STATUTORY_RULE_YEARS.last}, not ${year}`);
  }
  const holidays = new Map<string, string>();
  const add = (day: number, name: string) => {
    const date = formatCivilDate(day);
    const already = holidays.get(date);
    // Mid-Autumn can land on a National Day date (it does in 2028).
    holidays.set(date, already === undefined ? name : `${already} and ${name}`);
  };
  add(epochDay(year, 1, 1), "New Year's Day");
  // Lunar New Year falls between 21 January and 20 February, so its eve is in the same year.
  const lunarNewYear = lunarToGregorian(year, 1, 1);
  for (let offset = -1; offset <= 2; offset++) add(lunarNewYear + offset, 'Spring Festival');
  add(qingming(year), 'Tomb-sweeping Day');
  add(epochDay(year, 5, 1), 'Labour Day');
  add(epochDay(year, 5, 2), 'Labour Day');
  add(lunarToGregorian(year, 5, 5), 'Dragon Boat Festival');
  add(lunarToGregorian(year, 8, 15), 'Mid-autumn Festival');
  for (let day = 1; day <= 3; day++) add(epochDay(year, 10, day), 'National Day');
  return new Map([...holidays].sort(([a], [b]) => a.localeCompare(b)));
}

/** A working day given off under Article 6 for a holiday that fell on a Saturday or Sunday. */
export interface CompensationDay {
  /** The holiday compensated, e.g. "Spring Festival". */
  name: string;
  /** The Saturday or Sunday holiday it stands for (YYYY-MM-DD). */
  compensates: string;
}

const compensationByYear = new Map<number, ReadonlyMap<string, CompensationDay>>();

/**
 * Article 6's compensation days (补假) of a Gregorian year: date → the weekend holiday it stands
 * for. Holidays are taken in date order, each the first weekday after it that is free, so
 * 2027's Spring Festival Saturday 02-06 and Sunday 02-07 (02-08 being a holiday) give Tuesday
 * 02-09 and Wednesday 02-10. No holiday falls late enough in December for one to cross the year.
 */
export function compensationDays(year: number): ReadonlyMap<string, CompensationDay> {
  let days = compensationByYear.get(year);
  if (!days) {
    days = computeCompensationDays(year);
    compensationByYear.set(year, days);
  }
  return days;
}

function computeCompensationDays(year: number): ReadonlyMap<string, CompensationDay> {
  const holidays = statutoryHolidays(year);
  const days = new Map<string, CompensationDay>();
  for (const [date, name] of holidays) {
    const day = parseCivilDate(date);
    if (!isWeekend(day)) continue;
    let free = day + 1;
    while (isWeekend(free) || holidays.has(formatCivilDate(free)) || days.has(formatCivilDate(free))) free++;
    days.set(formatCivilDate(free), { name, compensates: date });
  }
  return days;
}
