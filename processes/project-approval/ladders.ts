/**
 * A project's built-in ladders: its items' reviews and the check of a tolerance item's supplied
 * materials. The directory's presets (`projectApproval.review`, `projectApproval.supplementCheck`)
 * replace them (activities' `ladderPresets`).
 */
import type { Ladder } from '../../contracts/ladder';
import { workingDayLadder } from '../../workflows/blocks';

/**
 * The review ladder of an item with an SLA of `sla` working days, every rung moved by the
 * working days it waited for correction: yellow the day before, red to the department head
 * when due, the assigned leader a working day later.
 */
export function reviewLadder(sla: number, pausedWorkingDays = 0): Ladder {
  return workingDayLadder({ due: sla, paused: pausedWorkingDays });
}

/** The supplement check: a short review of the materials supplied for a tolerance item. */
export const supplementCheckLadder: Ladder = {
  due: { workingDays: 3 },
  steps: [
    { at: { workingDays: 3 }, kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'supplement check overdue' },
    { at: { workingDays: 4 }, kind: 'escalation', light: 'red', notify: ['assignedLeader'], label: 'supplement check overdue: assigned leader' },
  ],
};
