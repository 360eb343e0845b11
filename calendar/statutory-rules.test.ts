import { readFileSync } from 'node:fs';
import { formatCivilDate } from './civil-date';
import { qingming } from './qingming';
import { statutoryHolidays } from './statutory-rules';

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
