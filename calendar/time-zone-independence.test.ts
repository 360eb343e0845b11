/**
 * Runs the same computations in child processes whose host zone is far from Shanghai: any
 * date arithmetic done in local time would shift a day there.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { WorkingCalendar } from '.';

const PROBE = `
  import { WorkingCalendar } from './calendar';
  const calendar = WorkingCalendar.load();
  const results = {
    offset: new Date(Date.UTC(2026, 9, 1)).getTimezoneOffset(),
    dues: [
      calendar.addWorkingDays('2026-09-29T10:00:00+08:00', 3),
      calendar.addWorkingDays('2026-09-29T20:00:00Z', 3),
      calendar.addWorkingDays('2026-10-08', 3),
      calendar.addWorkingDays(new Date('2027-02-03T02:00:00Z'), 3),
      calendar.addDuration('2026-10-09T23:30:00+08:00', 'PT1H'),
    ],
    days: ['2026-10-10', '2027-02-05', '2027-04-05', '2027-09-15'].map((date) => calendar.day(date)),
  };
  process.stdout.write(JSON.stringify(results));
`;

function probe(timeZone: string) {
  const tsx = require.resolve('tsx/cli');
  const output = execFileSync(process.execPath, [tsx, '-e', PROBE], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, TZ: timeZone },
    encoding: 'utf8',
  });
  return JSON.parse(output) as { offset: number; dues: unknown[]; days: unknown[] };
}

describe('independence from the host time zone', () => {
  const calendar = WorkingCalendar.load();
  const expected = {
    dues: [
      { due: '2026-10-10T00:00:00+08:00', provisional: false },
      { due: '2026-10-11T00:00:00+08:00', provisional: false },
      { due: '2026-10-13T00:00:00+08:00', provisional: false },
      { due: '2027-02-13T00:00:00+08:00', provisional: true },
      { due: '2026-10-10T00:30:00+08:00', provisional: false },
    ],
    days: ['2026-10-10', '2027-02-05', '2027-04-05', '2027-09-15'].map((date) => calendar.day(date)),
  };

  it.each([
    ['UTC', 0],
    ['America/New_York', 240],
    ['Pacific/Kiritimati', -840],
    ['Pacific/Pago_Pago', 660],
  ])('gives the same answers with TZ=%s', (timeZone, offset) => {
    expect(probe(timeZone)).toEqual({ offset, ...expected });
  });
});
