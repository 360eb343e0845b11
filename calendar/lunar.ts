/**
 * Chinese lunar dates to Gregorian dates. Node's ICU Chinese calendar names the months
 * (including leap months, shown as e.g. "4bis"); the day each month starts on is then taken
 * from the new moon itself, because ICU's lunar theory is coarse enough to put a new moon a
 * few minutes before Beijing midnight on the wrong day — it starts the Year of the Goat on
 * 2027-02-07 instead of 2027-02-06, and 2030's year on 02-02 instead of 02-03.
 */
import { epochDay, epochDayToMs, formatCivilDate, type EpochDay } from './civil-date';
import { nearestNewMoon } from './new-moon';
import { shanghaiDay } from './shanghai-time';

interface LunarParts { year: number; month: string; day: number }

let formatter: Intl.DateTimeFormat | undefined;

function lunarParts(day: EpochDay): LunarParts {
  // UTC as the zone makes the formatter read the instant as the Gregorian date itself.
  formatter ??= new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
  const parts = formatter.formatToParts(new Date(epochDayToMs(day)));
  const value = (type: string) => parts.find((part) => part.type === type)?.value;
  const year = Number(value('relatedYear'));
  const month = value('month');
  const dayOfMonth = Number(value('day'));
  if (!Number.isInteger(year) || month === undefined || !/^\d+(bis)?$/.test(month) || !Number.isInteger(dayOfMonth)) {
    throw new Error(`unexpected output from the ICU Chinese calendar for ${formatCivilDate(day)}: ${JSON.stringify(parts)}`);
  }
  return { year, month, day: dayOfMonth };
}

/**
 * The Gregorian day of `day` in the ordinary (not leap) lunar month `month` of the Chinese
 * year that begins in Gregorian `year`.
 */
export function lunarToGregorian(year: number, month: number, day: number): EpochDay {
  const icuStart = icuMonthStart(year, month);
  const noonInBeijing = new Date(epochDayToMs(icuStart) + 4 * 3_600_000);
  const start = shanghaiDay(nearestNewMoon(noonInBeijing));
  if (Math.abs(start - icuStart) > 1) {
    throw new Error(`lunar month ${month} of ${year}: ICU starts it on ${formatCivilDate(icuStart)}, the new moon falls on ${formatCivilDate(start)}`);
  }
  return start + day - 1;
}

function icuMonthStart(year: number, month: number): EpochDay {
  // A lunar year starts no earlier than 21 January and no month is shorter than 29 days,
  // so this guess is always at or before the month sought.
  let day = epochDay(year, 1, 1) + (month - 1) * 29;
  const giveUp = day + 120;
  while (day < giveUp) {
    const parts = lunarParts(day);
    if (parts.year === year && parts.month === String(month)) return day - (parts.day - 1);
    // Lands on the next month's first day or a day before it; never past it.
    day += Math.max(1, 30 - parts.day);
  }
  throw new Error(`the ICU Chinese calendar has no month ${month} in the year beginning in ${year}`);
}
