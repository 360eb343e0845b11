/**
 * A human task's deadlines and its escalation ladder (预警与升级): every rung an absolute instant
 * computed by the `computeDeadlines` activity from the business calendar, so that a calendar
 * change never breaks replay; fired one by one by the task's one timer (human-task.ts).
 *
 * Rules:
 * - Step -1 is the due instant itself; steps 0… are the ladder's rungs, moved by the working
 *   days an extension granted (task-extension.ts).
 * - A rung only ever worsens the light; a reminder tells its roles, an escalation tells them and
 *   keeps whom it reached (for 已阅) and says whether the previous escalation was acknowledged.
 * - The task is provisional while a deadline still ahead was computed from a year without
 *   official calendar data; a calendar update recomputes only the rungs not yet fired.
 * - A rung that declares `autoComplete` completes the task still open with that outcome, by no
 *   one (`system`), the rung and the rule on the completion (超时自动处理, 超时默认同意).
 * - After an extension every rung is computed again from the clock start: a rung that fired but
 *   now lies ahead is pending again, and the light is that of the rungs that stay fired.
 */
import { patched, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { LadderStep, Light } from '../contracts/ladder';
import { worseLight } from '../contracts/lights';
import type { Deadline, EscalationRecord } from '../contracts/task';
import { workflowNowMs } from './clock';
import { extended } from './task-extension';
import type { TaskRun } from './task-run';

// Local: a pure computation over the calendar data, recorded in history like any activity result.
const { computeDeadlines } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** Provisional while a deadline still ahead was computed from a year without official data. */
export const anyPendingProvisional = (run: TaskRun): boolean => run.state.deadlines.some((d) => !d.fired && d.provisional);

/** Computes every deadline (or, after a calendar update, those not yet fired) from the clock start. */
export async function computeAll(run: TaskRun, onlyUnfired: boolean): Promise<void> {
  const { state, input } = run;
  const steps = [-1, ...input.ladder.steps.map((_, i) => i)].filter(
    (step) => !onlyUnfired || !state.deadlines.find((d) => d.step === step)?.fired,
  );
  const granted = state.extension?.grantedWorkingDays ?? 0;
  const offsets = steps.map((step) => extended(step < 0 ? input.ladder.due : input.ladder.steps[step].at, granted));
  const computed = await computeDeadlines({ from: run.clockStart, offsets });
  steps.forEach((step, i) => {
    const existing = state.deadlines.find((d) => d.step === step);
    const next: Deadline = { step, at: computed[i].at, provisional: computed[i].provisional, fired: existing?.fired ?? false };
    if (existing) Object.assign(existing, next);
    else state.deadlines.push(next);
  });
  state.dueAt = state.deadlines.find((d) => d.step === -1)?.at;
  state.provisional = anyPendingProvisional(run);
}

/** A deadline's instant has come: its rung's light, reminder or escalation. */
export function fire(run: TaskRun, deadline: Deadline): void {
  const { state, input, escalations } = run;
  deadline.fired = true;
  if (deadline.step < 0) return;
  const step = input.ladder.steps[deadline.step];
  const light: Light = step.light ? worseLight(state.light, step.light) : state.light;
  if (light !== state.light) {
    const from = state.light;
    state.light = light;
    run.record('light-changed', undefined, { from, to: light, step: deadline.step });
    run.emit('light-changed', { step: deadline.step, time: deadline.at, detail: { from, to: light } });
  }
  const event = step.kind === 'reminder' ? 'reminded' : 'escalated';
  run.record(event, undefined, { step: deadline.step, roles: step.notify, label: step.label });
  if (step.kind === 'reminder') {
    run.emit(event, { step: deadline.step, time: deadline.at, roles: step.notify, detail: { label: step.label, deadline: deadline.at } });
    completeByRung(run, step, deadline);
    return;
  }
  // The next rung tells whether the previous escalation was acknowledged, and by whom.
  const previous = escalations[escalations.length - 1];
  const previousEscalation = previous && {
    step: previous.step,
    acknowledged: previous.acknowledgements.length > 0,
    acknowledgedBy: previous.acknowledgements.map((a) => a.personId),
  };
  const escalation: EscalationRecord = { step: deadline.step, at: deadline.at, label: step.label, recipients: [], acknowledgements: [] };
  escalations.push(escalation);
  run.emit(event, {
    step: deadline.step, time: deadline.at, roles: step.notify,
    detail: { label: step.label, deadline: deadline.at, ...(previousEscalation ? { previousEscalation } : {}) },
    onPublished: (recipients) => {
      escalation.recipients = recipients;
      run.escalatedToChanged = recipients.length > 0;
    },
  });
  completeByRung(run, step, deadline);
}

/** 超时自动处理: a rung that declares an outcome completes the task still open, by no one, under its rule. */
function completeByRung(run: TaskRun, step: LadderStep, deadline: Deadline): void {
  const { state } = run;
  if (!step.autoComplete || state.status === 'completed' || !patched('rung-auto-complete')) return;
  const { outcome, rule } = step.autoComplete;
  state.completion = { outcome, payload: {}, actorId: 'system', at: deadline.at, automatic: { step: deadline.step, rule } };
  state.status = 'completed';
  run.record('completed', undefined, { outcome, automatic: true, rule, step: deadline.step });
  run.indexForSearch();
  run.emit('completed', { step: deadline.step, time: deadline.at, roles: ['assignee'], detail: { outcome, automatic: true, rule } });
}

/** After an extension: every rung computed again (see the rules above). */
export async function extendDeadlines(run: TaskRun): Promise<void> {
  const { state, input } = run;
  await computeAll(run, false);
  const now = workflowNowMs();
  let light: Light = 'green';
  for (const d of state.deadlines) {
    d.fired = d.fired && Date.parse(d.at) <= now;
    const stepLight = d.fired && d.step >= 0 ? input.ladder.steps[d.step].light : undefined;
    if (stepLight) light = worseLight(light, stepLight);
  }
  state.provisional = anyPendingProvisional(run);
  if (light !== state.light) {
    run.record('light-changed', undefined, { from: state.light, to: light });
    run.emit('light-changed', { detail: { from: state.light, to: light } });
    state.light = light;
  }
  run.record('deadline-extended', undefined, { dueAt: state.dueAt, grantedWorkingDays: state.extension?.grantedWorkingDays });
  const approval = run.approvedExtension;
  run.approvedExtension = undefined;
  run.emit('deadline-extended', { actorId: approval?.actorId, roles: ['assignee'], detail: { ...approval?.detail, grantedWorkingDays: state.extension?.grantedWorkingDays } });
}
