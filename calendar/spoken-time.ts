/**
 * Instants as people in the district say them: the Shanghai date with its weekday and the time
 * of day, an instant at 00:00 told as 24:00 of the day before, since "by the end of 12-04" is
 * how a deadline is meant (`2026年12月4日 周五 24:00`). Storage and machine fields stay UTC.
 */
import { formatShanghai } from './shanghai-time';

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function spokenShanghai(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  // 00:00 ends the day before: shown as that day's 24:00.
  const wall = formatShanghai(at);
  const midnight = wall.slice(11, 16) === '00:00' && wall.slice(16, 19) === ':00';
  const day = new Date((midnight ? at.getTime() - 1 : at.getTime()) + 8 * 3600_000);
  const date = `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日 ${weekdays[day.getUTCDay()]}`;
  return `${date} ${midnight ? '24:00' : wall.slice(11, 16)}`;
}
