import { WorkingCalendar } from '../calendar';
import { firstWorkingDayOfMonth, planScheduledReport } from './scheduled';

const calendar = WorkingCalendar.load();
const isWorkingDay = (d: string) => calendar.day(d).working;
const fired = (shanghai: string) => new Date(`${shanghai}+08:00`);

test('the monthly 通报 waits for the first working day of the month, as China counts it', () => {
  expect(firstWorkingDayOfMonth(fired('2026-10-01T00:05:00'), isWorkingDay)).toBe('2026-10-08'); // National Day, 1–7 October
  expect(firstWorkingDayOfMonth(fired('2026-05-01T00:05:00'), isWorkingDay)).toBe('2026-05-06'); // Labour Day, 1–5 May
  expect(firstWorkingDayOfMonth(fired('2026-08-01T00:05:00'), isWorkingDay)).toBe('2026-08-03'); // the 1st a Saturday
  expect(firstWorkingDayOfMonth(fired('2026-12-01T00:05:00'), isWorkingDay)).toBe('2026-12-01');
  expect(planScheduledReport('month', fired('2026-10-01T00:05:00'), isWorkingDay))
    .toEqual({ kind: 'month', key: '2026-09', sendAt: '2026-10-08T00:30:00.000Z' });
  expect(planScheduledReport('month', fired('2026-01-01T00:05:00'), isWorkingDay, { hour: 9, minute: 0 }))
    .toEqual({ kind: 'month', key: '2025-12', sendAt: '2026-01-04T01:00:00.000Z' }); // Sunday 4 January, an adjusted working day (调休)
});

test('a schedule that fires late (a worker down over the day) sends at once', () => {
  expect(planScheduledReport('month', fired('2026-10-12T10:00:00'), isWorkingDay).sendAt).toBe(fired('2026-10-12T10:00:00').toISOString());
});

test('the weekly dispatch reports the ISO week that ended the Sunday before, at once', () => {
  expect(planScheduledReport('week', fired('2026-11-16T08:30:00'), isWorkingDay))
    .toEqual({ kind: 'week', key: '2026-W46', sendAt: fired('2026-11-16T08:30:00').toISOString() });
  expect(planScheduledReport('week', fired('2027-01-04T08:30:00'), isWorkingDay).key).toBe('2026-W53');
});
