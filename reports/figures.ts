/**
 * 挂责问效: the figures of a period, from the facts of tasks and supervision instructions, in
 * total and by department, by assigned leader (挂点领导) and by kind. Pure: the caller gives the
 * facts, the period, the instant the report is made as of, and which days are working days.
 *
 * What each figure counts (the period is half-open, [start, end), in Asia/Shanghai):
 * - `due`: tasks whose last deadline falls in the period (cancelled ones are not counted);
 *   each of them is exactly one of `onTime` (done by its deadline), `late` (done after it, by
 *   `asOf`), `openPastDue` (not done by `asOf`, deadline passed) or `notYetDue`.
 * - `lateWorkingDays`: over the late ones, the working days each ran into past its deadline
 *   (a deadline at 24:00 Friday met on Monday morning is 1 late working day).
 * - `turnedRed`: tasks whose light turned red in the period; `redDays`: the days (24 h) tasks
 *   stood red within the period, up to `asOf`.
 * - `leaderEscalations`: rungs fired in the period that reached a leader (the assigned leader
 *   or the top leaders); `chases`: rungs fired in the period after the task's deadline (催办).
 * - `extensionsAsked` / `extensionsGranted`: requests made / granted in the period.
 * - `supervisionIssued`: 督办 issued in the period; `supervisionOnTime` / `supervisionLate`: first
 *   answers given in the period by / after the instruction's deadline; `supervisionReturned`:
 *   answers returned (退回) in the period.
 * Every figure keeps the ids of the cases behind it (`cases`), so a page can open them.
 *
 * Then each kind's own measures (processes/definition.ts ReportedMeasure: a key project's nodes
 * on time, a ticket's callbacks satisfied, the proposals' satisfaction over the session), from
 * the facts its processes declared: `total` facts counted, `good` of them, and the processes
 * behind each (`cases.good`, `cases.bad`). A fact counts for the department it names (else its
 * process's), its process's leader and its kind.
 */
import { formatCivilDate } from '../calendar/civil-date';
import { shanghaiDay } from '../calendar/shanghai-time';
import { parseFact } from '../contracts/events';
import type { Facts, InstructionFact, ProcessFact, TaskFact } from './facts';
import { periodHolding, type Period } from './period';

export const figureNames = [
  'due', 'onTime', 'late', 'lateWorkingDays', 'openPastDue', 'notYetDue', 'turnedRed', 'redDays',
  'leaderEscalations', 'chases', 'extensionsAsked', 'extensionsGranted',
  'supervisionIssued', 'supervisionOnTime', 'supervisionLate', 'supervisionReturned',
] as const;
export type FigureName = (typeof figureNames)[number];

/** A kind's measure as the figures count it: `key` is `<kind>.<name>`. */
export interface MeasureSpec {
  key: string;
  kind: string;
  label: string;
  good: readonly string[];
  bad: readonly string[];
  over?: 'period' | 'year';
}

export interface MeasureCount {
  good: number;
  total: number;
  /** The processes behind the good ones and the others. */
  cases: { good: string[]; bad: string[] };
}

/** The figures of one group (a department, a leader, a kind, or all), and the cases behind each. */
export interface FigureRow {
  key: string;
  figures: Record<FigureName, number>;
  cases: Record<FigureName, string[]>;
  /** By measure key, those counted in this group. */
  measures: Record<string, MeasureCount>;
}

export interface Figures {
  period: Period;
  asOf: string;
  total: FigureRow;
  byDepartment: FigureRow[];
  byLeader: FigureRow[];
  byKind: FigureRow[];
}

export interface FigureOptions {
  /** The instant the report is made as of: what was not done by then is open. Default: the period's end. */
  asOf?: Date;
  /** Whether a Shanghai civil date (YYYY-MM-DD) is a working day (calendar/ WorkingCalendar.day(d).working). */
  isWorkingDay(date: string): boolean;
  /** The kinds' measures (from the registry's definitions); none when absent. */
  measures?: readonly MeasureSpec[];
}

/** Roles whose reach makes an escalation one that reached a leader. */
const leaderRoles = new Set(['assignedLeader', 'topLeaders']);
/** The key of a group a fact does not name. */
export const NONE = '—';

const ms = (iso: string) => Date.parse(iso);
const DAY_MS = 86_400_000;

function emptyRow(key: string): FigureRow {
  const figures = {} as Record<FigureName, number>;
  const cases = {} as Record<FigureName, string[]>;
  for (const name of figureNames) {
    figures[name] = 0;
    cases[name] = [];
  }
  return { key, figures, cases, measures: {} };
}

function add(row: FigureRow, name: FigureName, caseId: string, amount = 1): void {
  row.figures[name] += amount;
  if (!row.cases[name].includes(caseId)) row.cases[name].push(caseId);
}

/** The working days a task ran into past its deadline: those overlapping (due, done). */
export function lateWorkingDays(dueAt: string, doneAt: string, isWorkingDay: (date: string) => boolean): number {
  if (ms(doneAt) <= ms(dueAt)) return 0;
  const first = shanghaiDay(new Date(dueAt));
  const last = shanghaiDay(new Date(ms(doneAt) - 1));
  let n = 0;
  for (let d = first; d <= last; d++) if (isWorkingDay(formatCivilDate(d))) n++;
  return n;
}

/** What one task adds to a row. */
function countTask(row: FigureRow, t: TaskFact, start: number, end: number, asOf: number, isWorkingDay: FigureOptions['isWorkingDay']): void {
  const inPeriod = (iso: string) => ms(iso) >= start && ms(iso) < end && ms(iso) <= asOf;
  const id = t.taskId;
  if (t.dueAt && !t.cancelled && ms(t.dueAt) >= start && ms(t.dueAt) < end) {
    const due = ms(t.dueAt);
    const done = t.doneAt !== undefined && ms(t.doneAt) <= asOf ? ms(t.doneAt) : undefined;
    add(row, 'due', id);
    if (done !== undefined && done <= due) add(row, 'onTime', id);
    else if (done !== undefined) {
      add(row, 'late', id);
      add(row, 'lateWorkingDays', id, lateWorkingDays(t.dueAt, t.doneAt!, isWorkingDay));
    } else if (due < asOf) add(row, 'openPastDue', id);
    else add(row, 'notYetDue', id);
  }
  let redMs = 0;
  for (const span of t.reds) {
    if (inPeriod(span.from)) add(row, 'turnedRed', id);
    const from = Math.max(ms(span.from), start);
    const to = Math.min(span.to ? ms(span.to) : Infinity, end, asOf);
    if (to > from) redMs += to - from;
  }
  if (redMs > 0) add(row, 'redDays', id, redMs / DAY_MS);
  for (const rung of t.rungs) {
    if (!inPeriod(rung.at)) continue;
    if (rung.kind === 'escalation' && rung.roles.some((r) => leaderRoles.has(r))) add(row, 'leaderEscalations', id);
    if (rung.chase) add(row, 'chases', id);
  }
  for (const x of t.extensions) {
    if (inPeriod(x.requestedAt)) add(row, 'extensionsAsked', id);
    if (x.granted && x.decidedAt && inPeriod(x.decidedAt)) add(row, 'extensionsGranted', id);
  }
}

function countInstruction(row: FigureRow, i: InstructionFact, start: number, end: number, asOf: number): void {
  const inPeriod = (iso: string) => ms(iso) >= start && ms(iso) < end && ms(iso) <= asOf;
  const id = i.instructionId;
  if (inPeriod(i.issuedAt)) add(row, 'supervisionIssued', id);
  const first = [...i.answeredAt].sort((a, b) => ms(a) - ms(b))[0];
  if (first && inPeriod(first)) {
    if (!i.dueAt || ms(first) <= ms(i.dueAt)) add(row, 'supervisionOnTime', id);
    else add(row, 'supervisionLate', id);
  }
  for (const r of i.returnedAt) if (inPeriod(r)) add(row, 'supervisionReturned', id);
}

/** Whether a row counts a task or a 督办 (and not only a kind's measures): the figure tables and the ranking show it. */
export function hasFigures(row: FigureRow): boolean {
  return figureNames.some((n) => row.figures[n] > 0);
}

/** What one process's facts add to the rows they count for (by the department each names). */
function countProcess(p: ProcessFact, measures: readonly MeasureSpec[], period: Period, asOf: number, rowsOf: (departmentId: string | undefined) => FigureRow[]): void {
  const end = Math.min(period.end.getTime(), asOf);
  const yearStart = periodHolding('year', period.start).start.getTime();
  for (const m of measures.filter((x) => x.kind === p.processKind)) {
    for (const f of p.facts) {
      const { name, departmentId } = parseFact(f.fact);
      const good = m.good.includes(name);
      if (!good && !m.bad.includes(name)) continue;
      const from = ms(f.from);
      const counted = m.over === 'year'
        ? from >= yearStart && from < end && (f.to === undefined || ms(f.to) >= end)
        : from >= period.start.getTime() && from < end;
      if (!counted) continue;
      for (const row of rowsOf(departmentId || p.departmentId)) {
        const c = row.measures[m.key] ??= { good: 0, total: 0, cases: { good: [], bad: [] } };
        c.total++;
        if (good) c.good++;
        const list = good ? c.cases.good : c.cases.bad;
        if (!list.includes(p.processId)) list.push(p.processId);
      }
    }
  }
}

function round(row: FigureRow): FigureRow {
  row.figures.redDays = Math.round(row.figures.redDays * 10) / 10;
  return row;
}

/** The figures of a period. Groups with nothing counted are left out; groups are sorted by key. */
export function computeFigures(facts: Facts, period: Period, options: FigureOptions): Figures {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const asOf = Math.min(options.asOf?.getTime() ?? end, end);
  const total = emptyRow('total');
  const groups = { byDepartment: new Map<string, FigureRow>(), byLeader: new Map<string, FigureRow>(), byKind: new Map<string, FigureRow>() };
  const rowsOf = (f: { departmentId?: string; leaderId?: string; processKind: string }) => {
    const get = (map: Map<string, FigureRow>, key: string) => map.get(key) ?? map.set(key, emptyRow(key)).get(key)!;
    return [total, get(groups.byDepartment, f.departmentId ?? NONE), get(groups.byLeader, f.leaderId ?? NONE), get(groups.byKind, f.processKind)];
  };
  for (const t of facts.tasks) for (const row of rowsOf(t)) countTask(row, t, start, end, asOf, options.isWorkingDay);
  for (const i of facts.instructions) for (const row of rowsOf(i)) countInstruction(row, i, start, end, asOf);
  for (const p of facts.processes ?? []) {
    countProcess(p, options.measures ?? [], period, asOf, (departmentId) => rowsOf({ departmentId, leaderId: p.leaderId, processKind: p.processKind }));
  }
  const list = (map: Map<string, FigureRow>) => [...map.values()]
    .filter((r) => figureNames.some((n) => r.figures[n] > 0) || Object.values(r.measures).some((c) => c.total > 0))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(round);
  return {
    period,
    asOf: new Date(asOf).toISOString(),
    total: round(total),
    byDepartment: list(groups.byDepartment),
    byLeader: list(groups.byLeader),
    byKind: list(groups.byKind),
  };
}
