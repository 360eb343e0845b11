/**
 * The seeded November's report written as .xlsx (read back with exceljs) and as PDF (its text
 * through pdftotext; its first page as a PNG through pdftoppm, into web/screenshots to look at).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { WorkingCalendar } from '../calendar';
import { parsePeriod } from './period';
import { RankingWeights } from './ranking';
import { buildReport, type Report } from './report';
import { reportPdf } from './pdf';
import { reportXlsx } from './xlsx';
import { seededFacts } from '../test/fixtures/reports/seeded-history';
import { registeredMeasures } from './source';
import defaults from './ranking-weights.json';

const calendar = WorkingCalendar.load();
export const seededNames = {
  department: (id: string) => ({ 'tax': '区税务局', 'housing': '区住建局', 'resources': '区自然资源局', 'traffic': '区交警大队' })[id] ?? id,
  person: (id: string) => ({ 'leader-sun': '孙副区长', 'leader-li': '李副区长' })[id] ?? id,
  kind: (k: string) => ({ enterpriseRequest: '企业诉求', hotlineTicket: '12345热线', proposalHandling: '政协提案', keyProjectPush: '重点项目' })[k] ?? k,
};

function seededReport(): Report {
  return buildReport(seededFacts, parsePeriod('month', '2026-11'), {
    isWorkingDay: (d) => calendar.day(d).working, weights: RankingWeights.parse(defaults), names: seededNames, measures: registeredMeasures,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gl-report-'));
const screenshots = join(__dirname, '../web/screenshots');

test('the .xlsx read back carries the title, the period, the scope, the tables and the notes', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await reportXlsx(seededReport()) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('通报')!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  const after = (title: string, n: number) => rows[rows.findIndex((r) => r[0] === title) + n];
  expect(rows[0][0]).toBe('挂责问效月度通报');
  expect(rows[1]).toEqual(['统计期间', '2026年11月（2026-11-01 至 2026-11-30）']);
  expect(rows[2]).toEqual(['范围', '全区']);
  expect(after('一、总体情况', 1).slice(1, 6)).toEqual(['应办结', '按时办结', '超期办结', '超期工作日', '超期未办结']);
  expect(after('一、总体情况', 2).slice(0, 6)).toEqual(['合计', '4', '1', '2', '4', '1']);
  expect(after('二、按部门', 2).slice(0, 6)).toEqual(['区住建局', '2', '0', '1', '3', '1']);
  expect(after('二、按部门', 3).slice(0, 6)).toEqual(['区税务局', '2', '1', '1', '1', '0']);
  expect(after('三、按挂点领导', 2)[0]).toBe('李副区长');
  expect(after('四、按事项类别', 2)[0]).toBe('企业诉求');
  expect(after('五、红黑榜（部门排名）', 2)).toEqual(['1', '区税务局', '45', '—', '—', '新上榜', '黑榜']);
  expect(after('五、红黑榜（部门排名）', 3)).toEqual(['2', '区住建局', '-20', '1', '-9', '↓1 名', '黑榜']);
  expect(rows.find((r) => r[0].startsWith('6. '))?.[0]).toContain('不取自流程引擎');
  // The kinds' own measures: good of all, the proposals' over the year (resources and traffic only here, not in the figures' tables).
  expect(after('六、专项指标（达标数/总数）', 1)).toEqual(['', '12345回访满意', '重点项目节点按时完成', '重点项目问题按时销号', '提案办理满意（本年度累计）']);
  expect(after('六、专项指标（达标数/总数）', 2)).toEqual(['合计', '1/2（50%）', '1/2（50%）', '1/2（50%）', '2/2（100%）']);
  expect(after('六、专项指标（达标数/总数）', 4)).toEqual(['区自然资源局', '—', '1/1（100%）', '—', '—']);
  expect(rows.filter((r) => r[0] === '区交警大队').length).toBe(1);
  const late = workbook.getWorksheet('超期明细')!;
  expect(late.getRow(2).values).toEqual([undefined, '超期办结', '物业：停车收费', '区住建局']);
  writeFileSync(join(dir, 'report.xlsx'), await reportXlsx(seededReport()));
});

test('the PDF is A4 landscape and its text carries the Chinese heading and the numbers', async () => {
  const file = join(dir, 'report.pdf');
  writeFileSync(file, await reportPdf(seededReport()));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/); // landscape
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  expect(fonts).toMatch(/WenQuanYi.*yes/i); // embedded
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  writeFileSync(join(dir, 'report.txt'), text);
  expect(text).toContain('挂责问效月度通报');
  expect(text).toContain('2026年11月（2026-11-01 至 2026-11-30）');
  expect(text).toMatch(/合计\s+4\s+1\s+2\s+4\s+1\s/);
  expect(text).toMatch(/区住建局\s+2\s+0\s+1\s+3\s+1\s/);
  expect(text).toMatch(/1\s+区税务局\s+45\s+—\s+新上榜\s+黑榜/);
  expect(text).toContain('↓1 名');
  expect(text).toContain('六、专项指标（达标数/总数）');
  expect(text).toMatch(/区自然资源局\s+—\s+1\/1（100%）/);
  mkdirSync(screenshots, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, join(screenshots, 'report-pdf')]);
}, 60_000);
