import { WorkingCalendar } from '.';
import { formatCivilDate } from './civil-date';
import { lunarToGregorian } from './lunar';
import { newMoonJde, nearestNewMoon } from './new-moon';

const gregorian = (year: number, month: number, day: number) => formatCivilDate(lunarToGregorian(year, month, day));

describe('new moons', () => {
  it("reproduces Meeus's worked example 49.a (1977 February, JDE 2443192.65118)", () => {
    expect(newMoonJde(-283)).toBeCloseTo(2443192.65118, 5);
  });

  it('puts the new moon of the 2027-02-06 annular eclipse at about 15:56 UT, minutes before Beijing midnight', () => {
    const moon = nearestNewMoon(new Date('2027-02-06T00:00:00Z'));
    expect(Math.abs(moon.getTime() - Date.parse('2027-02-06T15:56:00Z'))).toBeLessThan(2 * 60_000);
  });
});

describe('lunar to Gregorian', () => {
  it.each([
    [2020, '2020-01-25'], [2021, '2021-02-12'], [2022, '2022-02-01'], [2023, '2023-01-22'], [2024, '2024-02-10'],
    [2025, '2025-01-29'], [2026, '2026-02-17'], [2027, '2027-02-06'], [2028, '2028-01-26'], [2029, '2029-02-13'],
    [2030, '2030-02-03'],
  ])('Lunar New Year %i is %s', (year, date) => {
    expect(gregorian(year, 1, 1)).toBe(date);
  });

  it('corrects ICU where its new moon lands on the wrong side of Beijing midnight (2027, 2030)', () => {
    const icu = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    // If these start to fail, ICU has improved and the correction is merely redundant.
    expect(icu.format(new Date('2027-02-06T00:00:00Z'))).toBe('12/30');
    expect(icu.format(new Date('2030-02-02T00:00:00Z'))).toBe('1/1');
    expect(gregorian(2027, 1, 1)).toBe('2027-02-06');
    expect(gregorian(2030, 1, 1)).toBe('2030-02-03');
  });

  it('counts ordinary months past a leap month', () => {
    expect(gregorian(2020, 5, 5)).toBe('2020-06-25'); // after 闰四月
    expect(gregorian(2023, 8, 15)).toBe('2023-09-29'); // after 闰二月
    expect(gregorian(2025, 8, 15)).toBe('2025-10-06'); // after 闰六月
  });

  it('finds Dragon Boat and Mid-Autumn 2027', () => {
    expect(gregorian(2027, 5, 5)).toBe('2027-06-09');
    expect(gregorian(2027, 8, 15)).toBe('2027-09-15');
  });

  it('puts every lunar festival on an official day off in the years the package covers', () => {
    const calendar = WorkingCalendar.load();
    for (let year = 2004; year <= 2026; year++) {
      const days = [1, 2, 3].map((day) => gregorian(year, 1, day));
      // Dragon Boat and Mid-Autumn became public holidays in 2008.
      if (year >= 2008) days.push(gregorian(year, 5, 5), gregorian(year, 8, 15));
      // Not "holiday:" — the package leaves out the weekend middle day of three-day breaks
      // written as two ranges (Dragon Boat 2011-06-05, 2012-06-23, 2015-06-21).
      for (const date of days) expect([date, calendar.day(date).working]).toEqual([date, false]);
    }
  });

  it('works out a whole century quickly', () => {
    const started = performance.now();
    for (let year = 2000; year <= 2099; year++) [1, 5, 8].forEach((month) => lunarToGregorian(year, month, 1));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
