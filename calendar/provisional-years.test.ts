import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingCalendar } from '.';

let dataDir: string;
beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'greenlight-calendar-')); });
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** A made-up 2027 arrangement in the shape the State Council's notice would take. */
const madeUp2027 = {
  year: 2027,
  source: 'test fixture, not an official notice',
  holidays: {
    '2027-01-01': "New Year's Day",
    ...Object.fromEntries(['05', '06', '07', '08', '09', '10', '11', '12'].map((d) => [`2027-02-${d}`, 'Spring Festival'])),
  },
  workdays: { '2027-02-20': 'Spring Festival' },
};

describe('2027, a year without official data', () => {
  const calendar = WorkingCalendar.load();

  it('is not covered', () => {
    expect(calendar.coveredYears()).not.toContain(2027);
  });

  it("keeps New Year's Day off, provisionally", () => {
    expect(calendar.day('2027-01-01')).toEqual({
      date: '2027-01-01', working: false, provisional: true, name: "New Year's Day",
      reason: "holiday (provisional, statutory rule): New Year's Day",
    });
  });

  it('keeps the Spring Festival eve and the first three days of the Year of the Goat off (02-05..02-08)', () => {
    for (const date of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
      expect(calendar.day(date)).toMatchObject({ working: false, provisional: true, name: 'Spring Festival', reason: 'holiday (provisional, statutory rule): Spring Festival' });
    }
    expect(calendar.day('2027-02-04')).toEqual({ date: '2027-02-04', working: true, provisional: true, reason: 'working day (provisional: no official data for 2027)' });
  });

  it('gives Tuesday 02-09 and Wednesday 02-10 off for the Spring Festival Saturday and Sunday (Article 6)', () => {
    expect(calendar.day('2027-02-09')).toEqual({
      date: '2027-02-09', working: false, provisional: true, name: 'Spring Festival',
      reason: 'holiday (provisional, statutory rule): Spring Festival, compensation (补假) for Saturday 2027-02-06',
    });
    expect(calendar.day('2027-02-10')).toMatchObject({ working: false, reason: expect.stringContaining('for Sunday 2027-02-07') });
    expect(calendar.day('2027-02-11')).toMatchObject({ working: true, provisional: true });
    // 02-05..02-10 off, 02-11 (1), 02-12 (2), weekend, 02-15 (3).
    expect(calendar.addWorkingDays('2027-02-04T10:00:00+08:00', 3)).toEqual({ due: '2027-02-16T00:00:00+08:00', provisional: true });
  });

  it('gives Monday 05-03 and Tuesday 05-04 off for Labour Day on Saturday and Sunday', () => {
    expect(calendar.day('2027-05-03')).toMatchObject({ working: false, name: 'Labour Day', reason: expect.stringContaining('for Saturday 2027-05-01') });
    expect(calendar.day('2027-05-04')).toMatchObject({ working: false, name: 'Labour Day', reason: expect.stringContaining('for Sunday 2027-05-02') });
    expect(calendar.day('2027-05-05')).toMatchObject({ working: true });
    // 04-30 (1), 05-01..05-04 off, 05-05 (2), 05-06 (3).
    expect(calendar.addWorkingDays('2027-04-29T10:00:00+08:00', 3)).toEqual({ due: '2027-05-07T00:00:00+08:00', provisional: true });
  });

  it('gives Monday 10-04 and Tuesday 10-05 off for National Day on Saturday and Sunday', () => {
    expect(calendar.day('2027-10-04')).toMatchObject({ working: false, name: 'National Day', reason: expect.stringContaining('for Saturday 2027-10-02') });
    expect(calendar.day('2027-10-05')).toMatchObject({ working: false, name: 'National Day', reason: expect.stringContaining('for Sunday 2027-10-03') });
    expect(calendar.day('2027-10-06')).toMatchObject({ working: true });
    // 09-30 (1), 10-01..10-05 off, 10-06 (2), 10-07 (3).
    expect(calendar.addWorkingDays('2027-09-29T10:00:00+08:00', 3)).toEqual({ due: '2027-10-08T00:00:00+08:00', provisional: true });
  });

  it('says why a weekend is off, and that it is provisional', () => {
    expect(calendar.day('2027-01-02')).toEqual({ date: '2027-01-02', working: false, provisional: true, reason: 'weekend (provisional: no official data for 2027)' });
  });

  it('marks a deadline across Spring Festival provisional', () => {
    // 02-04 (1); 02-05..02-08 statutory holidays around a weekend, 02-09/10 their compensation; 02-11 (2), 02-12 (3).
    expect(calendar.addWorkingDays('2027-02-03T10:00:00+08:00', 3)).toEqual({ due: '2027-02-13T00:00:00+08:00', provisional: true });
  });

  it('marks a deadline provisional once a counted or passed day is in 2027, and only then', () => {
    expect(calendar.addWorkingDays('2026-12-29T10:00:00+08:00', 2)).toEqual({ due: '2027-01-01T00:00:00+08:00', provisional: false });
    expect(calendar.addWorkingDays('2026-12-29T10:00:00+08:00', 3)).toEqual({ due: '2027-01-05T00:00:00+08:00', provisional: true });
    expect(calendar.addWorkingDays('2027-03-01T10:00:00+08:00', 0).provisional).toBe(false);
  });

  it('follows an override file once one exists, and is then no longer provisional', () => {
    writeFileSync(join(dataDir, '2027.json'), JSON.stringify(madeUp2027));
    const withFile = WorkingCalendar.load({ dataDir });
    expect(withFile.coveredYears()).toContain(2027);
    // 02-04 (1); 02-05..02-12 off per the file, 02-13/14 weekend; 02-15 (2), 02-16 (3).
    expect(withFile.addWorkingDays('2027-02-03T10:00:00+08:00', 3)).toEqual({ due: '2027-02-17T00:00:00+08:00', provisional: false });
    expect(withFile.day('2027-02-05')).toEqual({ date: '2027-02-05', working: false, provisional: false, reason: 'holiday: Spring Festival', name: 'Spring Festival' });
    expect(withFile.day('2027-02-20')).toEqual({ date: '2027-02-20', working: true, provisional: false, reason: 'adjusted working day (调休): Spring Festival', name: 'Spring Festival' });
    // The file replaces the rules for the whole year: Qingming is not in it, so 04-05 is worked.
    expect(withFile.day('2027-04-05')).toEqual({ date: '2027-04-05', working: true, provisional: false, reason: 'working day' });
  });

  it('stays provisional beyond the years the files cover', () => {
    writeFileSync(join(dataDir, '2027.json'), JSON.stringify(madeUp2027));
    expect(WorkingCalendar.load({ dataDir }).day('2028-01-01').provisional).toBe(true);
  });
});

describe('an override file for a year the package covers', () => {
  it('replaces that year completely', () => {
    writeFileSync(join(dataDir, 'corrected-2026.json'), JSON.stringify({ year: 2026, holidays: { '2026-10-01': 'National Day' }, workdays: {} }));
    const calendar = WorkingCalendar.load({ dataDir });
    expect(calendar.coveredYears()).toContain(2026);
    expect(calendar.day('2026-10-01')).toMatchObject({ working: false, reason: 'holiday: National Day' });
    expect(calendar.day('2026-10-02')).toMatchObject({ working: true, reason: 'working day' });
    expect(calendar.day('2026-10-10')).toMatchObject({ working: false, reason: 'weekend' });
    // 09-30 (1), 10-01 off, 10-02 (2), weekend, 10-05 (3).
    expect(calendar.addWorkingDays('2026-09-29T10:00:00+08:00', 3).due).toBe('2026-10-06T00:00:00+08:00');
    // Other years still come from the package.
    expect(calendar.day('2025-10-08')).toMatchObject({ working: false, reason: 'holiday: National Day' });
  });
});
