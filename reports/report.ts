/**
 * A report as people read it: the period's figures with names in place of ids, the ranking
 * with its trend, and the notes that say how it was counted. What the workbench page, the
 * .xlsx, the PDF and the CLI's text all show (reports/xlsx.ts, reports/html.ts, reports/pdf.ts).
 */
import { workbenchPath } from '../contracts/workbench-links';
import { computeFigures, figureNames, type FigureName, type FigureRow, type Figures, type MeasureSpec } from './figures';
import type { Facts } from './facts';
import { previousPeriod, type Period } from './period';
import { rankDepartments, type Ranking, type RankingWeights } from './ranking';

/** What each figure is called in the district's tables. */
export const FIGURE_LABELS: Record<FigureName, string> = {
  due: '应办结',
  onTime: '按时办结',
  late: '超期办结',
  lateWorkingDays: '超期工作日',
  openPastDue: '超期未办结',
  notYetDue: '未到期',
  turnedRed: '亮红灯',
  redDays: '红灯天数',
  leaderEscalations: '升级至领导',
  chases: '催办',
  extensionsAsked: '申请延期',
  extensionsGranted: '批准延期',
  supervisionIssued: '督办下达',
  supervisionOnTime: '督办按时回复',
  supervisionLate: '督办逾期回复',
  supervisionReturned: '督办退回',
};

export const GROUP_LABELS = { byDepartment: '按部门', byLeader: '按挂点领导', byKind: '按事项类别' } as const;
export type GroupName = keyof typeof GROUP_LABELS;

export interface Names {
  department(id: string): string;
  person(id: string): string;
  kind(kind: string): string;
  /** How the workbench shows a kind (its items' page or its process page), for a case's link. */
  presentation?(kind: string): { item?: unknown } | undefined;
}

/** A case behind a figure, as a page lists it: its title and where the workbench opens it. */
export interface CaseLink { title: string; href: string }

export interface Report {
  /** The district's heading: 挂责问效通报 or 周调度. */
  title: string;
  /** Whose cases it counts, in words: 全区. */
  scope: string;
  figures: Figures;
  previous: Figures;
  ranking: Ranking;
  /** A group's row named for people. */
  rowName(group: GroupName, row: FigureRow): string;
  names: Names;
  notes: string[];
  /** The kinds' measures counted in this report (the district's total names them), in the registry's order. */
  measures: MeasureSpec[];
  /** A case behind a figure: a task, a 督办 or a process. */
  caseOf(id: string): CaseLink;
}

export const REPORT_NOTES = [
  '应办结：最后期限（含批准的延期）在本期内的任务；其中按时办结、超期办结、超期未办结、未到期各计一次，已撤销的不计。',
  '超期工作日：超期办结的任务越过期限的工作日数（按国家法定节假日及调休安排）。',
  '升级至领导：本期内触达挂点领导或区主要领导的升级提醒；催办：期限已过且已升级后再次发出的提醒。',
  '督办按时回复：本期内首次回复在督办期限之内；督办退回：领导认为回复不到位而退回的次数。',
  '排名得分 = 按时办结率×权重 − 各项扣分（超期工作日、超期未办结、升级至领导、催办、督办逾期、督办退回）×各自权重；得分达到红榜线的前几名上红榜，低于黑榜线的后几名上黑榜；权重和分数线见配置。',
  '数据来源：本系统的事件记录（不取自流程引擎的可见性数据，后者不保存已办结的流程）；时间均为北京时间。',
  '专项指标：各类事项按其流程记录的结果计，达标数/总数（比率），不计入排名得分；一般按本期内发生的计，标明“本年度累计”的为本年度截至期末的情况。',
];

export interface ReportOptions {
  title?: string;
  scope?: string;
  asOf?: Date;
  isWorkingDay(date: string): boolean;
  weights: RankingWeights;
  names: Names;
  /** The kinds' own measures (processes/definition.ts ReportedMeasure). */
  measures?: readonly MeasureSpec[];
}

/** The report of a period, counted from facts, with the previous period for the trend. */
export function buildReport(facts: Facts, period: Period, o: ReportOptions): Report {
  const figures = computeFigures(facts, period, { asOf: o.asOf, isWorkingDay: o.isWorkingDay, measures: o.measures });
  const previous = computeFigures(facts, previousPeriod(period), { asOf: o.asOf, isWorkingDay: o.isWorkingDay, measures: o.measures });
  const tasks = new Map(facts.tasks.map((t) => [t.taskId, t]));
  const instructions = new Map(facts.instructions.map((i) => [i.instructionId, i]));
  const processes = new Map((facts.processes ?? []).map((p) => [p.processId, p]));
  const title = o.title ?? (period.kind === 'week' ? '挂责问效周调度' : `挂责问效${{ month: '月度', quarter: '季度', year: '年度' }[period.kind]}通报`);
  return {
    title,
    scope: o.scope ?? '全区',
    figures,
    previous,
    ranking: rankDepartments(figures, previous, o.weights),
    names: o.names,
    rowName: (group, row) => (row.key === '—' ? '（未指定）'
      : group === 'byDepartment' ? o.names.department(row.key) : group === 'byLeader' ? o.names.person(row.key) : o.names.kind(row.key)),
    notes: REPORT_NOTES,
    measures: (o.measures ?? []).filter((m) => (figures.total.measures[m.key]?.total ?? 0) > 0)
      .map((m) => (m.over === 'year' ? { ...m, label: `${m.label}（本年度累计）` } : m)),
    caseOf: (id) => {
      const task = tasks.get(id);
      if (task) return { title: task.title, href: workbenchPath({ taskId: id })! };
      const instruction = instructions.get(id);
      if (instruction) return { title: `督办：${processes.get(instruction.processId)?.title ?? instruction.processId}`, href: workbenchPath({ instructionId: id })! };
      const p = processes.get(id);
      if (p) return { title: p.title, href: workbenchPath({ processKind: p.processKind, processId: id, presentation: o.names.presentation?.(p.processKind) })! };
      return { title: id, href: id.includes('/instruction') ? workbenchPath({ instructionId: id })! : workbenchPath({ taskId: id })! };
    },
  };
}

/** A measure's count in words: 3/4（75%）, or — when nothing was counted. */
export function measureWords(c: { good: number; total: number } | undefined): string {
  if (!c || c.total === 0) return '—';
  return `${c.good}/${c.total}（${Math.round((c.good / c.total) * 1000) / 10}%）`;
}

/** The columns the tables show, in order (未到期 only where something is not yet due). */
export function shownFigures(report: Report): FigureName[] {
  return figureNames.filter((n) => n !== 'notYetDue' || report.figures.total.figures.notYetDue > 0);
}

/** The period in words: 2026年11月（2026-11-01 至 2026-11-30）. */
export function periodWords(p: Period): string {
  const last = new Date(p.end.getTime() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${p.label}（${p.firstDay} 至 ${last}）`;
}

/** A trend in words and a sign, never colour alone: ↑2 名 / ↓1 名 / 持平 / 新上榜. */
export function trendWords(change: number | undefined): string {
  if (change === undefined) return '新上榜';
  if (change === 0) return '持平';
  return change > 0 ? `↑${change} 名` : `↓${-change} 名`;
}

/** The rows of the measures' table: the total, each department, each kind — those that counted any. */
export function measureRows(report: Report): Array<[string, FigureRow]> {
  const counted = (r: FigureRow) => report.measures.some((m) => (r.measures[m.key]?.total ?? 0) > 0);
  return [
    ['合计', report.figures.total],
    ...report.figures.byDepartment.filter(counted).map((r): [string, FigureRow] => [report.rowName('byDepartment', r), r]),
    ...report.figures.byKind.filter(counted).map((r): [string, FigureRow] => [report.rowName('byKind', r), r]),
  ];
}
