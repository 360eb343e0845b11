/**
 * The hotline ticket's built-in ladders. A district replaces one in the directory without a code
 * change (`"ladders": { "hotlineTicket.signing": { … } }`).
 *
 * Signing and handling share one shape (see `ticketLadder`): a yellow reminder to the unit the
 * day before (when there is a day before), red at the deadline to the department head, and the
 * next working day the chase (催办) to the assignee, copied to the assigned leader (挂点领导).
 *
 * Imported by the workflow: plain data and pure functions, no zod.
 */
import type { Ladder } from '../../contracts/ladder';
import { workingDayLadder } from '../../workflows/blocks/ladder';

/** Working days a consultation (咨询) and a complaint (投诉) have to be handled, counted from signing. */
export const HANDLING_DAYS = { consultation: 3, complaint: 13 } as const;

/** At most as many working days again may be granted by extensions (延期) in one handling. */
export const MAX_EXTENSION_DAYS = HANDLING_DAYS;

/**
 * The ladder of a task due at the end of working day `due` from its clock start: the usual one
 * (workflows/blocks/ladder.ts), with the chase told to the handler and copied to the leader.
 */
export function ticketLadder(due: number): Ladder {
  return workingDayLadder({ due, chaseNotify: ['assignee', 'assignedLeader'] });
}

/**
 * The built-in ladders by task name; the directory's `hotlineTicket.<task>` presets replace them.
 * An approved extension moves every working-day rung of the handling's ladder (the human task
 * does it: workflows/task-extension.ts).
 */
export const ladders = {
  /** 签收 within 1 working day of dispatch. */
  signing: ticketLadder(1),
  /** 办理 of a consultation: 3 working days from signing. */
  consultationHandling: ticketLadder(HANDLING_DAYS.consultation),
  /** 办理 of a complaint: 13 working days from signing. */
  complaintHandling: ticketLadder(HANDLING_DAYS.complaint),
  /** 回访 by the hotline center within 2 working days of the handling. */
  callback: {
    due: { workingDays: 2 },
    steps: [
      { at: { workingDays: 1 }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: 'callback due tomorrow' },
      { at: { workingDays: 2 }, kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'callback overdue: center head' },
    ],
  },
} satisfies Record<string, Ladder>;
