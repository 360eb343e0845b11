/**
 * The monthly dispatch's light against the time-proportional plan (序时进度): by the end of month
 * m, m/12 of the year's planned investment is expected. Points behind are rounded to one decimal
 * before they are compared, so 30.1 points behind is red and 30.0 yellow however the division
 * falls. Pure functions, for the workflow and the tests.
 */
import type { Light } from '../../contracts/ladder';

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** The share of the year's plan expected by the end of `month` (1–12), in percent. */
export function expectedPercent(month: number): number {
  return (month / 12) * 100;
}

/** Green under `behindYellow` points behind; yellow from it up to `behindRed`; red beyond. */
export function dispatchLight(behindPoints: number, settings: { behindYellow: number; behindRed: number }): Light {
  const behind = round1(behindPoints);
  if (behind > settings.behindRed) return 'red';
  if (behind >= settings.behindYellow) return 'yellow';
  return 'green';
}

/** 约谈: one red, or a yellow after a yellow (or worse) the month before. */
export function shouldInterview(light: Light, previous: Light | undefined): boolean {
  return light === 'red' || (light === 'yellow' && (previous === 'yellow' || previous === 'red'));
}
