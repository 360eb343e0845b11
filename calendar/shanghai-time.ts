/**
 * Instants on Asia/Shanghai wall time. China has kept UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact for every year this calendar supports and needs no tz data.
 */
import { epochDay, epochDayToMs, formatCivilDate, msToEpochDay, type EpochDay } from './civil-date';

const OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai calendar day an instant falls on. */
export function shanghaiDay(instant: Date): EpochDay {
  return msToEpochDay(instant.getTime() + OFFSET_MS);
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date): string {
  assertValid(instant);
  return formatCivilDate(shanghaiDay(instant));
}

/** 00:00 Asia/Shanghai of a day — also 24:00 of the day before. */
export function startOfShanghaiDay(day: EpochDay): Date {
  return new Date(epochDayToMs(day) - OFFSET_MS);
}

/** ISO-8601 with the +08:00 offset, e.g. 2026-10-10T00:00:00+08:00; milliseconds only when present. */
export function formatShanghai(instant: Date): string {
  assertValid(instant);
  const wall = new Date(instant.getTime() + OFFSET_MS).toISOString();
  const seconds = wall.slice(0, 19);
  const millis = wall.slice(19, 23);
  return `${seconds}${millis === '.000' ? '' : millis}+08:00`;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * A Date, or an ISO-8601 string with an explicit offset (Z or ±hh:mm). A bare YYYY-MM-DD means
 * 00:00 of that day in Asia/Shanghai. A local time without offset is refused: `new Date()`
 * would read it in the host's zone, which is how deadlines drift between machines.
 */
export function parseInstant(input: Date | string): Date {
  if (input instanceof Date) {
    assertValid(input);
    return new Date(input.getTime());
  }
  const match = INSTANT.exec(input);
  const invalid = () => new RangeError(
    `not an ISO-8601 instant with an offset (e.g. 2026-09-29T10:00:00+08:00 or ...Z): ${JSON.stringify(input)}`,
  );
  if (!match) throw invalid();
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const day = epochDay(Number(y), Number(mo), Number(d));
  const offsetDigits = zone === undefined || zone === 'Z' ? '0000' : zone.slice(1).replace(':', '');
  const fieldsInRange = Number(mo) >= 1 && Number(mo) <= 12
    && new Date(epochDayToMs(day)).getUTCDate() === Number(d)
    && Number(h ?? 0) <= 23 && Number(mi ?? 0) <= 59 && Number(s ?? 0) <= 59
    && Number(offsetDigits.slice(0, 2)) <= 23 && Number(offsetDigits.slice(2)) <= 59;
  if (!fieldsInRange) throw invalid();
  if (h === undefined) return startOfShanghaiDay(day);
  // Digits rather than float maths, so .57 is 570 ms and not 569.
  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const wallMs = epochDayToMs(day) + ((Number(h) * 60 + Number(mi)) * 60 + Number(s ?? 0)) * 1000 + millis;
  const offsetMinutes = Number(offsetDigits.slice(0, 2)) * 60 + Number(offsetDigits.slice(2));
  return new Date(wallMs - (zone?.[0] === '-' ? -1 : 1) * offsetMinutes * 60_000);
}

function assertValid(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
}
