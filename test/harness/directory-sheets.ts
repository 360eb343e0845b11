/**
 * Spreadsheets of the directory for tests: the demo's, changed by a test, and one with a mistake
 * of every kind a district's sheet is likely to hold, with where each must be named.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readDirectoryFile } from '../../activities/directory-file';
import type { Directory } from '../../contracts/directory';
import { directoryTables } from '../../directory/spreadsheet';
import { repoRoot } from './harness';

export const demoDirectory = (): Directory => readDirectoryFile(join(repoRoot, 'directory/demo.json'));

/** The directory's tables, changed by `edit`, written as an .xlsx with its two sheets. */
export async function spreadsheetOf(directory: Directory, file: string, edit: (tables: { people: string[][]; departments: string[][] }) => void = () => undefined): Promise<string> {
  const tables = directoryTables(directory);
  edit(tables);
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('人员').addRows(tables.people);
  workbook.addWorksheet('部门').addRows(tables.departments);
  await workbook.xlsx.writeFile(file);
  return file;
}

/**
 * The demo's directory with eleven mistakes of ten kinds and more, each in its own cell; and, for
 * each, the sheet, row (the header is row 1), column and words it must be named by.
 */
export async function mistakenSpreadsheet(file: string): Promise<{ file: string; expected: [sheet: string, row: number, column: string, message: RegExp][] }> {
  const demo = demoDirectory();
  const tables = directoryTables(demo);
  const personRow = (id: string) => tables.people.findIndex((r) => r[0] === id) + 1;
  const departmentRow = (id: string) => tables.departments.findIndex((r) => r[0] === id) + 1;
  await spreadsheetOf(demo, file, ({ people, departments }) => {
    const row = (id: string) => personRow(id) - 1;
    people[0].push('电话 (phone)');                                    // a column the directory has no place for
    people[row('drc-chen')][1] = '';                                    // a required cell left empty
    people[row('finance-liu')][0] = 'Finance Liu!';                     // an id of the wrong form
    people[row('tax-huang')][0] = 'tax-head';                           // an id twice
    people[row('housing-wu')][3] = 'staff, boss';                       // a role that does not exist
    people[row('traffic-zheng')][2] = 'traffic, nowhere';               // a department that does not exist
    people[row('permits-feng')][4] = 'not-an-email';                    // an e-mail address that is not one
    people[row('resources-he')].splice(9, 2, '25:00', '07:00');         // a time of day that is not one
    people[row('ecology-lu')][6] = 'ftp://robot.example';               // a webhook that is not http(s)
    departments[departmentRow('fire') - 1][2] = 'ghost';                // a head who is not in the directory
    departments.push(['commerce', '区商务局（重复）', 'commerce-head', 'leader-sun', '']); // a department twice
  });
  return {
    file,
    expected: [
      ['人员', 1, '电话 (phone)', /unknown column/],
      ['人员', personRow('drc-chen'), '姓名 (name)', /must not be empty/],
      ['人员', personRow('finance-liu'), '编号 (id)', /lower-case letters/],
      ['人员', personRow('tax-huang'), '编号 (id)', /duplicate person tax-head/],
      ['人员', personRow('housing-wu'), '角色 (roles)', /Invalid option/],
      ['人员', personRow('traffic-zheng'), '部门 (departments)', /unknown department nowhere/],
      ['人员', personRow('permits-feng'), '邮箱 (email)', /email/i],
      ['人员', personRow('resources-he'), '免打扰开始 (quietFrom)', /HH:MM/],
      ['人员', personRow('ecology-lu'), 'Webhook 地址 (webhookUrl)', /URL/i],
      ['部门', departmentRow('fire'), '负责人 (headId)', /unknown person ghost/],
      ['部门', tables.departments.length + 1, '编号 (id)', /department commerce is already on row/],
    ],
  };
}
