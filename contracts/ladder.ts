/**
 * The escalation ladder of a human task: steps at offsets from the task's start, each setting
 * the light and notifying roles resolved through the directory.
 */
import { z } from 'zod';

export const Light = z.enum(['green', 'yellow', 'red']);
export type Light = z.infer<typeof Light>;

const ISO_DURATION = /^P(?!$)(\d+(?:\.\d+)?W)?(\d+(?:\.\d+)?D)?(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$/;

/**
 * Working days in China's calendar, an ISO-8601 duration of elapsed time (for short SLAs), or
 * calendar months as the law counts them (ending on a working day; see calendar/calendar-months.ts).
 */
export const Offset = z.union([
  z.object({ workingDays: z.number().int().min(0).max(400) }).strict(),
  z.object({ duration: z.string().regex(ISO_DURATION, 'an ISO-8601 duration such as PT30S or P2D') }).strict(),
  z.object({ calendarMonths: z.number().int().min(0).max(60) }).strict(),
]);
export type Offset = z.infer<typeof Offset>;

/** Roles the ladder names; resolved to people when the step fires. */
export const RecipientRole = z.enum([
  'assignee',       // the person holding the task, or the department's staff while unclaimed
  'departmentHead', // head of the task's current department
  'assignedLeader', // the leader assigned to the project, or else to the department (挂点领导)
  'topLeaders',     // the supervising top leaders (领衔督办)
]);
export type RecipientRole = z.infer<typeof RecipientRole>;

export const LadderStep = z.object({
  at: Offset,
  kind: z.enum(['reminder', 'escalation']),
  light: Light.optional(),
  notify: z.array(RecipientRole).min(1, 'a ladder step must notify someone'),
  label: z.string().optional(),
  /**
   * 超时自动处理: when this rung fires on a task still open, the task is completed with this
   * outcome (one of the task's), by no one, under the rule named — e.g. 超时默认同意 for
   * low-risk social-investment items. The record says it was automatic, and under which rule.
   */
  autoComplete: z.object({ outcome: z.string().min(1), rule: z.string().min(1).max(200) }).optional(),
});
export type LadderStep = z.infer<typeof LadderStep>;

export const Ladder = z.object({
  /** When the task is due: the deadline shown in inboxes. */
  due: Offset,
  steps: z.array(LadderStep),
});
export type Ladder = z.infer<typeof Ladder>;

export { worseLight } from './lights';
