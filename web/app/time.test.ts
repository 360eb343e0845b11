import { WorkingCalendar, workingDayExceptions } from '../../calendar';
import { saidAt, setWorkingDays, timeLeft } from './time';

const now = new Date('2026-09-29T10:00:00+08:00');

test('the workbench says a deadline at 24:00 as 24:00, never 下班前', () => {
  expect(saidAt('2026-10-09T16:00:00.000Z', now)).toBe('10月9日 周五 24:00');
});

test("the countdown counts the session's working days: over National Day, three working days are three", () => {
  // Before the session's calendar: weekends alone, so the holiday's weekdays would count.
  expect(timeLeft('2026-10-09T16:00:00.000Z', now).text).toBe('还剩 8 个工作日');
  setWorkingDays(workingDayExceptions(WorkingCalendar.load().isWorkingDay, '2026-01-01', '2026-12-31'));
  expect(timeLeft('2026-10-09T16:00:00.000Z', now).text).toBe('还剩 3 个工作日');
  expect(timeLeft('2026-09-30T16:00:00.000Z', new Date('2026-10-08T10:00:00+08:00')).text).toBe('已超期 7 天 10 小时');
});
