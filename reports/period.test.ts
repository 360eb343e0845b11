import { parsePeriod, periodHolding, previousPeriod } from './period';

describe('periods in Asia/Shanghai', () => {
  test('a month, a quarter, a year: from 00:00 Shanghai of the first day', () => {
    const m = parsePeriod('month', '2026-11');
    expect([m.label, m.start.toISOString(), m.end.toISOString()]).toEqual(['2026年11月', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z']);
    const q = parsePeriod('quarter', '2026-Q4');
    expect([q.label, q.firstDay, q.endDay]).toEqual(['2026年第四季度', '2026-10-01', '2027-01-01']);
    expect(parsePeriod('year', '2026').endDay).toBe('2027-01-01');
  });

  test('ISO weeks, Monday to Sunday, across the new year', () => {
    const w = parsePeriod('week', '2026-W49');
    expect([w.label, w.firstDay, w.endDay]).toEqual(['2026年第49周', '2026-11-30', '2026-12-07']);
    expect(previousPeriod(parsePeriod('week', '2026-W01')).key).toBe('2025-W52');
    expect(parsePeriod('week', '2026-W01').firstDay).toBe('2025-12-29');
    expect(periodHolding('week', new Date('2027-01-01T10:00:00+08:00')).key).toBe('2026-W53');
    expect(parsePeriod('week', '2026-12-07').key).toBe('2026-W50');
  });

  test('an instant at 23:30 UTC is already the next day in Shanghai', () => {
    expect(periodHolding('month', new Date('2026-11-30T16:30:00Z')).key).toBe('2026-12');
    expect(previousPeriod(parsePeriod('month', '2026-01')).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('quarter', '2026-Q1')).key).toBe('2025-Q4');
  });

  test('a malformed --at says what is expected', () => {
    expect(() => parsePeriod('month', '2026-13')).toThrow('2026-11');
    expect(() => parsePeriod('week', '2026-W54')).toThrow('2026-W48');
  });
});
