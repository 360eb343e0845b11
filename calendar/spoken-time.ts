/**
 * Instants and what is left of a deadline as people in the district say them, the one way every
 * surface says them — the workbench, the notices, e-mail, webhooks and the CLI. Pure (no files,
 * no time zone data): the workbench bundles it.
 *
 * - An instant is its Asia/Shanghai date, weekday and time of day, the year only when it is not
 *   the reader's year: `12月4日 周五 15:30`. An instant at 00:00 is the end of the day before,
 *   told as that day's `24:00`, since "by the end of 12-04" is how a deadline is meant; it is
 *   never "下班前", which people read as about 17:30.
 * - Time left or overdue is counted as limits are, in **working days** of China's calendar (the
 *   caller's `isWorkingDay`, from `WorkingCalendar`): left, the working days wholly ahead before
 *   the deadline's day ends (`还剩 3 个工作日`); overdue, the working days wholly passed since
 *   (`已超期 1 个工作日`, at the end of the first working day after the deadline's, as the ladder
 *   counts). Until a whole working day is in it, the plain time is told, rounded down and exact:
 *   `还剩 5 小时`, `已超期 1 分钟`, over a weekend `已超期 2 天 9 小时`.
 *
 * ```ts
 * sayInstant('2026-12-04T16:00:00Z', { now });                       // '12月4日 周五 24:00'
 * sayTimeLeft('2026-12-04T16:00:00Z', { now, isWorkingDay });        // { overdue: false, text: '还剩 3 个工作日' }
 * ```
 */
import { epochDayToMs, formatCivilDate, isWeekend, parseCivilDate, type EpochDay } from './civil-date';
import { shanghaiDay } from './shanghai-time';

export type Language = 'zh' | 'en';

/** Whether a Shanghai date (YYYY-MM-DD) is a working day. Counts are kept per function: a new calendar, a new function. */
export type IsWorkingDay = (date: string) => boolean;

export interface SayOptions {
  /** The reader's now: it decides whether the year is said, and what is left. */
  now?: Date;
  lang?: Language;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OFFSET_MS = 8 * 3_600_000;
const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');
const toDate = (instant: Date | string) => (typeof instant === 'string' ? new Date(instant) : instant);

/** The Shanghai day a deadline belongs to: an instant at 00:00 closes the day before. */
function dayOfDeadline(at: Date): EpochDay {
  return shanghaiDay(new Date(at.getTime() - 1));
}

/** An instant in words: `12月4日 周五 24:00`, `2027年2月5日 周五 09:30`, `Fri 4 Dec, 24:00`. */
export function sayInstant(instant: Date | string, options: SayOptions = {}): string {
  const at = toDate(instant);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  const wall = new Date(at.getTime() + OFFSET_MS);
  const midnight = wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0 && wall.getUTCSeconds() === 0 && wall.getUTCMilliseconds() === 0;
  const day = new Date(epochDayToMs(midnight ? dayOfDeadline(at) : shanghaiDay(at)));
  const time = midnight ? '24:00' : `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  const year = day.getUTCFullYear();
  const sameYear = year === new Date((options.now ?? new Date()).getTime() + OFFSET_MS).getUTCFullYear();
  if (options.lang === 'en') return `${WEEKDAYS_EN[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS_EN[day.getUTCMonth()]}${sameYear ? '' : ` ${year}`}, ${time}`;
  return `${sameYear ? '' : `${year}年`}${day.getUTCMonth() + 1}月${day.getUTCDate()}日 ${WEEKDAYS[day.getUTCDay()]} ${time}`;
}

/** A span of plain time, rounded down: 2 天 9 小时, 5 小时, 12 分钟. */
function saySpan(ms: number, lang: Language): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(ms / HOUR);
  const days = Math.floor(ms / (24 * HOUR));
  if (lang === 'en') {
    if (days > 0) return `${days} d ${hours % 24} h`;
    return hours > 0 ? `${hours} h` : `${minutes} min`;
  }
  if (days > 0) return hours % 24 > 0 ? `${days} 天 ${hours % 24} 小时` : `${days} 天`;
  return hours > 0 ? `${hours} 小时` : `${minutes} 分钟`;
}

// A page of deadlines asks for the same spans again and again (today to each due day): counted once per calendar.
const counted = new WeakMap<IsWorkingDay, Map<string, number>>();

/** Working days d with from < d < to. */
function workingDaysBetween(from: EpochDay, to: EpochDay, isWorkingDay: IsWorkingDay): number {
  const cache = counted.get(isWorkingDay) ?? new Map<string, number>();
  counted.set(isWorkingDay, cache);
  const key = `${from}:${to}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let n = 0;
  for (let d = from + 1; d < to; d++) if (isWorkingDay(formatCivilDate(d))) n++;
  if (cache.size > 10_000) cache.clear();
  cache.set(key, n);
  return n;
}

export interface TimeLeft {
  overdue: boolean;
  /** Whole working days left (or passed since), 0 until there is one. */
  workingDays: number;
  /** `还剩 3 个工作日`, `还剩 5 小时`, `已超期 1 个工作日`, `已超期 1 分钟`. */
  text: string;
}

/** What is left of a deadline, or how late it is, in working days (see the module's doc). */
export function sayTimeLeft(due: Date | string, options: SayOptions & { isWorkingDay: IsWorkingDay }): TimeLeft {
  const at = toDate(due);
  const now = options.now ?? new Date();
  const lang = options.lang ?? 'zh';
  const ms = at.getTime() - now.getTime();
  const overdue = ms <= 0;
  const dueDay = dayOfDeadline(at);
  const today = shanghaiDay(now);
  // Left: the working days after today up to and with the deadline's day. Passed: those after
  // the deadline's day whose end has come, i.e. before today.
  const workingDays = overdue
    ? workingDaysBetween(dueDay, today, options.isWorkingDay)
    : workingDaysBetween(today, dueDay + 1, options.isWorkingDay);
  if (lang === 'en') {
    const text = workingDays > 0
      ? `${workingDays} working day${workingDays === 1 ? '' : 's'} ${overdue ? 'overdue' : 'left'}`
      : overdue ? (-ms < 60_000 ? 'just overdue' : `${saySpan(-ms, lang)} overdue`) : (ms < 60_000 ? 'under a minute left' : `${saySpan(ms, lang)} left`);
    return { overdue, workingDays, text };
  }
  const text = workingDays > 0
    ? `${overdue ? '已超期' : '还剩'} ${workingDays} 个工作日`
    : overdue ? (-ms < 60_000 ? '已超期不到 1 分钟' : `已超期 ${saySpan(-ms, lang)}`) : (ms < 60_000 ? '还剩不到 1 分钟' : `还剩 ${saySpan(ms, lang)}`);
  return { overdue, workingDays, text };
}

/**
 * The days of [from, to] (Shanghai dates) that are not as the weekend rule says — holidays on a
 * weekday and adjusted working weekends (调休) — so a client without the calendar can answer
 * `isWorkingDay` exactly within the span (`workingDaysFrom`).
 */
export interface WorkingDayExceptions {
  from: string;
  to: string;
  /** Weekdays off. */
  off: string[];
  /** Weekend days worked (调休). */
  on: string[];
}

export function workingDayExceptions(isWorkingDay: IsWorkingDay, from: string, to: string): WorkingDayExceptions {
  const off: string[] = [];
  const on: string[] = [];
  for (let d = parseCivilDate(from); d <= parseCivilDate(to); d++) {
    const date = formatCivilDate(d);
    const working = isWorkingDay(date);
    if (isWeekend(d) && working) on.push(date);
    if (!isWeekend(d) && !working) off.push(date);
  }
  return { from, to, off, on };
}

/** `isWorkingDay` over a span's exceptions; outside the span, the weekend rule alone. */
export function workingDaysFrom(exceptions: WorkingDayExceptions): IsWorkingDay {
  const off = new Set(exceptions.off);
  const on = new Set(exceptions.on);
  return (date) => {
    if (off.has(date)) return false;
    if (on.has(date)) return true;
    return !isWeekend(parseCivilDate(date));
  };
}
