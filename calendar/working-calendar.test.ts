import { WorkingCalendar, formatShanghai } from '.';

const calendar = WorkingCalendar.load();
const due = (from: Date | string, n: number) => calendar.addWorkingDays(from, n);

describe('addWorkingDays: the end of the n-th working day after the Shanghai day of an instant', () => {
  it('skips the National Day break of 2026 (10-01..10-07 off, 10-08 back at work)', () => {
    for (const time of ['00:00:00', '10:00:00', '23:59:59']) {
      expect(due(`2026-09-29T${time}+08:00`, 3)).toEqual({ due: '2026-10-10T00:00:00+08:00', provisional: false });
    }
  });

  it('counts Saturday 2026-10-10, an adjusted working day (调休)', () => {
    expect(due('2026-10-08T09:00:00+08:00', 3).due).toBe('2026-10-13T00:00:00+08:00'); // end of Monday 10-12
    expect(due('2026-10-08T09:00:00+08:00', 2).due).toBe('2026-10-11T00:00:00+08:00'); // end of Saturday 10-10
  });

  it('starts after Mid-Autumn 2026 (09-25..09-27 off; Sunday 09-27 is a holiday, not a working day)', () => {
    const from = '2026-09-25T10:00:00+08:00';
    expect(due(from, 1).due).toBe('2026-09-29T00:00:00+08:00'); // end of Monday 09-28
    expect(due(from, 2).due).toBe('2026-09-30T00:00:00+08:00'); // end of Tuesday 09-29
    expect(due(from, 3).due).toBe('2026-10-01T00:00:00+08:00'); // end of Wednesday 09-30
    expect(due(from, 4).due).toBe('2026-10-09T00:00:00+08:00'); // end of Thursday 10-08
  });

  it('counts Sunday 2026-09-20, the other National Day adjusted working day', () => {
    expect(due('2026-09-18T12:00:00+08:00', 1).due).toBe('2026-09-21T00:00:00+08:00'); // end of Sunday 09-20
  });

  it('takes n = 0 as the end of the same day, working or not', () => {
    expect(due('2026-09-29T10:00:00+08:00', 0)).toEqual({ due: '2026-09-30T00:00:00+08:00', provisional: false });
    expect(due('2026-10-03T10:00:00+08:00', 0).due).toBe('2026-10-04T00:00:00+08:00');
  });

  it('uses the day in Shanghai, not in UTC', () => {
    // 20:00Z on 09-29 is 04:00 on 09-30 in Shanghai.
    expect(due('2026-09-29T20:00:00Z', 0).due).toBe('2026-10-01T00:00:00+08:00');
    expect(due('2026-09-29T20:00:00Z', 3).due).toBe('2026-10-11T00:00:00+08:00');
    expect(due('2026-09-29T15:59:59.999Z', 3).due).toBe('2026-10-10T00:00:00+08:00');
    expect(due('2026-09-29T10:59:59-05:00', 0).due).toBe('2026-09-30T00:00:00+08:00');
    expect(due('2026-09-29T11:00:00-05:00', 0).due).toBe('2026-10-01T00:00:00+08:00');
  });

  it('accepts a Date and a bare date (the start of that day in Shanghai)', () => {
    expect(due(new Date('2026-09-29T02:00:00Z'), 3).due).toBe('2026-10-10T00:00:00+08:00');
    expect(due('2026-09-29', 3).due).toBe('2026-10-10T00:00:00+08:00');
  });

  it('writes 24:00 of the last day as 00:00 of the next, the same instant as 16:00Z', () => {
    expect(new Date(due('2026-09-29T10:00:00+08:00', 3).due).toISOString()).toBe('2026-10-09T16:00:00.000Z');
  });

  it('refuses negative, fractional and non-numeric day counts', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => due('2026-09-29T10:00:00+08:00', n)).toThrow(/whole number/);
    }
  });

  it('refuses instants it cannot place, including a local time without an offset', () => {
    for (const from of ['2026-09-29T10:00:00', 'yesterday', '2026-02-30T10:00:00Z', '2026-09-29T24:00:00Z', '2026-09-29T10:00:00+08:99', '']) {
      expect(() => due(from, 1)).toThrow(/ISO-8601 instant/);
    }
    expect(() => due(new Date(Number.NaN), 1)).toThrow(/invalid Date/);
  });

  it('stops at the end of the rule years rather than guessing', () => {
    expect(() => due('2099-12-30T10:00:00+08:00', 5)).toThrow(/2100/);
  });
});

describe('addDuration: plain elapsed time', () => {
  it('adds the duration and is never provisional', () => {
    expect(calendar.addDuration('2026-09-30T23:00:00+08:00', 'P2D')).toEqual({ due: '2026-10-02T23:00:00+08:00', provisional: false });
    expect(calendar.addDuration('2027-02-05T10:00:00+08:00', 'PT1H30M')).toEqual({ due: '2027-02-05T11:30:00+08:00', provisional: false });
    expect(calendar.addDuration(new Date('2026-09-29T02:00:00Z'), 'PT10S').due).toBe('2026-09-29T10:00:10+08:00');
    expect(calendar.addDuration('2026-09-29T10:00:00+08:00', 'PT0.25S').due).toBe('2026-09-29T10:00:00.250+08:00');
  });

  it('refuses a bad duration or instant', () => {
    expect(() => calendar.addDuration('2026-09-29T10:00:00+08:00', '2 days')).toThrow(/ISO-8601 duration/);
    expect(() => calendar.addDuration('2026-09-29 10:00', 'PT1H')).toThrow(/ISO-8601 instant/);
  });
});

describe('day', () => {
  it.each([
    ['2026-09-29', true, 'working day', undefined],
    ['2026-09-26', false, 'holiday: Mid-autumn Festival', 'Mid-autumn Festival'],
    ['2026-10-01', false, 'holiday: National Day', 'National Day'],
    ['2026-10-07', false, 'holiday: National Day', 'National Day'],
    ['2026-10-08', true, 'working day', undefined],
    ['2026-10-10', true, 'adjusted working day (调休): National Day', 'National Day'],
    ['2026-10-11', false, 'weekend', undefined],
    ['2026-02-17', false, 'holiday: Spring Festival', 'Spring Festival'],
  ])('%s', (date, working, reason, name) => {
    expect(calendar.day(date)).toEqual({ date, working, reason, provisional: false, ...(name ? { name } : {}) });
  });

  it('refuses what is not a date', () => {
    expect(() => calendar.day('2026-13-01')).toThrow(/no such date/);
    expect(() => calendar.day('2026-02-29')).toThrow(/no such date/);
    expect(() => calendar.day('20260929')).toThrow(/YYYY-MM-DD/);
  });
});

describe('coveredYears', () => {
  it('lists the years of the chinese-days package, 2004–2026', () => {
    expect(calendar.coveredYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });
});

describe('formatShanghai', () => {
  it('writes the instant on Shanghai wall time with +08:00', () => {
    expect(formatShanghai(new Date('2026-10-09T16:00:00Z'))).toBe('2026-10-10T00:00:00+08:00');
    expect(formatShanghai(new Date('2026-10-09T16:00:00.5Z'))).toBe('2026-10-10T00:00:00.500+08:00');
  });
});

describe('nextHalfWorkingDay: when a half working day begins (催办 waits for it)', () => {
  test.each([
    ['a morning chase waits for the afternoon', '2026-11-02T10:30:00+08:00', '2026-11-02T14:00:00+08:00'],
    ['before office hours, the morning of the same day', '2026-11-02T07:00:00+08:00', '2026-11-02T09:00:00+08:00'],
    ['an afternoon chase waits for the next working morning', '2026-11-02T15:00:00+08:00', '2026-11-03T09:00:00+08:00'],
    ['exactly at 14:00 belongs to the afternoon', '2026-11-02T14:00:00+08:00', '2026-11-03T09:00:00+08:00'],
    ['Friday afternoon waits over the weekend', '2026-11-06T16:00:00+08:00', '2026-11-09T09:00:00+08:00'],
    ['before National Day, after the holiday', '2026-09-30T15:00:00+08:00', '2026-10-08T09:00:00+08:00'],
  ])('%s', (_, from, expected) => {
    expect(calendar.nextHalfWorkingDay(from).due).toBe(expected);
  });
});
