/**
 * The monthly dispatch (月调度): the owner unit's report of the month's investment and progress.
 *
 * Rules:
 * - Every month of the project's year from the current one on has a dispatch day (the tier's
 *   `dispatchDay`, or the working day before when it is a day off); its report task opens a
 *   window of working days before it. A month whose day has ended before the project reaches it
 *   is skipped; one already recorded (reported before the project was put on the chart) too.
 * - A report missing at the end of the dispatch day is red (missed) and reaches the assigned
 *   leader; the report is still awaited, and when it comes the month stays red.
 * - A report is lit against the time-proportional plan (序时进度, dispatch-light.ts): how many
 *   points the cumulative investment is behind the share of the year gone.
 * - 约谈: one red, or two yellows in a row, reach the assigned leader — once a month.
 * - The project's light counts the latest month reported or missed.
 */
import { condition, sleep } from '@temporalio/workflow';
import { worseLight } from '../../contracts/lights';
import { workflowNowIso, workflowNowMs, type TaskRun } from '../../workflows/blocks';
import type { DispatchState, StartKeyProjectPush } from './contract';
import { dispatchLight, expectedPercent, round1, shouldInterview } from './dispatch-light';
import { DISPATCH_WINDOW_WORKING_DAYS, dispatchLadder } from './ladders';
import { keyProjectPushDateClock, PROCESS_KIND, shanghaiDate, type PushRun } from './push-run';

/** Months reported before the project was put on the chart, as the start says, lit as they would have been. */
export function recordPastDispatches(run: PushRun, pastDispatches: StartKeyProjectPush['pastDispatches']): void {
  const { state, settings } = run;
  for (const past of [...(pastDispatches ?? [])].sort((a, b) => a.month.localeCompare(b.month))) {
    const month = Number(past.month.slice(5, 7));
    const behind = expectedPercent(month) - (past.cumulativeInvestment / state.plannedInvestment) * 100;
    state.dispatches.push({
      month: past.month,
      dueDate: `${past.month}-${String(settings.dispatchDay).padStart(2, '0')}`,
      status: 'reported',
      light: dispatchLight(behind, settings),
      report: { investmentThisMonth: past.investmentThisMonth, cumulativeInvestment: past.cumulativeInvestment, workers: past.workers, progress: past.progress, by: 'record', at: workflowNowIso() },
      expectedPercent: round1(expectedPercent(month)),
      actualPercent: round1((past.cumulativeInvestment / state.plannedInvestment) * 100),
      behindPoints: round1(behind),
      missed: false,
      openProblems: [],
      interview: false,
    });
  }
}

/** Each month's dispatch, started as its window opens, until the year's last. */
export async function scheduleDispatches(run: PushRun): Promise<void> {
  const { state, settings } = run;
  const today = shanghaiDate(workflowNowMs());
  const thisYear = Number(today.slice(0, 4));
  if (thisYear > state.year) return;
  const first = thisYear < state.year ? 1 : Number(today.slice(5, 7));
  for (let month = first; month <= 12; month++) {
    const day = `${state.year}-${String(month).padStart(2, '0')}-${String(settings.dispatchDay).padStart(2, '0')}`;
    if (state.dispatches.some((d) => day.startsWith(d.month))) continue;
    const clock = await keyProjectPushDateClock({ date: day, daysBefore: DISPATCH_WINDOW_WORKING_DAYS });
    if (workflowNowMs() >= Date.parse(clock.dueAt)) continue;
    await sleep(Math.max(0, Date.parse(clock.clockStartsAt) - workflowNowMs()));
    run.spawn(() => runDispatch(run, month, clock));
  }
}

/** A month's dispatch: the report awaited, missed at the day's end, lit when it comes. */
async function runDispatch(run: PushRun, month: number, clock: { dueDate: string; clockStartsAt: string; dueAt: string }): Promise<void> {
  const { id, state, settings } = run;
  const key = `${state.year}-${String(month).padStart(2, '0')}`;
  const d: DispatchState = { month: key, dueDate: clock.dueDate, status: 'awaiting', light: 'green', missed: false, openProblems: [], interview: false };
  state.dispatches.push(d);
  const taskKey = `dispatch-${key}`;
  d.taskId = `${id}/${taskKey}`;
  const report = run.stoppable({
    taskKey,
    processKind: PROCESS_KIND,
    processId: id,
    title: `月调度: ${state.name} ${month}月`,
    departmentId: state.responsibleDepartmentId,
    assigneeId: state.ownerUnit.contactId,
    form: 'keyProjectPushDispatch',
    outcomes: ['reported'],
    ladder: run.preset('dispatchReport') ?? dispatchLadder(),
    clockStartsAt: clock.clockStartsAt,
    ...run.supervising,
  });
  const reported = () => report.result !== undefined;
  if (!(await run.until(clock.dueAt, reported))) {
    d.missed = true;
    d.light = 'red';
    run.happened('dispatch-missed', { month: key, dueDate: d.dueDate });
    interview(run, d, 'missed');
    run.refreshLight({ month: key });
  }
  await condition(reported);
  const { payload, actorId, at } = (report.result as TaskRun).completion;
  const r = payload as { investmentThisMonth: number; cumulativeInvestment: number; workers: number; progress: string };
  d.taskId = undefined;
  d.status = 'reported';
  d.report = { ...r, by: actorId, at };
  d.expectedPercent = round1(expectedPercent(month));
  d.actualPercent = round1((r.cumulativeInvestment / state.plannedInvestment) * 100);
  d.behindPoints = round1(expectedPercent(month) - (r.cumulativeInvestment / state.plannedInvestment) * 100);
  d.openProblems = state.problems.filter((p) => p.status !== 'closed').map((p) => p.key);
  d.light = worseLight(d.missed ? 'red' : 'green', dispatchLight(d.behindPoints, settings));
  run.happened('dispatch-reported', {
    month: key, by: actorId, late: d.missed, expectedPercent: d.expectedPercent, actualPercent: d.actualPercent, behindPoints: d.behindPoints, dispatchLight: d.light, openProblems: d.openProblems,
  }, { said: { progress: r.progress } });
  const previous = state.dispatches.filter((x) => x.month < key && (x.status === 'reported' || x.missed)).sort((a, b) => a.month.localeCompare(b.month)).pop();
  if (shouldInterview(d.light, previous?.light)) interview(run, d, d.light === 'red' ? 'red' : 'two yellows');
  run.refreshLight({ month: key });
}

/** 约谈: the month's dispatch reaches the assigned leader, once. */
function interview(run: PushRun, d: DispatchState, reason: string) {
  if (d.interview) return;
  d.interview = true;
  run.happened('dispatch-interview', { month: d.month, reason, dispatchLight: d.light }, { recipients: ['assignedLeader'] });
}
