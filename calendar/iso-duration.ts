/**
 * ISO-8601 durations as plain elapsed milliseconds: weeks, days, hours, minutes, seconds.
 * A day is 24 hours — exact on Asia/Shanghai wall time, which has no daylight saving.
 */

const UNITS = [
  { designator: 'W', ms: 7 * 86_400_000 },
  { designator: 'D', ms: 86_400_000 },
  { designator: 'H', ms: 3_600_000 },
  { designator: 'M', ms: 60_000 },
  { designator: 'S', ms: 1_000 },
] as const;

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const DURATION = new RegExp(`^P(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`);

/** Milliseconds in an ISO-8601 duration such as PT10S, P2D, PT1H30M, P1W, PT0.5S. */
export function parseIsoDuration(text: string): number {
  const fail = (why: string) => new RangeError(`bad ISO-8601 duration ${JSON.stringify(text)}: ${why}`);
  if (/^P[^T]*[YM]/.test(text)) {
    throw fail('years and months have no fixed length; give weeks, days or hours');
  }
  const match = DURATION.exec(text);
  if (!match) throw fail('expected a form such as PT10S, P2D, PT1H30M or P1W');
  const present = UNITS.flatMap((unit, i) => (match[i + 1] === undefined ? [] : [{ unit, value: match[i + 1] }]));
  if (present.length === 0) throw fail('it has no components');
  if (text.endsWith('T')) throw fail('a T must be followed by hours, minutes or seconds');
  if (present.slice(0, -1).some(({ value }) => /[.,]/.test(value))) {
    throw fail('only the last component may have a fraction');
  }
  const ms = Math.round(present.reduce((sum, { unit, value }) => sum + Number(value.replace(',', '.')) * unit.ms, 0));
  if (!Number.isSafeInteger(ms)) throw fail('it is too long');
  return ms;
}
