import { WorkingCalendar } from '.';
import { sayInstant, sayTimeLeft, workingDayExceptions, workingDaysFrom } from './spoken-time';

const calendar = WorkingCalendar.load();
const { isWorkingDay } = calendar;
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const left = (due: string, now: string, lang?: 'zh' | 'en') => sayTimeLeft(at(due), { now: at(now), isWorkingDay, lang }).text;

describe('sayInstant: Shanghai date, weekday and time, the year only when it is not the reader\'s', () => {
  const now = at('2026-12-01T10:00:00');
  it('tells a deadline at 00:00 as 24:00 of the day it ends, never 下班前', () => {
    expect(sayInstant('2026-12-04T16:00:00.000Z', { now })).toBe('12月4日 周五 24:00');
    expect(sayInstant(at('2027-01-01T00:00:00'), { now })).toBe('12月31日 周四 24:00');
  });
  it('tells any other instant in Shanghai wall time, whatever the host\'s zone', () => {
    expect(sayInstant('2026-12-01T01:30:00Z', { now })).toBe('12月1日 周二 09:30');
    expect(sayInstant(at('2026-12-31T23:59:00'), { now })).toBe('12月31日 周四 23:59');
    expect(sayInstant(at('2026-12-05T00:00:30'), { now })).toBe('12月5日 周六 00:00');
  });
  it('says the year when it is not the reader\'s', () => {
    expect(sayInstant('2027-02-05T16:00:00.000Z', { now })).toBe('2027年2月5日 周五 24:00');
    expect(sayInstant('2026-12-04T16:00:00.000Z', { now: at('2027-01-04T09:00:00') })).toBe('2026年12月4日 周五 24:00');
  });
  it('in English too', () => {
    expect(sayInstant('2026-12-04T16:00:00.000Z', { now, lang: 'en' })).toBe('Fri 4 Dec, 24:00');
    expect(sayInstant('2027-02-05T01:05:00.000Z', { now, lang: 'en' })).toBe('Fri 5 Feb 2027, 09:05');
  });
});

describe('sayTimeLeft: what is left of a deadline, or how late, in working days of China\'s calendar', () => {
  it('counts the working days wholly ahead, as the limit was given', () => {
    // Three working days from Tuesday 10:00: the end of Friday.
    expect(left('2026-12-05T00:00:00', '2026-12-01T10:00:00')).toBe('还剩 3 个工作日');
    // Over a weekend: Friday to the end of Tuesday is Monday and Tuesday.
    expect(left('2026-12-09T00:00:00', '2026-12-04T10:00:00')).toBe('还剩 2 个工作日');
    // Over National Day 2026 (10-01..10-07 off): from 09-29, 09-30, 10-08 and 10-09 remain.
    expect(left('2026-10-10T00:00:00', '2026-09-29T10:00:00')).toBe('还剩 3 个工作日');
    // Saturday 10-10 is an adjusted working day (调休).
    expect(left('2026-10-11T00:00:00', '2026-10-09T10:00:00')).toBe('还剩 1 个工作日');
  });

  it('agrees with the calendar that computed the deadline: n working days from any start leave n', () => {
    for (const from of ['2026-09-25T10:00:00', '2026-09-29T23:59:00', '2026-10-03T08:00:00', '2026-12-04T17:30:00', '2027-02-05T09:00:00']) {
      for (const n of [1, 3, 5]) {
        const { due } = calendar.addWorkingDays(at(from), n);
        expect(sayTimeLeft(due, { now: at(from), isWorkingDay })).toMatchObject({ overdue: false, workingDays: n });
      }
    }
  });

  it('tells the plain time, rounded down, on the deadline\'s own day', () => {
    expect(left('2026-12-05T00:00:00', '2026-12-04T09:40:00')).toBe('还剩 14 小时');
    expect(left('2026-12-04T10:20:00', '2026-12-04T10:00:00')).toBe('还剩 20 分钟');
    expect(left('2026-12-04T10:00:30', '2026-12-04T10:00:00')).toBe('还剩不到 1 分钟');
  });

  it('is late by a minute a minute after, not by an hour', () => {
    expect(left('2026-12-05T00:00:00', '2026-12-05T00:01:00')).toBe('已超期 1 分钟');
    expect(left('2026-12-05T00:00:00', '2026-12-05T00:00:10')).toBe('已超期不到 1 分钟');
    expect(left('2026-12-05T00:00:00', '2026-12-05T03:59:00')).toBe('已超期 3 小时');
  });

  it('counts a working day late once one has passed: a weekend or a holiday after the deadline is plain time', () => {
    // Due at the end of Friday 12-04: Saturday and Sunday are no working day late.
    expect(left('2026-12-05T00:00:00', '2026-12-07T09:00:00')).toBe('已超期 2 天 9 小时');
    expect(left('2026-12-05T00:00:00', '2026-12-08T09:00:00')).toBe('已超期 1 个工作日');
    // Due at the end of 09-30, before National Day: a week later nothing working has passed.
    expect(left('2026-10-01T00:00:00', '2026-10-08T10:00:00')).toBe('已超期 7 天 10 小时');
    expect(left('2026-10-01T00:00:00', '2026-10-09T10:00:00')).toBe('已超期 1 个工作日');
    // 10-08, 10-09 and Saturday 10-10 (调休) have passed by Sunday.
    expect(sayTimeLeft(at('2026-10-01T00:00:00'), { now: at('2026-10-11T10:00:00'), isWorkingDay })).toEqual({ overdue: true, workingDays: 3, text: '已超期 3 个工作日' });
  });

  it('in English too', () => {
    expect(left('2026-12-05T00:00:00', '2026-12-01T10:00:00', 'en')).toBe('3 working days left');
    expect(left('2026-12-05T00:00:00', '2026-12-05T00:01:00', 'en')).toBe('1 min overdue');
    expect(left('2026-12-05T00:00:00', '2026-12-08T09:00:00', 'en')).toBe('1 working day overdue');
  });
});

test('a client without the calendar answers exactly from the span\'s exceptions', () => {
  const span = workingDayExceptions(isWorkingDay, '2026-09-01', '2026-10-31');
  expect(span.on).toEqual(['2026-09-20', '2026-10-10']);
  expect(span.off).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']));
  const client = workingDaysFrom(span);
  for (let d = new Date('2026-09-01T00:00:00Z'); d <= new Date('2026-10-31T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    expect([date, client(date)]).toEqual([date, isWorkingDay(date)]);
  }
});
