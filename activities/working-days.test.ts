/** Working days between instants, on China's calendar around National Day 2026. */
import { join } from 'node:path';
import { WorkingCalendar } from '../calendar';
import { workingDaysBetween } from './working-days';

const calendar = WorkingCalendar.load({ dataDir: join(__dirname, '../calendar/data') });

describe('workingDaysBetween', () => {
  test('the same day counts nothing', () => {
    expect(workingDaysBetween(calendar, '2026-11-02T01:00:00Z', '2026-11-02T08:00:00Z')).toBe(0);
  });
  test('Monday to Wednesday counts Tuesday and Wednesday', () => {
    expect(workingDaysBetween(calendar, '2026-11-02T01:00:00Z', '2026-11-04T01:00:00Z')).toBe(2);
  });
  test('Friday to Monday skips the weekend', () => {
    expect(workingDaysBetween(calendar, '2026-11-06T01:00:00Z', '2026-11-09T01:00:00Z')).toBe(1);
  });
  test('the National Day holiday counts nothing; the adjusted working Saturday 10-10 counts', () => {
    expect(workingDaysBetween(calendar, '2026-09-30T01:00:00Z', '2026-10-07T01:00:00Z')).toBe(0);
    expect(workingDaysBetween(calendar, '2026-09-30T01:00:00Z', '2026-10-10T01:00:00Z')).toBe(3);
  });
  test('an earlier end counts nothing', () => {
    expect(workingDaysBetween(calendar, '2026-11-04T01:00:00Z', '2026-11-02T01:00:00Z')).toBe(0);
  });
});
