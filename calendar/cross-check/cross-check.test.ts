/**
 * The calendar against an independent, maintained source: the `holidays` package on PyPI
 * (holidays.China, which implements the State Council's notices and, for later years, the
 * statutory days with their observed days, 补假). holidays-cn.json is its output, written by
 * generate-holidays-fixture.py (the version is in the file), so this test needs no Python.
 *
 * Every day of every year is compared: worked or off. Where the calendar has official data the
 * two must agree on every day; for the years it computes from the statutory rules, the days
 * they disagree on are listed below with the reason.
 */
import { WorkingCalendar } from '..';
import { epochDay, formatCivilDate, isWeekend } from '../civil-date';
import fixture from './holidays-cn.json';

const calendar = WorkingCalendar.load();
const sourceOff = new Map<string, string>();
const sourceWorked = new Map<string, string>();
for (const year of Object.values(fixture.years)) {
  Object.entries(year.holidays).forEach(([date, label]) => sourceOff.set(date, label));
  Object.entries(year.workdays).forEach(([date, label]) => sourceWorked.set(date, label));
}
const sourceYears = Object.keys(fixture.years).map(Number);

/** Every day of `year` on which the calendar and the source disagree, with what each says. */
function disagreements(year: number): string[] {
  const found: string[] = [];
  for (let day = epochDay(year, 1, 1); day < epochDay(year + 1, 1, 1); day++) {
    const date = formatCivilDate(day);
    const sourceWorking = sourceWorked.has(date) || (!sourceOff.has(date) && !isWeekend(day));
    const ours = calendar.day(date);
    if (ours.working !== sourceWorking) {
      found.push(`${date}: calendar ${ours.working ? 'worked' : 'off'} (${ours.reason}), source ${sourceWorking ? 'worked' : 'off'} (${sourceOff.get(date) ?? sourceWorked.get(date) ?? 'weekday'})`);
    }
  }
  return found;
}

/**
 * The fallback years' differences, 2027–2099. Both apply Article 2's days and Article 6's
 * compensation on the next free weekday, and their lunar and solar-term dates agree; they part
 * only where Mid-Autumn falls on a National Day date that is a Saturday or Sunday. The source
 * then counts two holidays on that day and compensates each; the calendar counts the day once,
 * as Article 6 reads ("the holiday that falls on a Saturday or Sunday", one day), and gives one
 * compensation day. The State Council's notice for such a year decides; until then the day is
 * provisional either way.
 */
const fallbackDifferences: Record<number, string[]> = {
  2039: [
    '2039-10-06: calendar worked (working day (provisional: no official data for 2039)), source off (国庆节（补假）)',
  ],
  2066: [
    '2066-10-06: calendar worked (working day (provisional: no official data for 2066)), source off (国庆节（补假）)',
  ],
};

describe(`the calendar against ${fixture.source}`, () => {
  const official = calendar.coveredYears().filter((year) => sourceYears.includes(year));
  const fallback = sourceYears.filter((year) => !calendar.coveredYears().includes(year));

  it('covers both kinds of year', () => {
    expect(official).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(fallback).toEqual(Array.from({ length: 73 }, (_, i) => 2027 + i));
  });

  it.each(official)('agrees on every day of %i, a year with official data', (year) => {
    expect(disagreements(year)).toEqual([]);
  });

  it.each(fallback)('differs on %i, a year from the statutory rules, only on the days listed', (year) => {
    expect(calendar.day(`${year}-06-01`).provisional).toBe(true);
    expect(disagreements(year)).toEqual(fallbackDifferences[year] ?? []);
  });
});
