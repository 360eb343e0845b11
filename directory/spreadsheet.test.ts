/**
 * The directory from a spreadsheet: the demo's ships as one and reads back as its JSON; a sheet
 * with mistakes of every kind names each by sheet, row and column and gives no directory; CSV
 * files read as their sheets, a sheet not given kept from the current directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { mistakenSpreadsheet } from '../test/harness/directory-sheets';
import { readDirectoryFile } from '../activities/directory-file';
import { directoryChanges, holdersLeaving } from './changes';
import { Channels, Department, Directory, Person } from '../contracts/directory';
import { COLUMNS, directoryCsv, directoryTables, parseCsv, readDirectoryFiles, writeDirectoryXlsx } from './spreadsheet';

const demo = readDirectoryFile(join(__dirname, 'demo.json'));
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'gl-directory-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the demo directory ships as a spreadsheet that reads back as its JSON', async () => {
  const read = await readDirectoryFiles([join(__dirname, 'demo.xlsx')]);
  expect(read.problems).toEqual([]);
  expect(read.directory).toEqual(demo);
});

test('an export reads back as the same directory', async () => {
  const file = join(dir, 'export.xlsx');
  await writeDirectoryXlsx(demo, file);
  expect((await readDirectoryFiles([file])).directory).toEqual(demo);
});

test('a spreadsheet with ten kinds of mistake names each by sheet, row and column, and gives no directory', async () => {
  const { file, expected } = await mistakenSpreadsheet(join(dir, 'mistakes.xlsx'));
  const read = await readDirectoryFiles([file]);
  expect(read.directory).toBeUndefined();
  const at = (sheet: string, row: number, column: string) => read.problems.filter((p) => p.sheet === sheet && p.row === row && p.column === column);
  for (const [sheet, row, column, message] of expected) {
    expect({ sheet, row, column, found: at(sheet, row, column).map((p) => p.message) })
      .toEqual({ sheet, row, column, found: expect.arrayContaining([expect.stringMatching(message)]) });
  }
  expect(read.problems).toHaveLength(expected.length);
});

test('a sheet or column missing is named, and a blank row is no one', async () => {
  const workbook = new ExcelJS.Workbook();
  const tables = directoryTables(demo);
  workbook.addWorksheet('人员').addRows([tables.people[0].slice(1), ...tables.people.slice(1).map((r) => r.slice(1)), []]);
  const file = join(dir, 'one-sheet.xlsx');
  await workbook.xlsx.writeFile(file);
  const read = await readDirectoryFiles([file]);
  expect(read.problems).toEqual(expect.arrayContaining([
    { sheet: '部门', message: 'the sheet 部门 is missing' },
    { sheet: '人员', row: 1, column: '编号 (id)', message: 'this column is missing' },
  ]));
});

test('CSV files read as their sheets; a sheet not given is kept from the current directory', async () => {
  const csv = directoryCsv(demo);
  const people = join(dir, 'people.csv');
  writeFileSync(people, `\uFEFF${csv.people.replace('tax-huang,黄 (税务局经办),tax,staff', 'tax-ma,"马, 税务局经办",tax,staff')}`);
  const read = await readDirectoryFiles([people], demo);
  expect(read.problems).toEqual([]);
  expect(read.sheets).toEqual(['人员']);
  expect(read.directory!.departments).toEqual(demo.departments);
  expect(read.directory!.people.find((p) => p.id === 'tax-ma')?.name).toBe('马, 税务局经办');
  const changes = directoryChanges(demo, read.directory!);
  expect(changes.people).toEqual({ added: ['tax-ma'], changed: [], removed: ['tax-huang'] });
  expect(holdersLeaving(demo, read.directory!)).toEqual({ people: [{ id: 'tax-huang', departments: 'all' }], departments: [] });
  // Without a current directory, both sheets are needed.
  expect((await readDirectoryFiles([people])).problems).toEqual([{ sheet: '部门', message: 'the sheet 部门 is missing' }]);
});

test('every field of a person and a department has its column: a field added to the contract must be added to the sheet', () => {
  const columns = (key: 'people' | 'departments') => COLUMNS[key].map((c) => c.key);
  const personFields = Object.keys(Person.shape).flatMap((f) => (f === 'channels' ? ['email', 'emailKinds', 'webhookUrl', 'webhookFormat', 'webhookKinds'] : f === 'quietHours' ? ['quietFrom', 'quietTo'] : [f]));
  expect(columns('people').sort()).toEqual(personFields.sort());
  expect(columns('departments').sort()).toEqual(Object.keys(Department.shape).sort());
  expect(Object.keys(COLUMNS).sort()).toEqual(Object.keys(Directory.shape).sort());
  expect(Object.keys(Channels.shape).sort()).toEqual(['email', 'webhook']);
});

test('the ladder presets are a sheet of their own, each as JSON; a ladder that is not one is named by its cell', async () => {
  const file = join(dir, 'ladders.xlsx');
  const workbook = new ExcelJS.Workbook();
  const tables = directoryTables(demo);
  workbook.addWorksheet('人员').addRows(tables.people);
  workbook.addWorksheet('部门').addRows(tables.departments);
  workbook.addWorksheet('升级阶梯').addRows([...tables.ladders, ['enterpriseRequest.handling.broken', '{"due": '], ['enterpriseRequest.handling.wrong', '{"due": {"duration": "3 days"}, "steps": []}']]);
  await workbook.xlsx.writeFile(file);
  const read = await readDirectoryFiles([file]);
  expect(read.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
    ['升级阶梯', tables.ladders.length + 1, '阶梯 (JSON) (ladder)'],
    ['升级阶梯', tables.ladders.length + 2, '阶梯 (JSON) (ladder)'],
  ]);
  expect(read.problems[0].message).toMatch(/not JSON/);
  expect(read.problems[1].message).toMatch(/^due/);
});

test('CSV fields may hold commas, quotes and line breaks', () => {
  expect(parseCsv('a,"b, c","d ""e""","f\ng"\r\n1,2\n')).toEqual([['a', 'b, c', 'd "e"', 'f\ng'], ['1', '2']]);
});
