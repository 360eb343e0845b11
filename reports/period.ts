/**
 * A report's period (周, 月, 季度, 年) in Asia/Shanghai: `2026-W48`, `2026-11`, `2026-Q4`, `2026`.
 * Half-open [start, end): a task due at 24:00 of the period's last day (00:00 of the next) falls
 * in the next period, as the calendar's "end of the day" deadlines say.
 *
 * ```ts
 * parsePeriod('month', '2026-11')   // { kind: 'month', label: '2026年11月', start: 2026-10-31T16:00Z, end: 2026-11-30T16:00Z, … }
 * previousPeriod(parsePeriod('week', '2026-W01'))   // the ISO week 2025-W52
 * ```
 */
import { epochDay, formatCivilDate, parseCivilDate, type EpochDay } from '../calendar/civil-date';
import { shanghaiDay, startOfShanghaiDay } from '../calendar/shanghai-time';

export type PeriodKind = 'week' | 'month' | 'quarter' | 'year';
export const periodKinds: readonly PeriodKind[] = ['week', 'month', 'quarter', 'year'];

export interface Period {
  kind: PeriodKind;
  /** As written on the command line: 2026-W48, 2026-11, 2026-Q4, 2026. */
  key: string;
  /** As the district writes it: 2026年第48周, 2026年11月, 2026年第四季度, 2026年. */
  label: string;
  /** The first day and the day after the last (Shanghai civil dates, YYYY-MM-DD). */
  firstDay: string;
  endDay: string;
  start: Date;
  end: Date;
}

const QUARTERS = ['一', '二', '三', '四'];

/** The Monday of ISO week 1 of a year: the week holding 4 January. */
function isoWeekOneMonday(year: number): EpochDay {
  const jan4 = epochDay(year, 1, 4);
  const weekday = (((jan4 + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday: 0 = Monday
  return jan4 - weekday;
}

function make(kind: PeriodKind, key: string, label: string, first: EpochDay, end: EpochDay): Period {
  return { kind, key, label, firstDay: formatCivilDate(first), endDay: formatCivilDate(end), start: startOfShanghaiDay(first), end: startOfShanghaiDay(end) };
}

function week(year: number, n: number): Period {
  const first = isoWeekOneMonday(year) + (n - 1) * 7;
  return make('week', `${year}-W${String(n).padStart(2, '0')}`, `${year}年第${n}周`, first, first + 7);
}

function month(year: number, m: number): Period {
  const next = m === 12 ? epochDay(year + 1, 1, 1) : epochDay(year, m + 1, 1);
  return make('month', `${year}-${String(m).padStart(2, '0')}`, `${year}年${m}月`, epochDay(year, m, 1), next);
}

function quarter(year: number, q: number): Period {
  const next = q === 4 ? epochDay(year + 1, 1, 1) : epochDay(year, q * 3 + 1, 1);
  return make('quarter', `${year}-Q${q}`, `${year}年第${QUARTERS[q - 1]}季度`, epochDay(year, (q - 1) * 3 + 1, 1), next);
}

function year(y: number): Period {
  return make('year', String(y), `${y}年`, epochDay(y, 1, 1), epochDay(y + 1, 1, 1));
}

function weeksIn(y: number): number {
  return (isoWeekOneMonday(y + 1) - isoWeekOneMonday(y)) / 7;
}

/** A period from its key; a day (YYYY-MM-DD) also names the period of that kind that holds it. */
export function parsePeriod(kind: PeriodKind, at: string): Period {
  const bad = (): never => {
    const examples = { week: '2026-W48', month: '2026-11', quarter: '2026-Q4', year: '2026' };
    throw new RangeError(`--at for a ${kind}: ${examples[kind]} or a day (2026-11-18), not ${JSON.stringify(at)}`);
  };
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    let day: EpochDay;
    try { day = parseCivilDate(at); } catch { return bad(); }
    return periodHolding(kind, startOfShanghaiDay(day));
  }
  const m = {
    week: /^(\d{4})-W(\d{2})$/, month: /^(\d{4})-(\d{2})$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})$/,
  }[kind].exec(at);
  if (!m) return bad();
  const y = Number(m[1]);
  const n = Number(m[2]);
  if (kind === 'week') return n >= 1 && n <= weeksIn(y) ? week(y, n) : bad();
  if (kind === 'month') return n >= 1 && n <= 12 ? month(y, n) : bad();
  if (kind === 'quarter') return quarter(y, n);
  return year(y);
}

/** The period of a kind that holds an instant (Shanghai). */
export function periodHolding(kind: PeriodKind, instant: Date): Period {
  const day = shanghaiDay(instant);
  const [y, m] = formatCivilDate(day).split('-').map(Number);
  if (kind === 'month') return month(y, m);
  if (kind === 'quarter') return quarter(y, Math.ceil(m / 3));
  if (kind === 'year') return year(y);
  for (const wy of [y + 1, y, y - 1]) {
    const monday = isoWeekOneMonday(wy);
    if (day >= monday) return week(wy, Math.floor((day - monday) / 7) + 1);
  }
  throw new RangeError(`no ISO week holds ${formatCivilDate(day)}`);
}

/** The period just before: the trend is counted against it. */
export function previousPeriod(p: Period): Period {
  return periodHolding(p.kind, new Date(p.start.getTime() - 1));
}
