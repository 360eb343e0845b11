/**
 * Who is sent a scheduled report, and what each one reads: every leader (挂点领导 and the top
 * leaders) the report over what they oversee (their board's scope: api/policy.ts boardScope), and
 * every department head their department's; each in words — the period's figures, each
 * department its own line and its late cases by name, and for the whole district the 红黑榜.
 * The notifier tells them on their channels (`gl.notify.<person>`, webhook, e-mail) with the link.
 */
import { boardScope } from '../api/policy';
import type { Directory, Person } from '../contracts/directory';
import type { FigureName, FigureRow } from './figures';
import { FIGURE_LABELS, measureWords, periodWords, type Report } from './report';
import type { ReportScope } from './source';

/** The figures a notice says of a row, in order, when not zero. */
const SAID: readonly FigureName[] = [
  'due', 'onTime', 'late', 'lateWorkingDays', 'openPastDue', 'turnedRed', 'leaderEscalations', 'chases',
  'extensionsAsked', 'extensionsGranted', 'supervisionIssued', 'supervisionOnTime', 'supervisionLate', 'supervisionReturned',
];
/** The cases named under a department: the late and the still open past due. */
const NAMED: readonly FigureName[] = ['late', 'openPastDue'];
/** At most this many cases are named per figure; the link opens them all. */
const MAX_NAMED = 5;

/** Whether a person is sent scheduled reports. */
export function receivesReports(p: Person): boolean {
  return p.roles.some((r) => r === 'leader' || r === 'topLeader' || r === 'departmentHead');
}

/** The scope of a person's report: a leader's board, a head's own departments. */
export function reportScopeOf(p: Person, directory: Directory): ReportScope {
  if (p.roles.includes('leader') || p.roles.includes('topLeader')) {
    return boardScope({ personId: p.id, departments: p.departments, roles: p.roles }, directory);
  }
  return { departments: p.departments, people: [] };
}

/** A row's non-zero figures in words, then its measures: 应办结 3，按时办结 1，超期办结 1，重点项目节点按时完成 2/3（66.7%）. */
export function figureWords(row: FigureRow, measures: Report['measures'] = []): string {
  return [
    ...SAID.filter((n) => row.figures[n] > 0).map((n) => `${FIGURE_LABELS[n]} ${row.figures[n]}`),
    ...measures.filter((m) => (row.measures[m.key]?.total ?? 0) > 0).map((m) => `${m.label} ${measureWords(row.measures[m.key])}`),
  ].join('，') || '本期无统计事项';
}

/** The lines of one person's notice, from their report: each case named by its title. */
export function noticeLines(report: Report): string[] {
  const titleOf = (id: string) => report.caseOf(id).title;
  const { figures, ranking } = report;
  const lines = [`统计期间：${periodWords(figures.period)}；范围：${report.scope}`, `合计：${figureWords(figures.total, report.measures)}`];
  for (const row of figures.byDepartment) {
    lines.push(`${report.rowName('byDepartment', row)}：${figureWords(row, report.measures)}`);
    for (const name of NAMED) {
      const cases = row.cases[name];
      if (cases.length === 0) continue;
      const shown = cases.slice(0, MAX_NAMED).map(titleOf).join('；');
      lines.push(`\u3000${FIGURE_LABELS[name]}：${shown}${cases.length > MAX_NAMED ? ` 等 ${cases.length} 件` : ''}`);
    }
  }
  if (report.scope === '全区' && ranking.ranked.length > 0) {
    const names = (rows: typeof ranking.redList) => rows.map((r) => `${report.names.department(r.departmentId)}（${r.score} 分）`).join('、') || '无';
    lines.push(`红榜：${names(ranking.redList)}`, `黑榜：${names(ranking.blackList)}`);
  }
  return lines;
}
