/**
 * Times as people in the district say them: in Asia/Shanghai, `12月4日 周五 下班前` for a
 * deadline at the end of a day (24:00 Shanghai, stored as 16:00Z), `12月4日 周五 15:30` else,
 * with the year only when it is not this year's; and a countdown. UTC stays in the machine fields.
 */
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Shanghai keeps UTC+8 all year (no daylight saving since 1991). */
const OFFSET_MS = 8 * 3600_000;

interface ShanghaiParts { year: number; month: number; day: number; weekday: number; hour: number; minute: number }

export function shanghaiParts(instant: Date): ShanghaiParts {
  const local = new Date(instant.getTime() + OFFSET_MS);
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    weekday: local.getUTCDay(), hour: local.getUTCHours(), minute: local.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A deadline in words. `endOfDay` is what the language calls the end of a working day
 * (下班前); an instant at Shanghai midnight is the end of the day before.
 */
export function sayDeadline(iso: string, now: Date = new Date(), lang: 'zh' | 'en' = 'zh', endOfDay = lang === 'zh' ? '下班前' : 'end of day'): string {
  const at = new Date(iso);
  const midnight = (() => { const p = shanghaiParts(at); return p.hour === 0 && p.minute === 0; })();
  const p = shanghaiParts(midnight ? new Date(at.getTime() - 1) : at);
  const thisYear = shanghaiParts(now).year;
  const time = midnight ? endOfDay : `${pad(p.hour)}:${pad(p.minute)}`;
  if (lang === 'en') {
    return `${WEEKDAYS_EN[p.weekday]} ${p.day} ${MONTHS_EN[p.month - 1]}${p.year === thisYear ? '' : ` ${p.year}`}, ${time}`;
  }
  return `${p.year === thisYear ? '' : `${p.year}年`}${p.month}月${p.day}日 ${WEEKDAYS[p.weekday]} ${time}`;
}

/** An instant that is not a deadline (a history entry): `12月1日 周二 09:30`. */
export function sayInstant(iso: string, now: Date = new Date(), lang: 'zh' | 'en' = 'zh'): string {
  const p = shanghaiParts(new Date(iso));
  const thisYear = shanghaiParts(now).year;
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  if (lang === 'en') return `${WEEKDAYS_EN[p.weekday]} ${p.day} ${MONTHS_EN[p.month - 1]}${p.year === thisYear ? '' : ` ${p.year}`}, ${time}`;
  return `${p.year === thisYear ? '' : `${p.year}年`}${p.month}月${p.day}日 ${WEEKDAYS[p.weekday]} ${time}`;
}

/** The time left (positive) or overdue (negative), in whole days when a day or more, else hours (calendar time). */
export function countdown(iso: string, now: Date = new Date()): { overdue: boolean; unit: 'days' | 'hours'; n: number } {
  const ms = new Date(iso).getTime() - now.getTime();
  const hours = Math.abs(ms) / 3600_000;
  const overdue = ms < 0;
  if (hours >= 24) return { overdue, unit: 'days', n: Math.floor(hours / 24) };
  return { overdue, unit: 'hours', n: Math.max(1, Math.ceil(hours)) };
}
