import { formatShanghai, parseInstant, shanghaiDate } from './shanghai-time';

describe('parseInstant', () => {
  it.each([
    ['2026-09-29T10:00:00+08:00', '2026-09-29T02:00:00.000Z'],
    ['2026-09-29T10:00+08:00', '2026-09-29T02:00:00.000Z'],
    ['2026-09-29T10:00:00+0800', '2026-09-29T02:00:00.000Z'],
    ['2026-09-29T10:00:00-05:30', '2026-09-29T15:30:00.000Z'],
    ['2026-09-29T10:00:00.57Z', '2026-09-29T10:00:00.570Z'],
    ['2026-09-29T10:00:00.123456789Z', '2026-09-29T10:00:00.123Z'],
    ['2026-09-29', '2026-09-28T16:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it('copies a Date rather than sharing it', () => {
    const date = new Date('2026-09-29T02:00:00Z');
    expect(parseInstant(date)).not.toBe(date);
    expect(parseInstant(date).getTime()).toBe(date.getTime());
  });
});

describe('formatShanghai and shanghaiDate', () => {
  it('place an instant on Shanghai wall time', () => {
    expect(formatShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
    expect(shanghaiDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('refuse an invalid Date', () => {
    expect(() => formatShanghai(new Date(Number.NaN))).toThrow(/invalid Date/);
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(/invalid Date/);
  });
});
