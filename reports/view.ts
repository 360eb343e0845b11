/**
 * The report as the workbench page reads it (GET /api/reports/accountability): the tables with
 * names in place of ids, the chart as SVG, the ranking with its trend in words, and the notes.
 */
import { z } from 'zod';
import { figureNames } from './figures';
import { barChartSvg } from './html';
import { FIGURE_LABELS, GROUP_LABELS, periodWords, shownFigures, trendWords, type GroupName, type Report } from './report';

const Row = z.object({ key: z.string(), name: z.string(), figures: z.record(z.string(), z.number()), cases: z.record(z.string(), z.array(z.string())) });
export const ReportView = z.object({
  title: z.string(),
  scope: z.string(),
  period: z.object({ kind: z.string(), key: z.string(), label: z.string(), words: z.string(), previous: z.string() }),
  asOf: z.string(),
  columns: z.array(z.object({ name: z.enum(figureNames), label: z.string() })),
  groups: z.array(z.object({ name: z.string(), label: z.string(), rows: z.array(Row) })),
  chartSvg: z.string(),
  ranking: z.array(z.object({
    rank: z.number(), departmentId: z.string(), name: z.string(), score: z.number(),
    previousRank: z.number().optional(), trend: z.string(), list: z.enum(['red', 'black', '']),
  })),
  notes: z.array(z.string()),
});
export type ReportView = z.infer<typeof ReportView>;

export function reportView(report: Report): ReportView {
  const { figures, ranking } = report;
  const rows = (group: GroupName) => figures[group].map((r) => ({ key: r.key, name: report.rowName(group, r), figures: r.figures, cases: r.cases }));
  return {
    title: report.title,
    scope: report.scope,
    period: { kind: figures.period.kind, key: figures.period.key, label: figures.period.label, words: periodWords(figures.period), previous: report.previous.period.label },
    asOf: figures.asOf,
    columns: shownFigures(report).map((name) => ({ name, label: FIGURE_LABELS[name] })),
    groups: [
      { name: 'total', label: '总体情况', rows: [{ key: 'total', name: '合计', figures: figures.total.figures, cases: figures.total.cases }] },
      ...(Object.keys(GROUP_LABELS) as GroupName[]).map((g) => ({ name: g, label: GROUP_LABELS[g], rows: rows(g) })),
    ],
    chartSvg: barChartSvg(rows('byDepartment').map((r) => ({ name: r.name, row: { key: r.key, figures: r.figures, cases: r.cases } })), '各部门应办结任务的按时、超期情况'),
    ranking: ranking.ranked.map((r) => ({
      rank: r.rank, departmentId: r.departmentId, name: report.names.department(r.departmentId), score: r.score, previousRank: r.previousRank,
      trend: trendWords(r.rankChange), list: ranking.redList.includes(r) ? 'red' : ranking.blackList.includes(r) ? 'black' : '',
    })),
    notes: report.notes,
  };
}
