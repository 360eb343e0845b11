/**
 * When a proposal's follow-up review (回头看) opens, and the ladders of its tasks. Pure and
 * deterministic: civil-date arithmetic on Asia/Shanghai days, no calendar data (a review opens
 * on a date; its working-day deadline is the task's to compute).
 */
import { epochDay, formatCivilDate, parseCivilDate, yearOf } from '../../calendar/civil-date';
import { sameDayMonthsLater } from '../../calendar/calendar-months';
import { parseIsoDuration } from '../../calendar/iso-duration';
import { shanghaiDay, startOfShanghaiDay } from '../../calendar/shanghai-time';
import type { Ladder, RecipientRole } from '../../contracts/ladder';
import type { FollowUpSettings, ProposalClass } from './contract';

const DAY_MS = 86_400_000;

/** 00:00 Asia/Shanghai of a YYYY-MM-DD date, as an ISO instant. */
export function startOfDate(date: string): string {
  return startOfShanghaiDay(parseCivilDate(date)).toISOString();
}

/** The first day of the next annual review window that opens after `nowMs`. */
export function nextWindowStart(nowMs: number, settings: FollowUpSettings): string {
  const today = shanghaiDay(new Date(nowMs));
  const year = yearOf(today);
  const opens = epochDay(year, settings.windowStartMonth, 1);
  return formatCivilDate(opens > today ? opens : epochDay(year + 1, settings.windowStartMonth, 1));
}

/** The end (24:00) of the window that opens on `windowStart`, as an ISO instant. */
export function windowEnd(windowStart: string, settings: FollowUpSettings): string {
  const year = yearOf(parseCivilDate(windowStart));
  return startOfShanghaiDay(epochDay(year, settings.windowEndMonth + 1, 1)).toISOString();
}

/**
 * The instant the next review of a B or C proposal opens: B at the start of its planned
 * completion date (or, when that has passed, `lateBReviewMonths` from today; or `bReviewAfter`
 * from now when the settings say so), C at the start of the next annual window.
 */
export function nextReviewAt(cls: Exclude<ProposalClass, 'A'>, plannedCompletion: string | undefined, nowMs: number, settings: FollowUpSettings): string {
  if (cls === 'B' && settings.bReviewAfter) return new Date(nowMs + parseIsoDuration(settings.bReviewAfter)).toISOString();
  if (cls === 'C' || !plannedCompletion) return startOfDate(nextWindowStart(nowMs, settings));
  if (Date.parse(startOfDate(plannedCompletion)) > nowMs) return startOfDate(plannedCompletion);
  return startOfDate(formatCivilDate(sameDayMonthsLater(shanghaiDay(new Date(nowMs)), settings.lateBReviewMonths)));
}

/** The key proposal's supervising top leaders hear of every step (领衔督办). */
function withTop(roles: RecipientRole[], key: boolean): RecipientRole[] {
  return key ? [...roles, 'topLeaders'] : roles;
}

/**
 * The lead unit's reply: due `months` calendar months after registration; yellow a month
 * before; red at the deadline, to the unit's head and the proposal committee (the task's
 * `assignedLeader` rung names the committee's head).
 */
export function replyLadder(months: number, key: boolean): Ladder {
  return {
    due: { calendarMonths: months },
    steps: [
      { at: { calendarMonths: months - 1 }, kind: 'reminder', light: 'yellow', notify: withTop(['assignee'], key), label: 'reply due in a month' },
      { at: { calendarMonths: months }, kind: 'escalation', light: 'red', notify: withTop(['departmentHead', 'assignedLeader'], key), label: 'reply overdue: unit head and proposal committee' },
    ],
  };
}

/** A reply redone after the proposers were not satisfied: one month, yellow after three working weeks. */
export function redoLadder(key: boolean): Ladder {
  return {
    due: { calendarMonths: 1 },
    steps: [
      { at: { workingDays: 15 }, kind: 'reminder', light: 'yellow', notify: withTop(['assignee'], key), label: 'redone reply due soon' },
      { at: { calendarMonths: 1 }, kind: 'escalation', light: 'red', notify: withTop(['departmentHead', 'assignedLeader'], key), label: 'redone reply overdue: unit head and proposal committee' },
    ],
  };
}

/**
 * A follow-up review: a B review has `reviewWorkingDays`; a C review lasts until its window
 * closes (elapsed days from the window's first day), yellow two weeks before.
 */
export function reviewLadder(cls: Exclude<ProposalClass, 'A'>, opensOn: string, settings: FollowUpSettings, key: boolean): Ladder {
  const red = (at: Ladder['due']) => ({ at, kind: 'escalation' as const, light: 'red' as const, notify: withTop(['departmentHead', 'assignedLeader'], key), label: 'follow-up review overdue' });
  if (cls === 'B') {
    const due = { workingDays: settings.reviewWorkingDays };
    return {
      due,
      steps: [
        { at: { workingDays: Math.max(0, settings.reviewWorkingDays - 5) }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: 'follow-up review due in a week' },
        red(due),
      ],
    };
  }
  const days = Math.round((Date.parse(windowEnd(opensOn, settings)) - Date.parse(startOfDate(opensOn))) / DAY_MS);
  const due = { duration: `P${days}D` };
  return {
    due,
    steps: [
      { at: { duration: `P${Math.max(0, days - 14)}D` }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: 'review window closes in two weeks' },
      red(due),
    ],
  };
}
