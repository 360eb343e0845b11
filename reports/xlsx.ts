/**
 * The report as an Excel workbook (.xlsx, which WPS and Excel open): one sheet 通报 as a district
 * formats it — the heading, the period, the scope and the time it was counted, then each table
 * under its own title (总体, 按部门, 按挂点领导, 按事项类别, 红黑榜) and the notes (说明) — and
 * a sheet per table of the cases behind the late and open figures (超期明细).
 */
import ExcelJS from 'exceljs';
import { formatShanghai } from '../calendar';
import { hasFigures, type FigureRow } from './figures';
import { FIGURE_LABELS, GROUP_LABELS, measureRows, measureWords, periodWords, shownFigures, trendWords, type GroupName, type Report } from './report';

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export async function reportXlsx(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Greenlight';
  workbook.created = workbook.modified = new Date(report.figures.asOf);
  const sheet = workbook.addWorksheet('通报', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const columns = shownFigures(report);
  const width = columns.length + 1;

  const heading = sheet.addRow([report.title]);
  sheet.mergeCells(heading.number, 1, heading.number, width);
  heading.font = { bold: true, size: 16 };
  heading.alignment = { horizontal: 'center' };
  sheet.addRow(['统计期间', periodWords(report.figures.period)]);
  sheet.addRow(['范围', report.scope]);
  sheet.addRow(['统计截至', formatShanghai(new Date(report.figures.asOf)).replace('T', ' ').slice(0, 16)]);

  const table = (title: string, header: string[], rows: (string | number)[][]) => {
    sheet.addRow([]);
    const t = sheet.addRow([title]);
    t.font = { bold: true, size: 12 };
    const h = sheet.addRow(header);
    h.font = { bold: true };
    h.eachCell((c) => {
      c.border = border;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    });
    for (const r of rows) sheet.addRow(r).eachCell((c) => { c.border = border; });
  };
  const values = (r: FigureRow) => columns.map((n) => r.figures[n]);

  table('一、总体情况', ['', ...columns.map((n) => FIGURE_LABELS[n])], [['合计', ...values(report.figures.total)]]);
  const numbers = ['二', '三', '四'];
  (Object.keys(GROUP_LABELS) as GroupName[]).forEach((group, i) => {
    table(`${numbers[i]}、${GROUP_LABELS[group]}`, [GROUP_LABELS[group].slice(1), ...columns.map((n) => FIGURE_LABELS[n])],
      report.figures[group].filter(hasFigures).map((r) => [report.rowName(group, r), ...values(r)]));
  });
  const { ranking } = report;
  table('五、红黑榜（部门排名）', ['名次', '部门', '得分', '上期名次', '上期得分', '变化', '榜单'],
    ranking.ranked.map((r) => [
      r.rank, report.names.department(r.departmentId), r.score, r.previousRank ?? '—', r.previousScore ?? '—', trendWords(r.rankChange),
      ranking.redList.includes(r) ? '红榜' : ranking.blackList.includes(r) ? '黑榜' : '',
    ]));
  if (report.measures.length > 0) {
    table('六、专项指标（达标数/总数）', ['', ...report.measures.map((m) => m.label)], measureRows(report).map(([name, row]) => [name, ...report.measures.map((m) => measureWords(row.measures[m.key]))]));
  }
  sheet.addRow([]);
  sheet.addRow(['说明']).font = { bold: true };
  report.notes.forEach((n, i) => {
    const row = sheet.addRow([`${i + 1}. ${n}`]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 30;
  });
  sheet.getColumn(1).width = 22;
  for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 11;

  const late = workbook.addWorksheet('超期明细');
  late.addRow(['情形', '任务', '部门']).font = { bold: true };
  late.views = [{ state: 'frozen', ySplit: 1 }];
  for (const [group, figure] of [['byDepartment', 'late'], ['byDepartment', 'openPastDue']] as const) {
    for (const row of report.figures[group]) {
      for (const id of row.cases[figure]) late.addRow([FIGURE_LABELS[figure], report.caseOf(id).title, report.rowName(group, row)]);
    }
  }
  late.columns.forEach((c, i) => { c.width = i === 1 ? 36 : 16; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
