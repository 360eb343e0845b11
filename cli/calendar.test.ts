import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingCalendar } from '../calendar';
import { epochDay, formatCivilDate } from '../calendar/civil-date';
import { calendarCommand, importCalendarFile } from './calendar';

async function run(...args: string[]) {
  const lines: string[] = [];
  const code = await calendarCommand(args, (line) => lines.push(line));
  return { code, lines };
}

const savedDir = process.env.GREENLIGHT_CALENDAR_DIR;
afterEach(() => {
  if (savedDir === undefined) delete process.env.GREENLIGHT_CALENDAR_DIR;
  else process.env.GREENLIGHT_CALENDAR_DIR = savedDir;
});
beforeEach(() => { delete process.env.GREENLIGHT_CALENDAR_DIR; });

describe('calendar due', () => {
  it('prints the due instant, the last day and whether it is provisional', async () => {
    expect(await run('due', '2026-09-29T10:00:00+08:00', '3')).toEqual({
      code: 0,
      lines: ['due 2026-10-10T00:00:00+08:00 (end of Friday 2026-10-09, Asia/Shanghai)', 'provisional: no'],
    });
  });

  it('prints exactly one JSON line with --json, wherever the flag is', async () => {
    const expected = { code: 0, lines: ['{"due":"2026-10-13T00:00:00+08:00","provisional":false}'] };
    expect(await run('due', '2026-10-08T09:00:00+08:00', '3', '--json')).toEqual(expected);
    expect(await run('--json', 'due', '2026-10-08T09:00:00+08:00', '3')).toEqual(expected);
  });

  it('says when a deadline is provisional', async () => {
    const { code, lines } = await run('due', '2027-02-04T10:00+08:00', '3');
    expect(code).toBe(0);
    // Spring Festival 02-05..02-08 and its compensation days 02-09/10 (Article 6); 02-11, 02-12, 02-15.
    expect(lines[0]).toBe('due 2027-02-16T00:00:00+08:00 (end of Monday 2027-02-15, Asia/Shanghai)');
    expect(lines[1]).toMatch(/^provisional: yes/);
  });

  it('treats 0 working days as the end of the same Shanghai day', async () => {
    expect((await run('due', '2026-09-29T20:00:00Z', '0')).lines[0]).toBe('due 2026-10-01T00:00:00+08:00 (end of Wednesday 2026-09-30, Asia/Shanghai)');
  });

  it.each([
    [['due', 'next tuesday', '3'], /ISO-8601 instant/],
    [['due', '2026-09-29T10:00:00', '3'], /ISO-8601 instant/],
    [['due', '2026-09-29T10:00:00+08:00', '-1'], /whole number ≥ 0, not "-1"/],
    [['due', '2026-09-29T10:00:00+08:00', '1.5'], /whole number/],
    [['due', '2026-09-29T10:00:00+08:00', 'three'], /whole number/],
    [['due', '2026-09-29T10:00:00+08:00'], /an instant and a number/],
    [['due', '2026-09-29T10:00:00+08:00', '3', '--yaml'], /unknown option --yaml/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const { code, lines } = await run(...args);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
  });
});

describe('calendar day', () => {
  it('prints whether the date is worked and why', async () => {
    expect(await run('day', '2026-10-10')).toEqual({
      code: 0,
      lines: ['2026-10-10 Saturday: working day — adjusted working day (调休): National Day', 'provisional: no'],
    });
    expect((await run('day', '2027-02-06')).lines).toEqual([
      '2027-02-06 Saturday: day off — holiday (provisional, statutory rule): Spring Festival',
      'provisional: yes',
    ]);
  });

  it('prints the day as one JSON line with --json', async () => {
    expect(await run('day', '2026-10-01', '--json')).toEqual({
      code: 0,
      lines: ['{"date":"2026-10-01","working":false,"reason":"holiday: National Day","provisional":false,"name":"National Day"}'],
    });
  });

  it.each([['2026-02-30'], ['10/01/2026'], ['2100-01-01']])('refuses %s with exit code 2', async (date) => {
    const { code, lines } = await run('day', date);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/^error: /);
  });
});

describe('help and usage', () => {
  it('prints usage and exits 2 without a subcommand or with an unknown one', async () => {
    for (const args of [[], ['deadline']]) {
      const { code, lines } = await run(...args);
      expect(code).toBe(2);
      expect(lines.some((line) => line.startsWith('usage: calendar due'))).toBe(true);
    }
  });

  it('prints usage and exits 0 when asked', async () => {
    const { code, lines } = await run('--help');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^usage:/);
  });
});

describe('GREENLIGHT_CALENDAR_DIR', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'greenlight-calendar-cli-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads override files from the directory it names', async () => {
    writeFileSync(join(dataDir, '2027.json'), JSON.stringify({ year: 2027, holidays: { '2027-02-06': 'Spring Festival' }, workdays: {} }));
    process.env.GREENLIGHT_CALENDAR_DIR = dataDir;
    expect((await run('day', '2027-02-05')).lines[0]).toBe('2027-02-05 Friday: working day — working day');
    expect(await run('due', '2027-02-04T10:00:00+08:00', '1', '--json')).toEqual({
      code: 0,
      lines: ['{"due":"2027-02-06T00:00:00+08:00","provisional":false}'],
    });
  });

  it('exits 1 and names the file when the data is bad', async () => {
    writeFileSync(join(dataDir, 'broken.json'), '{');
    process.env.GREENLIGHT_CALENDAR_DIR = dataDir;
    const { code, lines } = await run('day', '2027-02-05');
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^error: calendar override file .*broken\.json/);
  });
});

/** A 2027 schedule in the shape of the State Council's notice — made up for the test, not the notice. */
const schedule2027 = {
  year: 2027,
  source: 'test: a made-up 2027 arrangement',
  holidays: {
    "2027-01-01": "New Year's Day",
    ...Object.fromEntries(['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => [`2027-02-${d}`, 'Spring Festival'])),
    '2027-04-03': 'Tomb-sweeping Day', '2027-04-04': 'Tomb-sweeping Day', '2027-04-05': 'Tomb-sweeping Day',
    ...Object.fromEntries(['01', '02', '03', '04', '05'].map((d) => [`2027-05-${d}`, 'Labour Day'])),
    '2027-06-09': 'Dragon Boat Festival',
    '2027-09-15': 'Mid-autumn Festival',
    ...Object.fromEntries(['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2027-10-${d}`, 'National Day'])),
  },
  workdays: { '2027-02-20': 'Spring Festival', '2027-05-08': 'Labour Day', '2027-10-09': 'National Day' },
};

describe('calendar import', () => {
  let dataDir: string;
  let told: number;
  const target = () => ({ dataDir, refresh: async (out: (line: string) => void) => { told++; out('1 task(s) with provisional deadlines told to recompute'); return 1; } });
  const importFile = async (text: string, options: { correction?: boolean } = {}) => {
    const file = join(dataDir, '..', `${Date.now()}-import.json`);
    writeFileSync(file, text);
    const lines: string[] = [];
    const code = await importCalendarFile(file, options, target(), (line) => lines.push(line));
    rmSync(file);
    return { code, lines: lines.map((line) => line.replace(file, '<file>').replace(dataDir, '<dir>')) };
  };
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'greenlight-calendar-import-'));
    told = 0;
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes a good year as <year>.json, after which it is official, and tells the running workflows', async () => {
    expect(await importFile(JSON.stringify(schedule2027, null, 2))).toEqual({
      code: 0,
      lines: ['imported 2027 into <dir>/2027.json: 27 holiday(s), 3 adjusted working day(s)', '1 task(s) with provisional deadlines told to recompute'],
    });
    expect(told).toBe(1);
    expect(readdirSync(dataDir)).toEqual(['2027.json']);
    const calendar = WorkingCalendar.load({ dataDir });
    // 02-05..02-13 off; 02-14 is a Sunday; 02-15 (1), 02-16 (2), 02-17 (3).
    expect(calendar.addWorkingDays('2027-02-04T10:00:00+08:00', 3)).toEqual({ due: '2027-02-18T00:00:00+08:00', provisional: false });
  });

  it('refuses a file that is not JSON, naming the line', async () => {
    const text = JSON.stringify(schedule2027, null, 2).replace('"2027-02-06": "Spring Festival",', '"2027-02-06": "Spring Festival",,');
    const { code, lines } = await importFile(text);
    expect(code).toBe(2);
    expect(lines[0]).toBe('error: <file> is refused; nothing was written');
    expect(lines[1]).toMatch(new RegExp(`^<file>:${text.split('\n').findIndex((l) => l.includes(',,')) + 1}: not JSON`));
    expect(readdirSync(dataDir)).toEqual([]);
    expect(told).toBe(0);
  });

  it('reads no further than 64 KiB: /dev/zero and a huge file are refused, not read without end', async () => {
    const lines: string[] = [];
    expect(await importCalendarFile('/dev/zero', {}, target(), (line) => lines.push(line))).toBe(2);
    expect(lines).toEqual(['error: /dev/zero is refused: larger than 64 KiB (a year\'s schedule is about 2 KiB); nothing was written']);
    const huge = await importFile(JSON.stringify({ ...schedule2027, source: 'x'.repeat(70_000) }));
    expect(huge.code).toBe(2);
    expect(huge.lines[0]).toMatch(/larger than 64 KiB/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.each([
    ['a control character', 'Spring\u0000Festival', 'no control characters'],
    ['markup', '[click](javascript:alert(1))', 'plain text: no markup'],
    ['an escape sequence', '\u001b[31mred', 'no control characters'],
    ['a huge name', '春'.repeat(5_000), 'at most 40 characters'],
  ])('refuses a holiday name with %s', async (_what, name, why) => {
    const text = JSON.stringify({ ...schedule2027, holidays: { ...schedule2027.holidays, '2027-02-06': name } }, null, 2);
    const { code, lines } = await importFile(text);
    expect(code).toBe(2);
    expect(lines.slice(1).join('\n')).toContain(why);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a bad day, naming its line and why', async () => {
    const text = JSON.stringify({ ...schedule2027, workdays: { ...schedule2027.workdays, '2027-02-22': 'Spring Festival' } }, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"2027-02-22"')) + 1;
    expect((await importFile(text)).lines.slice(1)).toEqual([
      `<file>:${line}: workdays.2027-02-22: 2027-02-22 is a Monday; only a Saturday or Sunday can be an adjusted working day`,
    ]);
  });

  it('refuses a year that leaves out a statutory holiday, since the file replaces the whole year', async () => {
    const { '2027-09-15': _left, ...holidays } = schedule2027.holidays;
    const text = JSON.stringify({ ...schedule2027, holidays }, null, 2);
    const { code, lines } = await importFile(text);
    expect(code).toBe(2);
    expect(lines.slice(1)).toEqual([
      `<file>:${text.split('\n').findIndex((l) => l.includes('"holidays"')) + 1}: 2027-09-15 (Mid-autumn Festival, 全国年节及纪念日放假办法 Article 2) is not among the holidays: a file gives the whole year, so the day would be worked`,
    ]);
  });

  it('refuses a year with official data unless it is a correction that changes something', async () => {
    const official2026 = { year: 2026, holidays: {} as Record<string, string>, workdays: {} as Record<string, string> };
    const calendar = WorkingCalendar.load({ dataDir });
    for (let day = epochDay(2026, 1, 1); day < epochDay(2027, 1, 1); day++) {
      const info = calendar.day(formatCivilDate(day));
      if (info.name) official2026[info.working ? 'workdays' : 'holidays'][info.date] = info.name;
    }
    const same = JSON.stringify(official2026, null, 2);
    expect((await importFile(same)).lines[1]).toBe('<file>:2: 2026 has official data already; to correct it, import with --correction (the file then replaces the year)');
    expect((await importFile(same, { correction: true })).lines[1]).toBe('<file>:2: the file gives 2026 exactly as the calendar has it already: nothing to correct');
    const { '2026-10-07': _dropped, ...holidays } = official2026.holidays;
    expect(await importFile(JSON.stringify({ ...official2026, holidays }), { correction: true })).toMatchObject({
      code: 0, lines: ['imported 2026 into <dir>/2026.json: 32 holiday(s), 6 adjusted working day(s), correcting 2026-10-07', expect.any(String)],
    });
  });

  it('goes through the command line, with --correction allowed only there', async () => {
    process.env.GREENLIGHT_CALENDAR_DIR = dataDir;
    expect((await run('import')).lines[0]).toBe('error: import takes one file');
    expect((await run('due', '2027-02-04T10:00:00+08:00', '3', '--correction')).lines[0]).toBe('error: unknown option --correction');
    const missing = await run('import', join(dataDir, 'no-such-file.json'));
    expect(missing.code).toBe(2);
    expect(missing.lines[0]).toMatch(/^error: cannot read .*no-such-file\.json/);
  });
});
