import { countdown, sayDeadline, sayInstant } from './time';

const now = new Date('2026-12-01T02:00:00Z');

test('a deadline at 24:00 in Shanghai is the end of that working day, said as people say it', () => {
  expect(sayDeadline('2026-12-04T16:00:00.000Z', now)).toBe('12月4日 周五 下班前');
  expect(sayDeadline('2026-12-04T07:30:00.000Z', now)).toBe('12月4日 周五 15:30');
  expect(sayDeadline('2027-02-05T16:00:00.000Z', now)).toBe('2027年2月5日 周五 下班前');
  expect(sayDeadline('2026-12-04T16:00:00.000Z', now, 'en')).toBe('Fri 4 Dec, end of day');
  expect(sayInstant('2026-12-01T01:30:00.000Z', now)).toBe('12月1日 周二 09:30');
});

test('the countdown is in days from a day on, else hours, and says overdue', () => {
  expect(countdown('2026-12-04T16:00:00.000Z', now)).toEqual({ overdue: false, unit: 'days', n: 3 });
  expect(countdown('2026-12-01T05:10:00.000Z', now)).toEqual({ overdue: false, unit: 'hours', n: 4 });
  expect(countdown('2026-11-28T16:00:00.000Z', now)).toEqual({ overdue: true, unit: 'days', n: 2 });
});
