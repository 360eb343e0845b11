/**
 * Chasing the holder of a task (催办): the initiator, the department head or a leader presses
 * whoever holds it (or the department, while nobody has claimed it).
 *
 * Rules:
 * - Who may chase is the authorisation table's `task.chase` row (task-access.ts); never the
 *   holder themselves.
 * - At most once per half working day per person and task: a chase is refused (`TooSoon`) until
 *   the next half working day begins (calendar: 09:00 and 14:00 Asia/Shanghai on working days),
 *   and the refusal says when, in words and as an instant. The instant is computed by an
 *   activity when the chase is sent and kept with it, so replay never asks the calendar again.
 * - The holder is told; from the second chase of the task on, their department head too.
 * - Every chase stays on the task's record (`chases`, with its count); the event carries the
 *   count for the reports, not what was typed.
 */
import { ApplicationFailure, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { sayInstant } from '../calendar/spoken-time';
import type { ChaseTask, TaskState } from '../contracts/task';
import { workflowNowIso, workflowNowMs } from './clock';
import { lastChaseBy, mayChase } from './task-access';
import { chaseRequest } from './task-requests';
import type { TaskRun } from './task-run';

const { nextHalfWorkingDay } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const chaseTaskUpdate = defineUpdate<TaskState, [ChaseTask]>('chase');


export function handleChase(run: TaskRun): void {
  const { state } = run;
  /** Chases accepted whose next allowed instant is still being computed: a second one waits for it. */
  const sending = new Set<string>();

  setHandler(chaseTaskUpdate, async (req) => {
    const { actor, note } = chaseRequest(req);
    sending.add(actor.personId);
    try {
      const at = workflowNowIso();
      const next = await nextHalfWorkingDay({ from: at });
      const chases = (state.chases ??= []);
      const count = chases.length + 1;
      chases.push({ personId: actor.personId, at, count, nextAllowedAt: next.at, ...(note ? { note } : {}) });
      run.record('chased', actor, { count, nextAllowedAt: next.at, ...(note ? { note } : {}) });
      run.emit('chased', {
        actorId: actor.personId,
        roles: count >= 2 ? ['assignee', 'departmentHead'] : ['assignee'],
        detail: { count, nextAllowedAt: next.at },
      });
    } finally {
      sending.delete(actor.personId);
    }
    return state;
  }, {
    validator: (req) => {
      const { actor } = run.rejectInvalid(chaseRequest, req);
      run.rejectUnlessOpen();
      run.rejectForbiddenVerb('chase');
      const refusal = mayChase(actor, { ...run.holder(), initiatorId: state.initiatorId });
      if (refusal) run.forbid(refusal);
      if (sending.has(actor.personId)) throw new ApplicationFailure('your chase of this task is being sent', 'Conflict', true);
      const last = lastChaseBy(state, actor.personId);
      if (last && Date.parse(last.nextAllowedAt) > workflowNowMs()) {
        throw ApplicationFailure.create({
          type: 'TooSoon',
          message: `已于 ${sayInstant(last.at, { now: new Date(workflowNowMs()) })} 催办过：每半个工作日至多催办一次，`
            + `${sayInstant(last.nextAllowedAt, { now: new Date(workflowNowMs()) })} 起可再次催办 (next allowed at ${last.nextAllowedAt})`,
          details: [{ nextAllowedAt: last.nextAllowedAt }],
          nonRetryable: true,
        });
      }
    },
  });
}
