import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingCalendar } from '.';

let dataDir: string;
beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'greenlight-calendar-')); });
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const write = (name: string, content: unknown) =>
  writeFileSync(join(dataDir, name), typeof content === 'string' ? content : JSON.stringify(content));

const load = () => WorkingCalendar.load({ dataDir });

describe('override files', () => {
  it('ignores files that are not JSON, such as the README', () => {
    write('README.md', '# notes');
    expect(load().coveredYears()).not.toContain(2027);
  });

  it('names the file whose JSON does not parse', () => {
    write('2027.json', '{ "year": 2027,');
    expect(load).toThrow(/calendar override file .*2027\.json/);
  });

  it.each([
    ['a missing field', { year: 2027, holidays: {} }, /workdays/],
    ['a misspelt field', { year: 2027, holidays: {}, workdays: {}, holiday: {} }, /holiday/],
    ['a year out of range', { year: 2100, holidays: {}, workdays: {} }, /year/],
    ['a key that is not a date', { year: 2027, holidays: { '2027-1-1': "New Year's Day" }, workdays: {} }, /YYYY-MM-DD/],
    ['an impossible date', { year: 2027, holidays: { '2027-02-29': 'Spring Festival' }, workdays: {} }, /no such date: 2027-02-29/],
    ['a date of another year', { year: 2027, holidays: { '2026-12-31': "New Year's Day" }, workdays: {} }, /2026-12-31 is not in 2027/],
    ['an empty name', { year: 2027, holidays: { '2027-01-01': ' ' }, workdays: {} }, /holiday name/],
    ['a weekday as adjusted working day', { year: 2027, holidays: {}, workdays: { '2027-02-17': 'Spring Festival' } }, /2027-02-17 is a Wednesday/],
    ['a date both off and worked', { year: 2027, holidays: { '2027-02-20': 'Spring Festival' }, workdays: { '2027-02-20': 'Spring Festival' } }, /listed as a holiday too/],
  ])('rejects %s, naming the file and the problem', (_, content, problem) => {
    write('bad-2027.json', content);
    expect(load).toThrow(/calendar override file .*bad-2027\.json is invalid/);
    expect(load).toThrow(problem);
  });

  it('refuses two files for the same year', () => {
    write('a.json', { year: 2027, holidays: {}, workdays: {} });
    write('b.json', { year: 2027, holidays: {}, workdays: {} });
    expect(load).toThrow(/a\.json and .*b\.json both give 2027/);
  });

  it('refuses a data directory that does not exist', () => {
    expect(() => WorkingCalendar.load({ dataDir: join(dataDir, 'missing') })).toThrow(/cannot read the calendar data directory/);
  });
});

describe('the shipped data directory', () => {
  it('loads by default and holds no 2027 file, so 2027 stays provisional', () => {
    const calendar = WorkingCalendar.load();
    expect(calendar.coveredYears().at(-1)).toBe(2026);
    expect(calendar.day('2027-06-01').provisional).toBe(true);
  });

  it('documents the format with an example that passes validation', () => {
    const readme = readFileSync(join(__dirname, 'data', 'README.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    write('example.json', example!);
    expect(load().coveredYears()).toContain(JSON.parse(example!).year);
  });
});
