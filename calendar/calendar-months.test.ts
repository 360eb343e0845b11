import { WorkingCalendar } from './working-calendar';
import { parseCivilDate, formatCivilDate } from './civil-date';
import { addCalendarMonths, sameDayMonthsLater } from './calendar-months';

const calendar = WorkingCalendar.load();
const later = (date: string, months: number) => formatCivilDate(sameDayMonthsLater(parseCivilDate(date), months));

describe('periods in calendar months', () => {
  test('end on the same day number, or on the last day of a shorter month', () => {
    expect(later('2026-03-15', 3)).toBe('2026-06-15');
    expect(later('2026-11-30', 3)).toBe('2027-02-28');
    expect(later('2027-11-30', 3)).toBe('2028-02-29');
    expect(later('2026-12-31', 1)).toBe('2027-01-31');
    expect(later('2026-10-31', 2)).toBe('2026-12-31');
  });

  test('end at 24:00 of a working last day', () => {
    expect(addCalendarMonths(calendar, '2026-03-16T10:00:00+08:00', 3)).toEqual({ due: '2026-06-17T00:00:00+08:00', provisional: false });
  });

  test('a last day in National Day 2026 moves to the end of the next working day, Thursday 10-08', () => {
    expect(addCalendarMonths(calendar, '2026-07-03T09:00:00+08:00', 3)).toEqual({ due: '2026-10-09T00:00:00+08:00', provisional: false });
  });

  test('a last day in a year without official data is provisional', () => {
    expect(addCalendarMonths(calendar, '2026-11-06T10:00:00+08:00', 3).provisional).toBe(true);
  });
});
