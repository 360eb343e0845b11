/**
 * The project's approvals on the time-skipping server with the real calendar (November 2026
 * has no holidays): parallel items and their dependants, the tolerance path supplied in time,
 * in the grace period and withdrawn, a return for correction stopping the clock, rejection,
 * and waiving an item.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkingCalendar } from '../../calendar';
import type { Actor } from '../../contracts/directory';
import type { ApprovalItemInput, ItemState, ProjectState, SubmitProjectInput } from './contract';
import type { TaskState } from '../../contracts/task';
import type { StoredEvent } from '../../test/harness/events';
import { startHarness, type Harness } from '../../test/harness/harness';
import { recordHistory } from '../../test/harness/histories';
import { expectRungAt } from '../../test/harness/rungs';
import { calendarUpdatedSignal, completeTaskUpdate, returnTaskUpdate, taskStateQuery } from '../../workflows/human-task';
import {
  addItemUpdate, changeItemDepartmentUpdate, projectApproval, projectStateQuery, resubmitUpdate, supplyMaterialsUpdate, waiveItemUpdate,
} from './workflow';

const staff = (dept: string, personId: string): Actor => ({ personId, departments: [dept], roles: ['staff'] });
const drc = staff('drc', 'drc-chen');
const resources = staff('resources', 'resources-he');
const ecology = staff('ecology', 'ecology-lu');
const permits = staff('permits', 'permits-feng');
const leaderQian: Actor = { personId: 'leader-qian', departments: [], roles: ['leader'] };
const leaderZhao: Actor = { personId: 'leader-zhao', departments: [], roles: ['leader'] };
const admin: Actor = { personId: 'admin', departments: [], roles: ['admin'] };
const drcHead: Actor = { personId: 'drc-head', departments: ['drc'], roles: ['departmentHead', 'staff'] };

/** Monday 2026-11-02, 09:00 in Shanghai. */
const MONDAY = '2026-11-02T01:00:00Z';

const filing: ApprovalItemInput = { key: 'filing', name: '项目备案', departmentId: 'drc', slaWorkingDays: 3 };
const land: ApprovalItemInput = { key: 'land', name: '建设用地规划许可证', departmentId: 'resources', slaWorkingDays: 10 };
const eia: ApprovalItemInput = {
  key: 'eia', name: '环境影响评价', departmentId: 'ecology', slaWorkingDays: 10, toleranceEligible: true, supplementWorkingDays: 5,
  materials: [{ key: 'report', name: '环境影响报告表', essential: true }, { key: 'survey', name: '公众参与调查', essential: false }],
};
const planning: ApprovalItemInput = { key: 'planning', name: '建设工程规划许可证', departmentId: 'resources', slaWorkingDays: 5, dependsOn: ['filing', 'land'] };
const construction: ApprovalItemInput = { key: 'construction', name: '施工许可证', departmentId: 'permits', slaWorkingDays: 5, dependsOn: ['eia'] };

function project(id: string, items: ApprovalItemInput[]): SubmitProjectInput {
  return {
    id,
    name: '南昌学校建设项目',
    category: 'starting',
    investmentCny: 308_000_000,
    floorAreaM2: 53_509.96,
    assignedLeaderId: 'leader-qian',
    responsibleDepartmentId: 'housing',
    taskForce: '重大项目工作专班',
    applicant: { name: '南昌某教育投资公司' },
    plan: { items, targetWorkingDays: 60 },
  };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const stateOf = (p: WorkflowHandle) => p.query(projectStateQuery);
const itemOf = (s: ProjectState, key: string) => s.items.find((i) => i.key === key) as ItemState;
const statuses = (s: ProjectState) => Object.fromEntries(s.items.map((i) => [i.key, i.status]));

/** Waits until the project's state satisfies `ok`. */
const untilState = (p: WorkflowHandle, ok: (s: ProjectState) => boolean, what: string) => until(() => stateOf(p), ok, what);

/** The open task of an item, once its deadlines are computed. */
async function taskOf(h: Harness, p: WorkflowHandle, key: string, taskKey: string): Promise<WorkflowHandle> {
  const taskId = `${p.workflowId}/${key}.${taskKey}`;
  await untilState(p, (s) => itemOf(s, key).taskId === taskId, `task ${taskId}`);
  const task = h.client.workflow.getHandle(taskId);
  await until(() => task.query(taskStateQuery), (t: TaskState) => t.deadlines.length > 0, `deadlines of ${taskId}`);
  return task;
}

/** An Update refused by its validator, with the reason a person would read. */
const refused = (pattern: RegExp) => expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(pattern) }) });

const complete = (task: WorkflowHandle, actor: Actor, outcome: string, payload: Record<string, unknown> = {}) =>
  task.executeUpdate(completeTaskUpdate, { args: [{ actor, outcome, payload }] });

const projectEvents = (events: StoredEvent[], id: string) => events.filter((e) => e.event.subject === id);
const named = (events: StoredEvent[], id: string, type: string) => projectEvents(events, id).filter((e) => e.event.type === `greenlight.project.${type}`);

/** A tolerance item as the board shows it: its status, its light and the project's, and whom the item's deadline events told. */
async function toleranceView(h: Harness, p: WorkflowHandle, key: string) {
  const [s, events] = await Promise.all([stateOf(p), h.events()]);
  const it = itemOf(s, key);
  return {
    status: it.status,
    light: it.light,
    projectLight: s.light,
    tolerance: it.tolerance?.status,
    told: projectEvents(events, p.workflowId)
      .filter((e) => e.event.data.itemKey === key && /\.item-(suspended|withdrawn)$/.test(e.event.type))
      .map((e) => e.event.type.replace('greenlight.project.', '')),
  };
}

/**
 * What the project waited for between handling the completion of `causeTaskId` and starting
 * `startedTaskId`, besides the work of the step itself (publishing its events, which the outbox
 * sends first, and computing deadlines from the calendar): timers (a poll or a delay), other
 * activities, signals or updates. Empty when the dependant started on what unblocked it alone.
 */
async function waitsBetween(p: WorkflowHandle, causeTaskId: string, startedTaskId: string): Promise<string[]> {
  const events = (await p.fetchHistory()).events ?? [];
  const from = events.findIndex((e) => e.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId === causeTaskId);
  const to = events.findIndex((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === startedTaskId);
  if (from < 0 || to < from) throw new Error(`no completion of ${causeTaskId} followed by the start of ${startedTaskId} in the history of ${p.workflowId}`);
  return events.slice(from + 1, to).flatMap((e) => {
    const activity = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (e.timerStartedEventAttributes) return [`timer ${e.timerStartedEventAttributes.timerId}`];
    if (activity && !['publishEvents', 'computeDeadlines'].includes(activity)) return [`activity ${activity}`];
    if (e.workflowExecutionSignaledEventAttributes) return [`signal ${e.workflowExecutionSignaledEventAttributes.signalName}`];
    if (e.workflowExecutionUpdateAcceptedEventAttributes) return [`update ${e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest?.input?.name}`];
    if (e.childWorkflowExecutionCompletedEventAttributes) return [`child ${e.childWorkflowExecutionCompletedEventAttributes.workflowExecution?.workflowId}`];
    return [];
  });
}
const closed = (id: string) => (all: StoredEvent[]) => all.some((e) => e.event.subject === id && e.event.type === 'greenlight.project.approved');

describe('parallel approvals, dependants and the tolerance supplied in time', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY });
  });
  afterAll(() => h?.stop());

  test('independent items open together; each dependant opens the moment its dependencies are approved or approved with tolerance', async () => {
    const id = 'prj-parallel';
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [project(id, [filing, land, eia, planning, construction])] });
      const opened = await untilState(p, (s) => ['filing', 'land', 'eia'].every((k) => itemOf(s, k).status === 'inReview'), 'independent items in review');
      expect(statuses(opened)).toEqual({ filing: 'inReview', land: 'inReview', eia: 'inReview', planning: 'waiting', construction: 'waiting' });
      expect(itemOf(opened, 'land').dueAt).toBe('2026-11-16T16:00:00.000Z');

      // An essential material can never be missing: the tolerance is refused and the review reopens on the same clock.
      const eia1 = await taskOf(h, p, 'eia', 'review-1');
      await complete(eia1, ecology, 'approveWithTolerance', { missingMaterials: ['report'], commitment: '两周内补齐' });
      const eia2 = await taskOf(h, p, 'eia', 'review-2');
      expect((await eia2.query(taskStateQuery)).dueAt).toBe((await eia1.query(taskStateQuery)).dueAt);
      expect(itemOf(await stateOf(p), 'construction').status).toBe('waiting');

      await complete(eia2, ecology, 'approveWithTolerance', { missingMaterials: ['survey'], commitment: '5个工作日内补齐公众参与调查' });
      await taskOf(h, p, 'construction', 'review-1');
      const tolerated = itemOf(await stateOf(p), 'eia');
      expect(tolerated).toMatchObject({ status: 'tolerated', tolerance: { status: 'pending', supplementDueAt: '2026-11-09T16:00:00.000Z' } });
      // The plan's materials, for the reviewer's page, in the query's answer.
      expect(tolerated.materials).toEqual([{ key: 'report', name: '环境影响报告表', essential: true }, { key: 'survey', name: '公众参与调查', essential: false }]);

      await complete(await taskOf(h, p, 'filing', 'review-1'), drc, 'approve');
      await untilState(p, (s) => itemOf(s, 'filing').status === 'approved', 'filing approved');
      expect(itemOf(await stateOf(p), 'planning').status).toBe('waiting');
      await complete(await taskOf(h, p, 'land', 'review-1'), resources, 'approve');
      await taskOf(h, p, 'planning', 'review-1');

      // Supplied in time, by the owning department only: a reviewer checks, then the item stands.
      const supply = (actor: Actor) => p.executeUpdate(supplyMaterialsUpdate, { args: [{ itemKey: 'eia', materials: ['survey'], actor }] });
      await expect(supply(drc)).rejects.toEqual(refused(/only the owning department \(ecology\)/));
      await supply(ecology);
      await complete(await taskOf(h, p, 'eia', 'supplement-check-1'), ecology, 'accept');
      await complete(await taskOf(h, p, 'planning', 'review-1'), resources, 'approve');
      await complete(await taskOf(h, p, 'construction', 'review-1'), permits, 'approve');
      const final = await p.result();
      expect(final.status).toBe('approved');
      expect(itemOf(final, 'eia').tolerance?.status).toBe('accepted');
      // Each dependant's task is started on what unblocked it: no timer, no poll, nothing else awaited in between.
      expect(await waitsBetween(p, `${id}/eia.review-2`, `${id}/construction.review-1`)).toEqual([]);
      expect(await waitsBetween(p, `${id}/land.review-1`, `${id}/planning.review-1`)).toEqual([]);
      await recordHistory(p, 'project-approval-parallel-tolerance-supplied');
    });
    const events = await h.events(closed(id));
    const eiaSteps = projectEvents(events, id).filter((e) => e.event.data.itemKey === 'eia').map((e) => e.event.type.replace('greenlight.project.', ''));
    expect(eiaSteps).toEqual(['item-started', 'item-tolerance-refused', 'item-started', 'item-tolerated', 'item-supplied', 'item-approved']);
    const refusedTask = events.find((e) => e.event.subject === `${id}/eia.review-2` && e.event.type === 'greenlight.task.created');
    expect(refusedTask?.event.data.title).toContain('essential materials cannot be missing: "report"');
  });

  test('a rejection turns the project red and tells the assigned leader at once', async () => {
    const id = 'prj-reject';
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [project(id, [filing, land, planning])] });
      await complete(await taskOf(h, p, 'filing', 'review-1'), drc, 'reject', { reason: '不符合产业政策' });
      const s = await untilState(p, (x) => itemOf(x, 'filing').status === 'rejected', 'filing rejected');
      expect(s.light).toBe('red');
      // The reviewer's words stay in the item's history, which only those who may read the project see.
      expect(itemOf(s, 'filing').history.find((e) => e.event === 'item-rejected')?.detail).toMatchObject({ reason: '不符合产业政策' });
      await p.cancel();
    });
    const events = await h.events((all) => named(all, id, 'light-changed').length > 0);
    const rejected = named(events, id, 'item-rejected')[0];
    // The leader told of a refusal reads its ground and the light the project has after it (red), not before (green).
    expect(rejected.event.data).toMatchObject({ itemKey: 'filing', recipients: ['leader-qian'], light: 'red', reason: '不符合产业政策', by: expect.any(String) });
    expect(named(events, id, 'light-changed')[0].event.data).toMatchObject({ from: 'green', to: 'red', itemKey: 'filing' });
  });
});

describe('a tolerance item not supplied by its deadline, supplied in the grace period', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY });
  });
  afterAll(() => h?.stop());

  test('suspended at the end of Mon 11-09 (leader told), dependants wait, resumes when supplied on 11-20', async () => {
    const id = 'prj-grace';
    // Land use takes long (30 working days): it is approved only during the suspension.
    const slowLand = { ...land, slaWorkingDays: 30 };
    const permitAfterBoth: ApprovalItemInput = { ...construction, dependsOn: ['eia', 'land'] };
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [project(id, [slowLand, eia, permitAfterBoth])] });
      await complete(await taskOf(h, p, 'eia', 'review-1'), ecology, 'approveWithTolerance', { missingMaterials: ['公众参与调查'], commitment: '按期补齐' });
      await untilState(p, (s) => itemOf(s, 'eia').status === 'tolerated', 'eia tolerated');
      // The supplement deadline, the end of Mon 11-09 (5 working days): tolerated until then, suspended just after.
      await expectRungAt(h.env, '2026-11-09T16:00:00Z', () => toleranceView(h, p, 'eia'),
        { status: 'tolerated', light: 'green', projectLight: 'green', tolerance: 'pending', told: [] },
        { status: 'suspended', light: 'yellow', projectLight: 'yellow', tolerance: 'lapsed', told: ['item-suspended'] });
      expect(itemOf(await stateOf(p), 'eia').tolerance?.graceDueAt).toBe('2026-11-30T16:00:00.000Z');
      // A dependant not yet started waits while its dependency is suspended.
      await complete(await taskOf(h, p, 'land', 'review-1'), resources, 'approve');
      await untilState(p, (s) => itemOf(s, 'land').status === 'approved', 'land approved');
      expect(itemOf(await stateOf(p), 'construction').status).toBe('waiting');

      await h.env.sleep(Date.parse('2026-11-20T02:00:00Z') - (await h.env.currentTimeMs()));
      await p.executeUpdate(supplyMaterialsUpdate, { args: [{ itemKey: 'eia', materials: ['survey'] }] });
      await taskOf(h, p, 'construction', 'review-1');
      await complete(await taskOf(h, p, 'eia', 'supplement-check-1'), ecology, 'accept');
      await complete(await taskOf(h, p, 'construction', 'review-1'), permits, 'approve');
      expect((await p.result()).status).toBe('approved');
      await recordHistory(p, 'project-approval-supplied-in-grace');
    });
    const events = await h.events(closed(id));
    const suspendedEvent = named(events, id, 'item-suspended')[0].event;
    expect(suspendedEvent.time).toBe('2026-11-09T16:00:00.000Z');
    expect(suspendedEvent.data.recipients).toEqual(expect.arrayContaining(['ecology-lu', 'ecology-head', 'leader-qian']));
    expect(named(events, id, 'item-resumed')[0].event.time.startsWith('2026-11-20T02:00')).toBe(true);
    expect(named(events, id, 'item-withdrawn')).toEqual([]);
    const lights = named(events, id, 'light-changed').map((e) => [e.event.time, e.event.data.to]);
    expect(lights).toEqual([['2026-11-09T16:00:00.000Z', 'yellow'], [expect.stringMatching(/^2026-11-20T02:00/), 'green']]);
  });
});

describe('a tolerance item never supplied, then waived', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY });
  });
  afterAll(() => h?.stop());

  test('withdrawn at the end of the grace period (Mon 11-30), project red, leader told; waiving it unblocks its dependant', async () => {
    const id = 'prj-withdrawn';
    await h.runWorker(async () => {
      // Land use takes long (30 working days): it is approved only after the withdrawal.
      const slowLand = { ...land, slaWorkingDays: 30 };
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [project(id, [eia, slowLand, { ...construction, dependsOn: ['eia', 'land'] }])] });
      await complete(await taskOf(h, p, 'eia', 'review-1'), ecology, 'approveWithTolerance', { missingMaterials: ['survey'], commitment: '按期补齐' });
      await untilState(p, (s) => itemOf(s, 'eia').status === 'tolerated', 'eia tolerated');
      // Suspended at the end of Mon 11-09, withdrawn at the end of the grace period, Mon 11-30; neither a moment early nor late.
      const view = () => toleranceView(h, p, 'eia');
      await expectRungAt(h.env, '2026-11-09T16:00:00Z', view,
        { status: 'tolerated', light: 'green', tolerance: 'pending', told: [] },
        { status: 'suspended', light: 'yellow', tolerance: 'lapsed', told: ['item-suspended'] });
      await expectRungAt(h.env, '2026-11-30T16:00:00Z', view,
        { status: 'suspended', light: 'yellow', projectLight: 'yellow', tolerance: 'lapsed', told: ['item-suspended'] },
        { status: 'withdrawn', light: 'red', projectLight: 'red', tolerance: 'withdrawn', told: ['item-suspended', 'item-withdrawn'] });
      await complete(await taskOf(h, p, 'land', 'review-1'), resources, 'approve');
      await untilState(p, (s) => itemOf(s, 'land').status === 'approved', 'land approved');
      expect(itemOf(await stateOf(p), 'construction').status).toBe('waiting');

      const waive = (actor: Actor) => p.executeUpdate(waiveItemUpdate, { args: [{ actor, itemKey: 'eia', reason: '改由市级审批' }] });
      await expect(waive(leaderZhao)).rejects.toEqual(refused(/only the assigned leader \(leader-qian\) or an admin/));
      await waive(leaderQian);
      await taskOf(h, p, 'construction', 'review-1');
      expect((await stateOf(p)).light).toBe('green');
      await complete(await taskOf(h, p, 'construction', 'review-1'), permits, 'approve');
      expect((await p.result()).status).toBe('approved');
      await recordHistory(p, 'project-approval-withdrawn-waived');
    });
    const events = await h.events(closed(id));
    const withdrawnEvent = named(events, id, 'item-withdrawn')[0].event;
    expect(withdrawnEvent.time).toBe('2026-11-30T16:00:00.000Z');
    expect(withdrawnEvent.data.recipients).toEqual(expect.arrayContaining(['ecology-head', 'leader-qian']));
    expect(named(events, id, 'item-suspended')[0].event.time).toBe('2026-11-09T16:00:00.000Z');
    const lights = named(events, id, 'light-changed').map((e) => [e.event.time, e.event.data.to]);
    expect(lights).toEqual([['2026-11-09T16:00:00.000Z', 'yellow'], ['2026-11-30T16:00:00.000Z', 'red'], [expect.any(String), 'green']]);
    expect(named(events, id, 'item-waived')[0].event.data).toMatchObject({ itemKey: 'eia', by: 'leader-qian' });
  });
});

describe('a return for correction', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY });
  });
  afterAll(() => h?.stop());

  test('stops the clock: two working days awaiting correction move every rung of the ladder by two working days', async () => {
    const id = 'prj-correction';
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [project(id, [filing])] });
      const first = await taskOf(h, p, 'filing', 'review-1');
      expect((await first.query(taskStateQuery)).dueAt).toBe('2026-11-05T16:00:00.000Z');
      await complete(first, drc, 'returnForCorrection', { missing: ['可行性研究报告盖章页'] });
      await untilState(p, (s) => itemOf(s, 'filing').status === 'awaitingCorrection', 'awaiting correction');
      await h.env.sleep(Date.parse('2026-11-04T03:00:00Z') - (await h.env.currentTimeMs()));
      const resubmit = (actor: Actor) => p.executeUpdate(resubmitUpdate, { args: [{ itemKey: 'filing', actor }] });
      await expect(resubmit(ecology)).rejects.toEqual(refused(/only the owning department \(drc\)/));
      await resubmit(drc);
      const second = await taskOf(h, p, 'filing', 'review-2');
      expect(itemOf(await stateOf(p), 'filing')).toMatchObject({ pausedWorkingDays: 2, dueAt: '2026-11-09T16:00:00.000Z' });
      await h.env.sleep(Date.parse('2026-11-10T16:00:01Z') - (await h.env.currentTimeMs()));
      await complete(second, drc, 'approve');
      await p.result();
      await recordHistory(p, 'project-approval-correction');
    });
    const events = await h.events(closed(id));
    const ladder = events
      .filter((e) => e.event.subject === `${id}/filing.review-2` && /\.(reminded|escalated)$/.test(e.event.type))
      .map((e) => [e.event.type, e.event.time, e.event.data.recipients]);
    expect(ladder).toEqual([
      ['greenlight.task.reminded', '2026-11-06T16:00:00.000Z', ['drc-head', 'drc-chen']],
      ['greenlight.task.escalated', '2026-11-09T16:00:00.000Z', ['drc-head']],
      ['greenlight.task.escalated', '2026-11-10T16:00:00.000Z', ['leader-qian']],
    ]);
    expect(named(events, id, 'item-resubmitted')[0].event.data.pausedWorkingDays).toBe(2);
    const lights = named(events, id, 'light-changed').map((e) => [e.event.time, e.event.data.to]);
    expect(lights).toEqual([['2026-11-06T16:00:00.000Z', 'yellow'], ['2026-11-09T16:00:00.000Z', 'red'], [expect.any(String), 'green']]);
  });
});

describe('退回 out of the parallel approvals to their prerequisite', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY });
  });
  afterAll(() => h?.stop());

  test('the land review returns the project to the filing: the environment review is cancelled with the reason, the filing reopens to its approver on a fresh clock', async () => {
    const id = 'prj-return';
    const REASON = '用地范围与备案内容不一致，请重新审查备案';
    const landAfter: ApprovalItemInput = { key: 'land', name: '建设用地规划许可证', departmentId: 'resources', slaWorkingDays: 10, dependsOn: ['filing'] };
    const eiaAfter: ApprovalItemInput = { key: 'eia', name: '环境影响评价', departmentId: 'ecology', slaWorkingDays: 10, dependsOn: ['filing'] };
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [project(id, [filing, landAfter, eiaAfter])] });
      await complete(await taskOf(h, p, 'filing', 'review-1'), drc, 'approve');
      const land = await taskOf(h, p, 'land', 'review-1');
      await taskOf(h, p, 'eia', 'review-1');
      expect((await land.query(taskStateQuery)).returnTargets).toEqual([{ step: 'filing', title: '项目备案', taskId: `${id}/filing.review-1`, completedBy: 'drc-chen' }]);

      await h.env.sleep(Date.parse('2026-11-04T03:00:00Z') - (await h.env.currentTimeMs()));
      await land.executeUpdate(returnTaskUpdate, { args: [{ actor: resources, toStep: 'filing', reason: REASON }] });
      const reopened = await taskOf(h, p, 'filing', 'review-2');
      // Three working days from Wednesday's return, not from Monday's submission.
      expect(await reopened.query(taskStateQuery)).toMatchObject({
        status: 'claimed', assigneeId: 'drc-chen', dueAt: '2026-11-09T16:00:00.000Z', returnedFrom: { by: 'resources-he', reason: REASON },
      });
      expect(statuses(await stateOf(p))).toEqual({ filing: 'inReview', land: 'waiting', eia: 'waiting' });
      const eia = await h.client.workflow.getHandle(`${id}/eia.review-1`).query(taskStateQuery);
      expect(eia).toMatchObject({ status: 'cancelled', cancelledByReturn: { by: 'resources-he', toStep: 'filing', reason: REASON } });

      await h.env.sleep(Date.parse('2026-11-10T16:00:01Z') - (await h.env.currentTimeMs()));
      await complete(reopened, drc, 'approve');
      // Freed again, each dependant opens a new round on a fresh clock: ten working days from the approval (Wednesday 11-11, just after midnight in Beijing).
      const land2 = await taskOf(h, p, 'land', 'review-2');
      expect((await land2.query(taskStateQuery)).dueAt).toBe('2026-11-25T16:00:00.000Z');
      await complete(land2, resources, 'approve');
      await complete(await taskOf(h, p, 'eia', 'review-2'), ecology, 'approve');
      expect(statuses(await p.result())).toEqual({ filing: 'approved', land: 'approved', eia: 'approved' });
      await recordHistory(p, 'project-approval-returned', join(__dirname, 'histories'));
    });
    const events = await h.events(closed(id));
    expect(projectEvents(events, id).map((e) => e.event.type.replace('greenlight.project.', '')).filter((t) => /sent-back|reopened|review-cancelled/.test(t)))
      .toEqual(['item-review-cancelled', 'item-sent-back', 'item-reopened']);
    const cancelled = events.find((e) => e.event.type === 'greenlight.task.cancelled' && e.event.subject === `${id}/eia.review-1`);
    expect(cancelled?.event.data).toMatchObject({ recipients: ['ecology-head', 'ecology-lu'], detail: { toStep: 'filing', reason: REASON } });
    // The reopened filing's rungs, at the instants counted from the return.
    const ladder = events
      .filter((e) => e.event.subject === `${id}/filing.review-2` && /\.(reminded|escalated)$/.test(e.event.type))
      .map((e) => [e.event.type, e.event.time, e.event.data.recipients]);
    expect(ladder).toEqual([
      ['greenlight.task.reminded', '2026-11-06T16:00:00.000Z', ['drc-chen']],
      ['greenlight.task.escalated', '2026-11-09T16:00:00.000Z', ['drc-head']],
      ['greenlight.task.escalated', '2026-11-10T16:00:00.000Z', ['leader-qian']],
    ]);
  });
});

describe('amendments and the overall target', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY });
  });
  afterAll(() => h?.stop());

  test("moving an item keeps its clock; an added item waits for its dependency; the target escalates to the leader at the end of Thu 11-05", async () => {
    const id = 'prj-amend';
    const items = [{ ...filing, slaWorkingDays: 5 }, { ...land, slaWorkingDays: 5 }];
    const tight = { ...project(id, items), plan: { items, targetWorkingDays: 3 } };
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [tight] });
      const first = await taskOf(h, p, 'filing', 'review-1');
      const due = (await first.query(taskStateQuery)).dueAt;

      const move = (actor: Actor) => p.executeUpdate(changeItemDepartmentUpdate, { args: [{ actor, itemKey: 'filing', toDepartmentId: 'permits', reason: '备案改由行政审批局办理' }] });
      await expect(move(drcHead)).rejects.toEqual(refused(/only the assigned leader/));
      await move(leaderQian);
      const moved = await taskOf(h, p, 'filing', 'review-2');
      expect(await moved.query(taskStateQuery)).toMatchObject({ departmentId: 'permits', dueAt: due });
      expect((await first.query(taskStateQuery)).status).toBe('cancelled');

      const add = (dependsOn: string[]) => p.executeUpdate(addItemUpdate, {
        args: [{ actor: admin, item: { key: 'planning', name: '建设工程规划许可证', departmentId: 'resources', slaWorkingDays: 5, dependsOn } }],
      });
      await expect(add(['nowhere'])).rejects.toEqual(refused(/item "planning" depends on unknown item "nowhere"/));
      expect(await add(['land'])).toMatchObject({ key: 'planning', status: 'waiting' });

      await h.env.sleep(Date.parse('2026-11-05T16:00:01Z') - (await h.env.currentTimeMs()));
      expect((await untilState(p, (s) => s.light === 'red', 'the target red')).target).toMatchObject({ light: 'red', dueAt: '2026-11-05T16:00:00.000Z' });
      await complete(moved, permits, 'approve');
      await complete(await taskOf(h, p, 'land', 'review-1'), resources, 'approve');
      await complete(await taskOf(h, p, 'planning', 'review-1'), resources, 'approve');
      expect((await p.result()).status).toBe('approved');
      await recordHistory(p, 'project-approval-amended');
    });
    const events = await h.events(closed(id));
    const target = named(events, id, 'target-escalated')[0].event;
    expect(target.time).toBe('2026-11-05T16:00:00.000Z');
    expect(target.data.recipients).toEqual(['leader-qian']);
    expect(named(events, id, 'item-reassigned')[0].event.data).toMatchObject({ itemKey: 'filing', from: 'drc', to: 'permits', by: 'leader-qian' });
    expect(named(events, id, 'light-changed').map((e) => [e.event.time, e.event.data.to])).toEqual([['2026-11-05T16:00:00.000Z', 'red']]);
  });
});

describe('calendar data added while a project runs', () => {
  const calendarDir = mkdtempSync(join(tmpdir(), 'gl-calendar-'));
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY, calendarDir });
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(calendarDir, { recursive: true, force: true });
  });

  test('a target in 2027 is provisional until the 2027 schedule is added; then it is computed again from it', async () => {
    const id = 'prj-calendar';
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: id, args: [{ ...project(id, [filing]), plan: { items: [filing], targetWorkingDays: 90 } }] });
      const before = await untilState(p, (s) => itemOf(s, 'filing').status === 'inReview', 'filing in review');
      expect(before.target.provisional).toBe(true);
      expect(itemOf(before, 'filing').provisional).toBe(false);

      // The official file declares two January weeks holidays that the statutory rules did not know.
      const holidays = Object.fromEntries(['11', '12', '13', '14', '15', '18', '19', '20', '21', '22'].map((d) => [`2027-01-${d}`, 'a holiday the rules did not know']));
      writeFileSync(join(calendarDir, '2027.json'), JSON.stringify({ year: 2027, holidays, workdays: {} }));
      await p.signal(calendarUpdatedSignal);
      const after = await untilState(p, (s) => !s.target.provisional, 'the target recomputed');
      const fromFile = WorkingCalendar.load({ dataDir: calendarDir }).addWorkingDays(after.startedAt, 90);
      expect(after.target.dueAt).toBe(new Date(fromFile.due).toISOString());
      expect(after.target.dueAt).not.toBe(before.target.dueAt);
      await p.cancel();
    });
    const events = await h.events((all) => named(all, id, 'deadlines-recomputed').length > 0);
    expect(named(events, id, 'deadlines-recomputed')[0].event.data).toMatchObject({ provisional: false, targetDueAt: expect.stringMatching(/^2027-/) });
  });
});

describe("the directory's ladder presets replace the project's built-in ladders", () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    // The demo directory with a district rule: every review is due in 2 working days, whatever the item's own time limit.
    dir = mkdtempSync(join(tmpdir(), 'gl-presets-'));
    const directory = JSON.parse(readFileSync(join(__dirname, '../../directory/demo.json'), 'utf8'));
    directory.ladders = {
      'projectApproval.review': { due: { workingDays: 2 }, steps: [{ at: { workingDays: 2 }, kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'overdue: department head' }] },
    };
    writeFileSync(join(dir, 'directory.json'), JSON.stringify(directory));
    h = await startHarness({ startAt: MONDAY, directoryPath: join(dir, 'directory.json') });
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("an item of 3 working days is due when the preset says: the end of Wednesday 11-04, not Thursday's", async () => {
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: 'prj-presets', args: [project('prj-presets', [filing])] });
      const task = await taskOf(h, p, 'filing', 'review-1');
      const state = await task.query(taskStateQuery);
      expect(state.dueAt).toBe('2026-11-04T16:00:00.000Z');
      // The due instant (step -1) and the one rung the preset has, not the built-in three (yellow, head, leader).
      expect(state.deadlines.map((d) => `${d.step}@${d.at}`)).toEqual(['-1@2026-11-04T16:00:00.000Z', '0@2026-11-04T16:00:00.000Z']);
      await p.terminate('done');
    });
  });
});

describe('a tolerance item approved on 2026-12-01: each date carries its own provisional mark', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-12-01T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('the supplement deadline in December is not marked; the grace deadline in 2027 (no official data yet) is', async () => {
    const item: ApprovalItemInput = { ...eia, supplementWorkingDays: 10 };
    await h.runWorker(async () => {
      const p = await h.client.workflow.start(projectApproval, { taskQueue: h.taskQueue, workflowId: 'prj-dec', args: [project('prj-dec', [item])] });
      await complete(await taskOf(h, p, 'eia', 'review-1'), ecology, 'approveWithTolerance', { missingMaterials: ['survey'], commitment: '按期补齐' });
      const s = await untilState(p, (x) => itemOf(x, 'eia').status === 'tolerated', 'eia tolerated');
      const it = itemOf(s, 'eia');
      // 10 working days from Tuesday 12-01: the end of Tuesday 12-15; 15 more: into January 2027.
      expect(it.tolerance).toMatchObject({ supplementDueAt: '2026-12-15T16:00:00.000Z', supplementProvisional: false, graceProvisional: true });
      expect(it.tolerance?.graceDueAt.startsWith('2027-01')).toBe(true);
      expect({ dueAt: it.dueAt, provisional: it.provisional }).toEqual({ dueAt: '2026-12-15T16:00:00.000Z', provisional: false });
      await p.terminate('done');
    });
  });
});
