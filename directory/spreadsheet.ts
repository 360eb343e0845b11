/**
 * The directory as a district keeps it: a spreadsheet with a sheet of people (人员) and a sheet
 * of departments (部门), one row each; or CSV files, one per sheet, each known by its header.
 *
 * ```ts
 * const read = await readDirectoryFiles(['directory/demo.xlsx'], current);
 * if (read.problems.length) print(read.problems);   // each: sheet, row, column, what is wrong
 * else apply(read.directory);
 * await writeDirectoryXlsx(directory, 'directory.xlsx');
 * ```
 *
 * A header names its column in Chinese, by its key, or both (`姓名 (name)`, as the export writes
 * it). A list (departments, roles, kinds, categories) is separated by commas, `、` or `;`. Roles
 * are given by key (`staff`) or by their Chinese name (经办人员). Every problem is collected with
 * its sheet, row and column — from the sheets' own shape and from the directory's contract
 * (contracts/directory.ts), mapped back to the cell it came from — so that one reading names them
 * all. A third sheet, 升级阶梯, holds the ladder presets, each as JSON in a cell; without it an
 * import keeps the current ones.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { Directory, directoryReferenceIssues, Role } from '../contracts/directory';

export interface SheetProblem {
  sheet: string;
  /** The spreadsheet's own row number (the header is row 1); undefined for the sheet as a whole. */
  row?: number;
  /** The column's header as the sheet should have it; undefined for a whole row or sheet. */
  column?: string;
  message: string;
}

interface Column { key: string; zh: string; required?: boolean; list?: boolean }

/** A sheet's columns, in the export's order; `key` is the field's path in the directory's contract. */
const PEOPLE: Column[] = [
  { key: 'id', zh: '编号', required: true },
  { key: 'name', zh: '姓名', required: true },
  { key: 'departments', zh: '部门', list: true },
  { key: 'roles', zh: '角色', required: true, list: true },
  { key: 'email', zh: '邮箱' },
  { key: 'emailKinds', zh: '邮件通知类型', list: true },
  { key: 'webhookUrl', zh: 'Webhook 地址' },
  { key: 'webhookFormat', zh: 'Webhook 格式' },
  { key: 'webhookKinds', zh: 'Webhook 通知类型', list: true },
  { key: 'quietFrom', zh: '免打扰开始' },
  { key: 'quietTo', zh: '免打扰结束' },
];
const DEPARTMENTS: Column[] = [
  { key: 'id', zh: '编号', required: true },
  { key: 'name', zh: '名称', required: true },
  { key: 'headId', zh: '负责人', required: true },
  { key: 'assignedLeaderId', zh: '挂点领导', required: true },
  { key: 'handles', zh: '受理类别', list: true },
  { key: 'duties', zh: '职能', list: true },
];
/** Ladder presets (contracts/ladder.ts), one a row: by `<processKind>.<task>[.<name>]`, the ladder as JSON. Optional: without it an import keeps the current ones. */
const LADDERS: Column[] = [
  { key: 'key', zh: '流程.任务', required: true },
  { key: 'ladder', zh: '阶梯 (JSON)', required: true },
];
/** Where each field of the directory is kept (a test checks that every field of the contract has its column). */
export const COLUMNS = { people: PEOPLE, departments: DEPARTMENTS, ladders: LADDERS } as const;
export const SHEETS = {
  people: { name: '人员', columns: PEOPLE }, departments: { name: '部门', columns: DEPARTMENTS }, ladders: { name: '升级阶梯', columns: LADDERS },
} as const;
/** The sheets an import cannot do without (when there is no current directory to keep them from). */
const NEEDED: readonly SheetKey[] = ['people', 'departments'];
type SheetKey = keyof typeof SHEETS;

/** Roles by their Chinese names (DOMAIN.md), beside their keys. */
export const ROLE_NAMES: Record<Role, string> = {
  staff: '经办人员', departmentHead: '部门负责人', leader: '领导', topLeader: '主要领导', liaison: '红小二', committeeStaff: '政协工作人员', projectOffice: '项目督调办', admin: '系统管理员',
};

const header = (c: Column) => `${c.zh} (${c.key})`;
const splitList = (text: string) => text.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);

/** One sheet's rows: each cell's text by column key, with the spreadsheet's row number. */
interface SheetRows { sheet: string; rows: { row: number; cells: Record<string, string> }[] }

function readRows(sheetKey: SheetKey, sheetName: string, table: string[][], problems: SheetProblem[]): SheetRows {
  const { columns } = SHEETS[sheetKey];
  const [head = [], ...body] = table;
  const byIndex = new Map<number, Column>();
  head.forEach((text, i) => {
    const t = text.trim();
    if (!t) return;
    const column = columns.find((c) => t === c.key || t === c.zh || t === header(c) || t.replace(/\s+/g, '') === header(c).replace(/\s+/g, ''));
    if (!column) problems.push({ sheet: sheetName, row: 1, column: t, message: `unknown column "${t}": the columns are ${columns.map(header).join(', ')}` });
    else if ([...byIndex.values()].includes(column)) problems.push({ sheet: sheetName, row: 1, column: header(column), message: 'this column appears twice' });
    else byIndex.set(i, column);
  });
  for (const c of columns) {
    if (c.required && ![...byIndex.values()].includes(c)) problems.push({ sheet: sheetName, row: 1, column: header(c), message: 'this column is missing' });
  }
  const rows: SheetRows['rows'] = [];
  body.forEach((values, i) => {
    const cells: Record<string, string> = {};
    for (const [index, column] of byIndex) cells[column.key] = (values[index] ?? '').trim();
    if (Object.values(cells).every((v) => v === '')) return; // a blank row is no one
    rows.push({ row: i + 2, cells });
  });
  return { sheet: sheetName, rows };
}

function roleOf(text: string): string {
  const byName = (Object.entries(ROLE_NAMES) as [Role, string][]).find(([, zh]) => zh === text);
  return byName ? byName[0] : text;
}

/** The directory the rows describe, and, for each person and department, the row it came from. */
function toDirectory(people: SheetRows | undefined, departments: SheetRows | undefined, ladders: SheetRows | undefined, current: Directory | undefined) {
  const json = (text: string): unknown => { try { return JSON.parse(text); } catch { return undefined; } };
  const person = (cells: Record<string, string>) => {
    const email = cells.email ? { address: cells.email, ...(cells.emailKinds ? { kinds: splitList(cells.emailKinds) } : {}) } : undefined;
    const webhook = cells.webhookUrl ? {
      url: cells.webhookUrl, ...(cells.webhookFormat ? { format: cells.webhookFormat } : {}), ...(cells.webhookKinds ? { kinds: splitList(cells.webhookKinds) } : {}),
    } : undefined;
    return {
      id: cells.id,
      name: cells.name,
      departments: splitList(cells.departments ?? ''),
      roles: splitList(cells.roles ?? '').map(roleOf),
      ...(email || webhook ? { channels: { ...(webhook ? { webhook } : {}), ...(email ? { email } : {}) } } : {}),
      ...(cells.quietFrom || cells.quietTo ? { quietHours: { from: cells.quietFrom, to: cells.quietTo } } : {}),
    };
  };
  const department = (cells: Record<string, string>) => ({
    id: cells.id, name: cells.name, headId: cells.headId, assignedLeaderId: cells.assignedLeaderId, handles: splitList(cells.handles ?? ''),
    duties: splitList(cells.duties ?? ''),
  });
  return {
    candidate: {
      people: people ? people.rows.map((r) => person(r.cells)) : current?.people ?? [],
      departments: departments ? departments.rows.map((r) => department(r.cells)) : current?.departments ?? [],
      ladders: ladders ? Object.fromEntries(ladders.rows.map((r) => [r.cells.key, json(r.cells.ladder ?? '')])) : current?.ladders ?? {},
    },
  };
}

/** The column a contract's issue path points at, in the sheet's words. */
function columnOf(sheetKey: SheetKey, path: PropertyKey[]): string | undefined {
  const [field, ...rest] = path.map(String);
  const key = field === 'channels'
    ? ({ email: { address: 'email', kinds: 'emailKinds' }, webhook: { url: 'webhookUrl', format: 'webhookFormat', kinds: 'webhookKinds' } } as Record<string, Record<string, string>>)[rest[0]]?.[rest[1]] ?? (rest[0] === 'email' ? 'email' : 'webhookUrl')
    : field === 'quietHours' ? (rest[0] === 'to' ? 'quietTo' : 'quietFrom') : field;
  const column = SHEETS[sheetKey].columns.find((c) => c.key === key);
  return column ? header(column) : undefined;
}

export interface ReadDirectory {
  /** The directory the files describe; undefined while any problem remains. */
  directory?: Directory;
  problems: SheetProblem[];
  /** Which sheets the files held (a CSV of people alone keeps the current departments). */
  sheets: string[];
}

/** A sheet's cells as text, the header first. */
type Table = string[][];

async function tablesOf(file: string): Promise<{ name: string; table: Table }[]> {
  if (extname(file).toLowerCase() === '.csv') return [{ name: basename(file), table: parseCsv((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) }];
  if (extname(file).toLowerCase() !== '.xlsx') throw new Error(`${file}: a directory is read from .xlsx or .csv`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => {
    const table: Table = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => { cells[col - 1] = cell.text ?? ''; });
      table[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
    });
    return { name: sheet.name, table: Array.from(table, (r) => r ?? []) };
  });
}

/** Which sheet a table is: by its name, else (a CSV) by its header. */
function sheetKeyOf(name: string, table: Table): SheetKey | undefined {
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    if (name === SHEETS[key].name || name === key || name.replace(/\.csv$/i, '') === key || name.replace(/\.csv$/i, '') === SHEETS[key].name) return key;
  }
  const head = (table[0] ?? []).map((t) => t.trim());
  const has = (c: Column) => head.some((t) => t === c.key || t === c.zh || t === header(c));
  if (has(DEPARTMENTS[2]) || has(DEPARTMENTS[3])) return 'departments';
  if (has(PEOPLE[3])) return 'people';
  if (has(LADDERS[1])) return 'ladders';
  return undefined;
}

/**
 * Reads the directory from an .xlsx (both sheets) or from CSV files (one sheet each). A sheet not
 * given keeps the current directory's rows; with no current directory, both are needed.
 */
export async function readDirectoryFiles(files: string[], current?: Directory): Promise<ReadDirectory> {
  const problems: SheetProblem[] = [];
  const found: Partial<Record<SheetKey, SheetRows>> = {};
  for (const file of files) {
    for (const { name, table } of await tablesOf(file)) {
      const key = sheetKeyOf(name, table);
      if (!key) {
        problems.push({ sheet: name, message: `not a sheet of the directory: name it ${SHEETS.people.name}, ${SHEETS.departments.name} or ${SHEETS.ladders.name} (or give a CSV the columns of one)` });
        continue;
      }
      if (found[key]) {
        problems.push({ sheet: name, message: `a second sheet of ${SHEETS[key].name}` });
        continue;
      }
      found[key] = readRows(key, name, table, problems);
    }
  }
  for (const key of NEEDED) {
    if (!found[key] && !current) problems.push({ sheet: SHEETS[key].name, message: `the sheet ${SHEETS[key].name} is missing` });
  }
  const sheets = (Object.keys(found) as SheetKey[]).map((k) => SHEETS[k].name);
  // Empty required cells, and departments and ladders named twice (the contract checks people's ids itself).
  for (const key of Object.keys(found) as SheetKey[]) {
    const rows = found[key]!;
    const seen = new Map<string, number>();
    for (const { row, cells } of rows.rows) {
      for (const c of SHEETS[key].columns) if (c.required && c.key in cells && cells[c.key] === '') problems.push({ sheet: rows.sheet, row, column: header(c), message: 'this cell must not be empty' });
      const id = key === 'ladders' ? cells.key : cells.id;
      if (key !== 'people' && id) {
        if (seen.has(id)) problems.push({ sheet: rows.sheet, row, column: header(SHEETS[key].columns[0]), message: `${key === 'departments' ? 'department' : 'ladder'} ${id} is already on row ${seen.get(id)}` });
        else seen.set(id, row);
      }
      if (key === 'people' && Boolean(cells.quietFrom) !== Boolean(cells.quietTo)) {
        problems.push({ sheet: rows.sheet, row, column: header(PEOPLE[cells.quietFrom ? 10 : 9]), message: 'quiet hours need both a start and an end (HH:MM)' });
      }
    }
  }
  for (const { row, cells } of found.ladders?.rows ?? []) {
    if (cells.ladder && (() => { try { JSON.parse(cells.ladder); return false; } catch { return true; } })()) {
      problems.push({ sheet: found.ladders!.sheet, row, column: header(LADDERS[1]), message: 'not JSON: write the ladder as the export does (contracts/ladder.ts)' });
    }
  }
  const { candidate } = toDirectory(found.people, found.departments, found.ladders, current);
  // A sheet missing altogether is said once: what the others say of its rows would only echo it.
  const whole = NEEDED.every((k) => found[k] || current);
  const parsed = Directory.safeParse(candidate);
  if (whole && !parsed.success) {
    // The schema checks the entries' references only once every entry has its shape: said here in any case.
    const issues = [...parsed.error.issues.map((i) => ({ path: i.path, message: i.message })), ...directoryReferenceIssues(candidate)];
    const said = new Set<string>();
    for (const issue of issues) {
      const once = `${issue.path.join('.')}:${issue.message}`;
      if (said.has(once)) continue;
      said.add(once);
      const [list, index, ...rest] = issue.path;
      const key = list === 'people' || list === 'departments' || list === 'ladders' ? list : undefined;
      const rows = key ? found[key] : undefined;
      const at = rows && (key === 'ladders' ? rows.rows.find((r) => r.cells.key === index) : typeof index === 'number' ? rows.rows[index] : undefined);
      const column = key === 'ladders' ? header(LADDERS[1]) : key ? columnOf(key, rest) : undefined;
      const what = key === 'ladders' && rest.length ? `${rest.join('.')}: ${issue.message}` : issue.message;
      // An empty required cell is said once, above; the contract's "too small" of it is the same problem.
      if (at && column && problems.some((p) => p.sheet === rows!.sheet && p.row === at.row && p.column === column)) continue;
      if (key && !rows) {
        problems.push({ sheet: SHEETS[key].name, message: `the current directory's ${key} do not fit the new sheet: ${issue.message}` });
        continue;
      }
      problems.push({ sheet: rows?.sheet ?? '—', row: at?.row, column, message: what });
    }
  }
  problems.sort((a, b) => a.sheet.localeCompare(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
  return { directory: problems.length === 0 && parsed.success ? parsed.data : undefined, problems, sheets };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Table {
  const rows: Table = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Each sheet's rows as text, the header first, in the export's columns. */
export function directoryTables(directory: Directory): Record<SheetKey, Table> {
  const join = (list: readonly string[] | undefined) => (list ?? []).join(', ');
  const people = directory.people.map((p) => [
    p.id, p.name, join(p.departments), join(p.roles), p.channels?.email?.address ?? '', join(p.channels?.email?.kinds),
    p.channels?.webhook?.url ?? '', p.channels?.webhook ? p.channels.webhook.format : '', join(p.channels?.webhook?.kinds),
    p.quietHours?.from ?? '', p.quietHours?.to ?? '',
  ]);
  const departments = directory.departments.map((d) => [d.id, d.name, d.headId, d.assignedLeaderId, join(d.handles), join(d.duties)]);
  const ladders = Object.entries(directory.ladders).map(([key, ladder]) => [key, JSON.stringify(ladder)]);
  return { people: [PEOPLE.map(header), ...people], departments: [DEPARTMENTS.map(header), ...departments], ladders: [LADDERS.map(header), ...ladders] };
}

/** The directory as CSV: one file per sheet. */
export function directoryCsv(directory: Directory): Record<SheetKey, string> {
  const tables = directoryTables(directory);
  const csv = (t: Table) => `${t.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
  return { people: csv(tables.people), departments: csv(tables.departments), ladders: csv(tables.ladders) };
}

/** Writes the directory as an .xlsx with its two sheets, headers frozen, columns sized to their text. */
export async function writeDirectoryXlsx(directory: Directory, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Greenlight';
  // A fixed date keeps the file the same for the same directory.
  workbook.created = workbook.modified = new Date('2026-01-01T00:00:00Z');
  const tables = directoryTables(directory);
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    const sheet = workbook.addWorksheet(SHEETS[key].name, { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of tables[key]) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column, i) => {
      column.width = Math.min(60, Math.max(10, ...tables[key].map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2)));
    });
  }
  await workbook.xlsx.writeFile(file);
}
