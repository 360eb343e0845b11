/**
 * Escalation ladders (督办升级): the steps a human task climbs while it is not done, each
 * setting its light (亮灯预警) and telling roles that the directory resolves to people when the
 * step fires — `assignee` (the person holding the task, or the department's staff while it is
 * unclaimed), `departmentHead`, `assignedLeader` (the project's or the department's 挂点领导) and
 * `topLeaders` (领衔督办). The types are in contracts/ladder.ts.
 *
 * Every instant (`due` and each step's `at`) is an `Offset` from the task's clock start
 * (`clockStartsAt`, by default the task's start), turned into an absolute instant once by the
 * `computeDeadlines` activity:
 * - `{ workingDays: n }`: the end (24:00 Asia/Shanghai) of the n-th working day after the start
 *   day, in China's calendar with its holidays and adjusted working weekends (调休); 0 is the end
 *   of the start day. A year the calendar data does not cover makes the instant provisional.
 * - `{ duration: 'PT30S' }`: plain elapsed time, an ISO-8601 duration (W, D, H, M, S); for short
 *   SLAs and tests; holidays play no part.
 * - `{ calendarMonths: n }`: a period in calendar months as Chinese law counts it (the same day n
 *   months later, or that month's last day; moved to the next working day when it is a day off).
 *
 * ```ts
 * workingDayLadder({ due: 3 });
 * // due at the end of working day 3: yellow to the assignee at the end of day 2, red to the
 * // department head at day 3, the assigned leader chased at the end of day 4.
 * ```
 */
import type { Ladder, LadderStep, RecipientRole } from '../../contracts/ladder';

export type { Ladder, LadderStep, Offset, RecipientRole } from '../../contracts/ladder';

export interface WorkingDayLadder {
  /** Working days until the task is due. */
  due: number;
  /** How many working days before `due` the assignee is reminded (yellow); 0 for no reminder. Default 1. */
  remindBefore?: number;
  /** How many working days after `due` the assigned leader is chased; default 1. */
  chase?: number;
  /** Working days the clock stood still (awaiting a correction, say), added to every rung. */
  paused?: number;
  /** Who the chase (催办) tells; default the assigned leader alone. `['assignee', 'assignedLeader']` chases the handler, copied to the leader. */
  chaseNotify?: RecipientRole[];
}

/**
 * The usual ladder in working days: a yellow reminder to the assignee `remindBefore` days before
 * `due` (when that is after the start), red at `due` to the department head, and `chase` days
 * later the chase (催办): the assigned leader, or whom `chaseNotify` names.
 */
/** A ladder with every working-day offset moved by `paused` working days (a clock that stood still): due and every rung. */
export function pausedLadder(ladder: Ladder, paused: number): Ladder {
  if (paused === 0) return ladder;
  const shift = (offset: Ladder['due']) => ('workingDays' in offset ? { workingDays: offset.workingDays + paused } : offset);
  return { due: shift(ladder.due), steps: ladder.steps.map((s) => ({ ...s, at: shift(s.at) })) };
}

export function workingDayLadder({ due, remindBefore = 1, chase = 1, paused = 0, chaseNotify = ['assignedLeader'] }: WorkingDayLadder): Ladder {
  for (const [name, value, min] of [['due', due, 0], ['remindBefore', remindBefore, 0], ['chase', chase, 1], ['paused', paused, 0]] as const) {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`workingDayLadder: ${name} must be a whole number ≥ ${min}, not ${value}`);
  }
  const at = (days: number) => ({ workingDays: days + paused });
  const steps: LadderStep[] = [];
  if (remindBefore > 0 && due > remindBefore) {
    const label = remindBefore === 1 ? 'reminder: due tomorrow' : `reminder: due in ${remindBefore} working days`;
    steps.push({ at: at(due - remindBefore), kind: 'reminder', light: 'yellow', notify: ['assignee'], label });
  }
  steps.push(
    { at: at(due), kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'overdue: department head' },
    { at: at(due + chase), kind: 'escalation', light: 'red', notify: chaseNotify, label: chaseLabel(chaseNotify) },
  );
  return { due: at(due), steps };
}

/** The chase's label: the same words as before for the leader alone. */
function chaseLabel(notify: RecipientRole[]): string {
  if (notify.length === 1 && notify[0] === 'assignedLeader') return 'overdue: assigned leader';
  return `催办 (chase): ${notify.join(', ')}`;
}
