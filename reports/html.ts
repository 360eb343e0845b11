/**
 * The report as one self-contained HTML page (no script, no remote font), which the PDF is
 * printed from (reports/pdf.ts): A4, the district's heading, the tables, the bar chart and the
 * notes. The chart's bars are marked by pattern and labelled with their numbers, so colour is
 * never the only mark.
 */
import { formatShanghai } from '../calendar';
import { hasFigures, type FigureRow } from './figures';
import { FIGURE_LABELS, GROUP_LABELS, measureRows, measureWords, periodWords, shownFigures, trendWords, type GroupName, type Report } from './report';

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The parts of a department's due tasks: on time, late, open past due (and not yet due). */
export const CHART_PARTS = [
  { figure: 'onTime', label: '按时办结', fill: '#2e7d32', pattern: 'solid' },
  { figure: 'late', label: '超期办结', fill: '#f9a825', pattern: 'hatch' },
  { figure: 'openPastDue', label: '超期未办结', fill: '#c62828', pattern: 'cross' },
  { figure: 'notYetDue', label: '未到期', fill: '#90a4ae', pattern: 'dots' },
] as const;

/** A horizontal stacked bar per row of due tasks, as SVG, each part with its pattern and its number. */
export function barChartSvg(rows: { name: string; row: FigureRow }[], title: string): string {
  const barHeight = 22;
  const labelWidth = 120;
  const chartWidth = 480;
  const max = Math.max(1, ...rows.map((r) => r.row.figures.due));
  const legendY = rows.length * (barHeight + 10) + 10;
  const height = legendY + 30;
  const defs = `<defs>
    <pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f9a825"/><line x1="0" y1="0" x2="0" y2="6" stroke="#5d4037" stroke-width="2"/></pattern>
    <pattern id="p-cross" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#c62828"/><path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-width="1"/></pattern>
    <pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#90a4ae"/><circle cx="3" cy="3" r="1.2" fill="#263238"/></pattern>
  </defs>`;
  const fillOf = (p: (typeof CHART_PARTS)[number]) => (p.pattern === 'solid' ? p.fill : `url(#p-${p.pattern})`);
  const bars = rows.map(({ name, row }, i) => {
    const y = i * (barHeight + 10) + 4;
    let x = labelWidth;
    const parts = CHART_PARTS.map((p) => {
      const n = row.figures[p.figure];
      if (n === 0) return '';
      const w = (n / max) * chartWidth;
      const part = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${fillOf(p)}" stroke="#fff"><title>${esc(name)} ${p.label} ${n}</title></rect>`
        + `<text x="${(x + w / 2).toFixed(1)}" y="${y + 15}" text-anchor="middle" class="n">${n}</text>`;
      x += w;
      return part;
    }).join('');
    return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${esc(name)}</text>${parts}<text x="${(x + 4).toFixed(1)}" y="${y + 15}">共 ${row.figures.due}</text>`;
  }).join('');
  const legend = CHART_PARTS.map((p, i) => `<rect x="${labelWidth + i * 110}" y="${legendY}" width="14" height="14" fill="${fillOf(p)}"/><text x="${labelWidth + i * 110 + 18}" y="${legendY + 12}">${p.label}</text>`).join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelWidth + chartWidth + 60} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg" class="chart">${defs}${bars}${legend}</svg>`;
}

function tableHtml(report: Report, caption: string, first: string, rows: { name: string; row: FigureRow }[]): string {
  const columns = shownFigures(report);
  return `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(first)}</th>${columns.map((n) => `<th scope="col">${FIGURE_LABELS[n]}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.map(({ name, row }) => `<tr><th scope="row">${esc(name)}</th>${columns.map((n) => `<td>${row.figures[n]}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** 专项指标: each kind's own measures, good of all and the rate, by department and by kind. */
function measuresHtml(report: Report): string {
  if (report.measures.length === 0) return '';
  return `<table><caption>六、专项指标（达标数/总数）</caption><thead><tr><th scope="col"></th>${report.measures.map((m) => `<th scope="col">${esc(m.label)}</th>`).join('')}</tr></thead>`
    + `<tbody>${measureRows(report).map(([name, row]) => `<tr><th scope="row">${esc(name)}</th>${report.measures.map((m) => `<td>${esc(measureWords(row.measures[m.key]))}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function reportHtml(report: Report): string {
  const { figures, ranking } = report;
  const named = (group: GroupName) => figures[group].filter(hasFigures).map((row) => ({ name: report.rowName(group, row), row }));
  const numbers = ['二', '三', '四'];
  const groups = (Object.keys(GROUP_LABELS) as GroupName[])
    .map((g, i) => tableHtml(report, `${numbers[i]}、${GROUP_LABELS[g]}`, GROUP_LABELS[g].slice(1), named(g))).join('');
  const list = (r: (typeof ranking.ranked)[number]) => (ranking.redList.includes(r) ? '红榜' : ranking.blackList.includes(r) ? '黑榜' : '');
  const rankingRows = ranking.ranked.map((r) => `<tr><td>${r.rank}</td><th scope="row">${esc(report.names.department(r.departmentId))}</th><td>${r.score}</td>`
    + `<td>${r.previousRank ?? '—'}</td><td>${trendWords(r.rankChange)}</td><td>${list(r)}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(report.title)} ${esc(figures.period.label)}</title><style>
  @page { size: A4 landscape; margin: 14mm 14mm; }
  body { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; color: #111; margin: 0; }
  h1 { text-align: center; font-size: 20pt; margin: 0 0 4mm; letter-spacing: .1em; }
  .meta { display: flex; flex-wrap: wrap; gap: 2mm 8mm; margin-bottom: 4mm; }
  table { border-collapse: collapse; width: 100%; margin: 3mm 0 5mm; page-break-inside: avoid; font-size: 9pt; }
  caption { text-align: left; font-weight: bold; font-size: 11pt; margin-bottom: 1.5mm; }
  th, td { border: 1px solid #444; padding: 1mm 1.2mm; text-align: center; }
  thead th { background: #e8eef4; }
  tbody th { text-align: left; font-weight: normal; }
  .chart { max-width: 200mm; } .chart text { font-size: 11px; } .chart .n { fill: #000; font-weight: bold; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
  ol { padding-left: 5mm; font-size: 9pt; }
</style></head><body>
<h1>${esc(report.title)}</h1>
<div class="meta"><span>统计期间：${esc(periodWords(figures.period))}</span><span>范围：${esc(report.scope)}</span><span>统计截至：${esc(formatShanghai(new Date(figures.asOf)).replace('T', ' ').slice(0, 16))}</span></div>
${tableHtml(report, '一、总体情况', '', [{ name: '合计', row: figures.total }])}
<h2 style="font-size:11pt">各部门办结情况</h2>
${barChartSvg(named('byDepartment'), '各部门应办结任务的按时、超期情况')}
${groups}
<table><caption>五、红黑榜（部门排名）</caption><thead><tr><th scope="col">名次</th><th scope="col">部门</th><th scope="col">得分</th><th scope="col">上期名次</th><th scope="col">变化</th><th scope="col">榜单</th></tr></thead><tbody>${rankingRows}</tbody></table>
${measuresHtml(report)}
<h2 style="font-size:11pt">说明</h2><ol>${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ol>
</body></html>`;
}
