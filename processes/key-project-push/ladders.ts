/**
 * The key project's ladders and settings by tier (分级督导). A district replaces a ladder in the
 * directory (`"ladders": { "keyProjectPush.problemHandling": { … } }`), and a project its own
 * settings in its start (`settings`).
 *
 * A node's ladder counts from its clock start, the working day `dueSoonWorkingDays` before the
 * date it is due by (the workflow asks the calendar which day that is): yellow at the end of that
 * day (临期: so many working days are left), red at the end of the due day to the department head,
 * the next working day the project's assigned leader (挂点领导), and for a provincial or city key
 * project the working day after that the top leaders (区委、区政府主要领导).
 *
 * Imported by the workflow: plain data and pure functions, no zod.
 */
import type { Ladder, LadderStep, RecipientRole } from '../../contracts/ladder';
import { workingDayLadder } from '../../workflows/blocks/ladder';
import type { PushSettings, Tier } from './contract';

/** Each tier's settings: the defaults of the sources (银川: 10–30 points behind is yellow). */
export const TIER_SETTINGS: Readonly<Record<Tier, PushSettings>> = {
  provincial: { dueSoonWorkingDays: 5, dispatchDay: 25, behindYellow: 10, behindRed: 30, visitEveryWorkingDays: 10 },
  city: { dueSoonWorkingDays: 5, dispatchDay: 25, behindYellow: 10, behindRed: 30, visitEveryWorkingDays: 10 },
  district: { dueSoonWorkingDays: 5, dispatchDay: 25, behindYellow: 10, behindRed: 30, visitEveryWorkingDays: 15 },
};

/** Whether a tier's ladders climb to the top leaders after the assigned leader. */
export function reachesTopLeaders(tier: Tier): boolean {
  return tier !== 'district';
}

/** Working days before the dispatch day the owner unit's report task opens. */
export const DISPATCH_WINDOW_WORKING_DAYS = 3;
/** Working days the project office has to assign a problem, verify an application or decide a replan. */
export const OFFICE_WORKING_DAYS = 2;
/** Working days a social-investment project's policy-and-service task has (第一时间). */
export const POLICY_SERVICE_WORKING_DAYS = 3;

/** The rung after the assigned leader's, for a tier that climbs to the top leaders. */
function topRung(tier: Tier, at: number): LadderStep[] {
  return reachesTopLeaders(tier)
    ? [{ at: { workingDays: at }, kind: 'escalation', light: 'red', notify: ['topLeaders'], label: 'overdue: top leaders' }]
    : [];
}

/** A node's ladder, from the working day `dueSoon` working days before its due day. */
export function nodeLadder(tier: Tier, dueSoon: number): Ladder {
  const steps: LadderStep[] = [];
  if (dueSoon > 0) steps.push({ at: { workingDays: 0 }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: `临期: due in ${dueSoon} working days` });
  steps.push(
    { at: { workingDays: dueSoon }, kind: 'escalation', light: 'red', notify: ['assignee', 'departmentHead'], label: 'overdue: department head' },
    { at: { workingDays: dueSoon + 1 }, kind: 'escalation', light: 'red', notify: ['assignedLeader'], label: 'overdue: assigned leader' },
    ...topRung(tier, dueSoon + 2),
  );
  return { due: { workingDays: dueSoon }, steps };
}

/** A problem's handling by its department: `days` working days from its assignment (or its return). */
export function problemLadder(tier: Tier, days: number): Ladder {
  const ladder = workingDayLadder({ due: days });
  return { due: ladder.due, steps: [...ladder.steps, ...topRung(tier, days + 2)] };
}

/** The owner unit's monthly report: opened `DISPATCH_WINDOW_WORKING_DAYS` before its day; reminded the day before, red at the day's end. */
export function dispatchLadder(): Ladder {
  const due = DISPATCH_WINDOW_WORKING_DAYS;
  const tell: RecipientRole[] = ['assignee', 'departmentHead'];
  return {
    due: { workingDays: due },
    steps: [
      { at: { workingDays: due - 1 }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: 'dispatch report due tomorrow' },
      { at: { workingDays: due }, kind: 'escalation', light: 'red', notify: tell, label: 'dispatch report missing' },
    ],
  };
}

/** A visit to a project planned to start (走访), every `days` working days: red at the end of the last to the department. */
export function visitLadder(days: number): Ladder {
  return {
    due: { workingDays: days },
    steps: [{ at: { workingDays: days }, kind: 'escalation', light: 'red', notify: ['assignee', 'departmentHead'], label: 'visit overdue' }],
  };
}

/** The built-in ladders by task name (the node's and the problem's for a district project, as the check and the docs show them). */
export const ladders = {
  node: nodeLadder('district', TIER_SETTINGS.district.dueSoonWorkingDays),
  problemHandling: problemLadder('district', 10),
  dispatchReport: dispatchLadder(),
  office: workingDayLadder({ due: OFFICE_WORKING_DAYS }),
  visit: visitLadder(TIER_SETTINGS.district.visitEveryWorkingDays),
  policyService: workingDayLadder({ due: POLICY_SERVICE_WORKING_DAYS }),
} satisfies Record<string, Ladder>;
