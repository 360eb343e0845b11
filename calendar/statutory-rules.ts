/**
 * The statutory public holidays fixed by date in the national rules (全国年节及纪念日放假办法,
 * as revised for 2025): 13 days a year. The State Council's yearly notice turns them into
 * longer breaks with adjusted working weekends (调休); until that notice exists for a year,
 * these days plus weekends are the best estimate.
 */
import { epochDay, formatCivilDate } from './civil-date';
import { lunarToGregorian } from './lunar';
import { qingming } from './qingming';

export const STATUTORY_RULE_YEARS = { first: 2000, last: 2099 } as const;

const byYear = new Map<number, ReadonlyMap<string, string>>();

/** Statutory holidays of a Gregorian year: date (YYYY-MM-DD) → holiday name. */
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
