import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarCommand } from './calendar';

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
