import { readFileSync } from 'node:fs';
import { formatCivilDate, weekdayOf } from './civil-date';
import { qingming } from './qingming';
import { compensationDays, statutoryHolidays } from './statutory-rules';

const packageTable = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as {
  holidays: Record<string, string>;
};

describe('Qingming', () => {
  it.each([
    [2008, '2008-04-04'], [2015, '2015-04-05'], [2019, '2019-04-05'], [2020, '2020-04-04'], [2024, '2024-04-04'],
    [2025, '2025-04-04'], [2026, '2026-04-05'], [2027, '2027-04-05'], [2028, '2028-04-04'],
  ])('%i is on %s', (year, date) => {
    expect(formatCivilDate(qingming(year))).toBe(date);
  });

  it('falls on an official Tomb-sweeping holiday in every year the package has one (2008–2026)', () => {
    for (let year = 2008; year <= 2026; year++) {
      expect(packageTable.holidays[formatCivilDate(qingming(year))]).toMatch(/^Tomb-sweeping Day,/);
    }
  });

  it('refuses years outside the formula constant', () => {
    expect(() => qingming(2100)).toThrow(RangeError);
  });
});

describe('statutory holidays', () => {
  it('lists the 13 days of 2027', () => {
    expect(Object.fromEntries(statutoryHolidays(2027))).toEqual({
      '2027-01-01': "New Year's Day",
      '2027-02-05': 'Spring Festival', // eve (除夕)
      '2027-02-06': 'Spring Festival', // 正月初一
      '2027-02-07': 'Spring Festival',
      '2027-02-08': 'Spring Festival',
      '2027-04-05': 'Tomb-sweeping Day',
      '2027-05-01': 'Labour Day',
      '2027-05-02': 'Labour Day',
      '2027-06-09': 'Dragon Boat Festival',
      '2027-09-15': 'Mid-autumn Festival',
      '2027-10-01': 'National Day',
      '2027-10-02': 'National Day',
      '2027-10-03': 'National Day',
    });
  });

  it('names a day that is two holidays by both (Mid-Autumn 2028 is on 10-03)', () => {
    expect(statutoryHolidays(2028).get('2028-10-03')).toBe('Mid-autumn Festival and National Day');
    expect(statutoryHolidays(2028).size).toBe(12);
  });

  it.each([2025, 2026])('reproduces days the official %i arrangement gives off (rules as revised for 2025)', (year) => {
    for (const [date, name] of statutoryHolidays(year)) {
      expect([date, packageTable.holidays[date]?.split(',')[0]]).toEqual([date, name]);
    }
  });
});

describe('Article 6: a holiday on a Saturday or Sunday is compensated on a working day (补假)', () => {
  it('gives 2027 six compensation days: Spring Festival, Labour Day and National Day', () => {
    expect(Object.fromEntries(compensationDays(2027))).toEqual({
      // 除夕 Fri 02-05 .. 初三 Mon 02-08: Saturday and Sunday inside, Monday itself a holiday.
      '2027-02-09': { name: 'Spring Festival', compensates: '2027-02-06' },
      '2027-02-10': { name: 'Spring Festival', compensates: '2027-02-07' },
      '2027-05-03': { name: 'Labour Day', compensates: '2027-05-01' },
      '2027-05-04': { name: 'Labour Day', compensates: '2027-05-02' },
      '2027-10-04': { name: 'National Day', compensates: '2027-10-02' },
      '2027-10-05': { name: 'National Day', compensates: '2027-10-03' },
    });
  });

  it("compensates New Year's Day on a Saturday on the Monday (2028)", () => {
    expect(compensationDays(2028).get('2028-01-03')).toEqual({ name: "New Year's Day", compensates: '2028-01-01' });
  });

  it('compensates only weekend holidays, each on a distinct weekday that is no holiday', () => {
    for (let year = 2027; year <= 2099; year++) {
      const holidays = statutoryHolidays(year);
      const days = compensationDays(year);
      const weekendHolidays = [...holidays.keys()].filter((date) => ['Saturday', 'Sunday'].includes(weekdayOf(date)));
      expect([...days.values()].map((d) => d.compensates).sort()).toEqual(weekendHolidays);
      for (const [date, { compensates }] of days) {
        expect([date, weekdayOf(date)]).not.toEqual([date, expect.stringMatching(/^S/)]);
        expect(holidays.has(date)).toBe(false);
        expect(date > compensates && date.slice(0, 4) === String(year)).toBe(true);
      }
    }
  });
});
