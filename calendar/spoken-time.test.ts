import { spokenShanghai } from './spoken-time';

test('a deadline at the end of a Shanghai day is told as 24:00 of that day, with its weekday', () => {
  expect(spokenShanghai('2026-12-04T16:00:00.000Z')).toBe('2026年12月4日 周五 24:00');
});

test('any other instant is told in Shanghai wall time', () => {
  expect(spokenShanghai('2026-12-01T01:30:00Z')).toBe('2026年12月1日 周二 09:30');
  expect(spokenShanghai(new Date('2026-12-31T23:59:00+08:00'))).toBe('2026年12月31日 周四 23:59');
});
