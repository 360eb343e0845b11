/**
 * The report as the workbench page reads it (GET /api/reports/accountability): the tables with
 * names in place of ids, the chart as SVG, the ranking with its trend in words, and the notes.
 */
import { z } from 'zod';
import { figureNames, hasFigures } from './figures';
import { barChartSvg } from './html';
import { FIGURE_LABELS, GROUP_LABELS, periodWords, shownFigures, trendWords, type GroupName, type Report } from './report';

const MeasureCount = z.object({ good: z.number(), total: z.number(), cases: z.object({ good: z.array(z.string()), bad: z.array(z.string()) }) });
const Row = z.object({
  key: z.string(), name: z.string(), figures: z.record(z.string(), z.number()), cases: z.record(z.string(), z.array(z.string())),
  measures: z.record(z.string(), MeasureCount),
});
export const ReportView = z.object({
  title: z.string(),
  scope: z.string(),
  period: z.object({ kind: z.string(), key: z.string(), label: z.string(), words: z.string(), previous: z.string() }),
  asOf: z.string(),
  columns: z.array(z.object({ name: z.enum(figureNames), label: z.string() })),
  groups: z.array(z.object({ name: z.string(), label: z.string(), rows: z.array(Row) })),
  /** The kinds' own measures counted in this report (a key project's nodes on time, satisfaction): each row's `measures` by key. */
  measures: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Every case behind a figure: its title and the workbench's page for it. */
  caseLinks: z.record(z.string(), z.object({ title: z.string(), href: z.string() })),
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
  const rows = (group: GroupName) => figures[group].map((r) => ({ key: r.key, name: report.rowName(group, r), figures: r.figures, cases: r.cases, measures: r.measures }));
  const all = [figures.total, ...figures.byDepartment, ...figures.byLeader, ...figures.byKind];
  const ids = new Set(all.flatMap((r) => [...Object.values(r.cases).flat(), ...Object.values(r.measures).flatMap((c) => [...c.cases.good, ...c.cases.bad])]));
  return {
    title: report.title,
    scope: report.scope,
    period: { kind: figures.period.kind, key: figures.period.key, label: figures.period.label, words: periodWords(figures.period), previous: report.previous.period.label },
    asOf: figures.asOf,
    columns: shownFigures(report).map((name) => ({ name, label: FIGURE_LABELS[name] })),
    groups: [
      { name: 'total', label: '总体情况', rows: [{ key: 'total', name: '合计', figures: figures.total.figures, cases: figures.total.cases, measures: figures.total.measures }] },
      ...(Object.keys(GROUP_LABELS) as GroupName[]).map((g) => ({ name: g, label: GROUP_LABELS[g], rows: rows(g) })),
    ],
    measures: report.measures.map((m) => ({ key: m.key, label: m.label })),
    caseLinks: Object.fromEntries([...ids].map((id) => [id, report.caseOf(id)])),
    chartSvg: barChartSvg(rows('byDepartment').filter(hasFigures).map((r) => ({ name: r.name, row: r })), '各部门应办结任务的按时、超期情况'),
    ranking: ranking.ranked.map((r) => ({
      rank: r.rank, departmentId: r.departmentId, name: report.names.department(r.departmentId), score: r.score, previousRank: r.previousRank,
      trend: trendWords(r.rankChange), list: ranking.redList.includes(r) ? 'red' : ranking.blackList.includes(r) ? 'black' : '',
    })),
    notes: report.notes,
  };
}
