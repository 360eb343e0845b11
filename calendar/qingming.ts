/**
 * Qingming (清明), the solar term at which the sun reaches ecliptic longitude 15°: the day in
 * April by the common "year × 0.2422 + C" rule with the 21st-century constant C = 4.81. For
 * 2000–2099 it agrees with the sun's computed position every year (the closest call is 2071,
 * minutes after midnight); the constant is wrong for other centuries.
 */
import { epochDay, type EpochDay } from './civil-date';

export function qingming(year: number): EpochDay {
  if (year < 2000 || year > 2099) throw new RangeError(`the Qingming rule covers 2000–2099, not ${year}`);
  const y = year % 100;
  return epochDay(year, 4, Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4));
}
