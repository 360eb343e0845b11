/**
 * A key project's year on the time-skipping server, with the demo directory and the real calendar.
 * The project office is 区项目督调办 (`pmo`: pmo-gao and pmo-head hold the projectOffice role); the
 * nodes are 住建局's (`housing`: head housing-head, staff housing-wu); the assigned leader is
 * leader-zhao; the top leaders are secretary-wang and mayor-li.
 *
 * Each scenario has its own harness, so its clock starts where the test says.
 */
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../contracts/directory';
import type { TaskState } from '../../contracts/task';
import { eventually } from '../../test/harness/eventually';
import type { StoredEvent } from '../../test/harness/events';
import { startHarness, type Harness } from '../../test/harness/harness';
import { recordHistory } from '../../test/harness/histories';
import { expectRungAt } from '../../test/harness/rungs';
import { completeTaskUpdate, taskStateQuery } from '../../workflows/human-task';
import type { KeyProjectPushState, NodePlan, StartKeyProjectPush } from './contract';
import { keyProjectPushDefinition } from './definition';
import { keyProjectPush, keyProjectPushStateQuery, raiseProblemUpdate, replanNodeUpdate, reportElementUpdate } from './workflow';

const histories = join(__dirname, 'histories');
const housingStaff: Actor = { personId: 'housing-wu', departments: ['housing'], roles: ['staff'] };
const housingHead: Actor = { personId: 'housing-head', departments: ['housing'], roles: ['departmentHead', 'staff'] };
const office: Actor = { personId: 'pmo-gao', departments: ['pmo'], roles: ['staff', 'projectOffice'] };
const owner: Actor = { personId: 'owner-jxjk', departments: [], roles: ['staff'] };

const node = (key: string, plannedDate: string, extra: Partial<NodePlan> = {}): NodePlan =>
  ({ key, departmentId: 'housing', personId: 'housing-wu', plannedDate, ...extra });

function project(id: string, nodes: NodePlan[], extra: Partial<StartKeyProjectPush> = {}): StartKeyProjectPush {
  return {
    id,
    year: 2026,
    name: '江西金控数字金融创新产业园',
    tier: 'city',
    category: 'underConstruction',
    ownerUnit: { name: '江西省金融控股集团', contactId: 'owner-jxjk' },
    responsibleDepartmentId: 'housing',
    assignedLeaderId: 'leader-zhao',
    officeDepartmentId: 'pmo',
    plannedInvestment: 1200,
    nodes,
    ...extra,
  };
}

type Push = WorkflowHandle<typeof keyProjectPush>;
const start = (h: Harness, input: StartKeyProjectPush): Promise<Push> =>
  h.client.workflow.start(keyProjectPush, { taskQueue: h.taskQueue, workflowId: input.id, args: [input] });
const stateOf = (p: Push) => p.query(keyProjectPushStateQuery);

/** Waits for the process to list a task (by its key) and for the task's deadlines. */
async function openTask(h: Harness, p: Push, key: string): Promise<WorkflowHandle> {
  const taskId = `${p.workflowId}/${key}`;
  await eventually(() => stateOf(p), (s) => s.openTaskIds.includes(taskId), `task ${key}`);
  const task = h.client.workflow.getHandle(taskId);
  await eventually(() => task.query(taskStateQuery), (s: TaskState) => s.deadlines.length > 0, `deadlines of ${key}`);
  return task;
}
const complete = (task: WorkflowHandle, actor: Actor, outcome: string, payload: Record<string, unknown> = {}) =>
  task.executeUpdate(completeTaskUpdate, { args: [{ actor, outcome, payload }] });
/** Why an Update was refused, as the workflow said it. */
const refusedWith = (update: Promise<unknown>) => update.then(() => 'accepted', (err: { cause?: { message?: string } }) => err.cause?.message);
const sleepUntil = async (h: Harness, iso: string) => h.env.sleep(Date.parse(iso) - (await h.env.currentTimeMs()));
const nodeOf = (s: KeyProjectPushState, key: string) => s.nodes.find((n) => n.key === key)!;

/** Every ladder event of one task: type, time, recipients. */
const rungsOf = (events: StoredEvent[], taskId: string) => events
  .filter((e) => e.event.subject === taskId && /\.(reminded|escalated)$/.test(e.event.type))
  .map((e) => [e.event.type.replace('greenlight.task.', ''), e.event.time, e.event.data.recipients]);
const pushEvents = (events: StoredEvent[], id: string) =>
  events.filter((e) => e.event.subject === id).map((e) => e.event.type.replace('greenlight.keyprojectpush.', ''));

function expectDeclared(events: StoredEvent[], id: string) {
  for (const step of pushEvents(events, id)) expect(keyProjectPushDefinition.events).toContain(`keyprojectpush.${step}`);
}

describe('a city key project whose node 主体完工 is due Wednesday 2026-09-30, the day before National Day', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-09-14T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('each rung at its instant: 临期 yellow 5 working days before, red at the day\'s end, the leader after the holiday, then the top leaders', async () => {
    const id = 'kp-rungs';
    await h.runWorker(async () => {
      const p = await start(h, project(id, [node('structure', '2026-09-30')]));
      const task = await openTask(h, p, 'node-structure');
      expect(await task.query(taskStateQuery)).toMatchObject({ assigneeId: 'housing-wu', departmentId: 'housing', dueAt: '2026-09-30T16:00:00.000Z' });
      expect(nodeOf(await stateOf(p), 'structure')).toMatchObject({ dueDate: '2026-09-30', status: 'open', light: 'green' });

      const observe = async () => {
        const t = await task.query(taskStateQuery);
        const n = nodeOf(await stateOf(p), 'structure');
        return { node: n.light, task: t.light, escalations: t.escalations?.length ?? 0 };
      };
      // 临期: 5 working days are left after Tue 09-22 (09-23, 09-24, 09-28, 09-29, 09-30; Mid-Autumn on 09-25).
      await expectRungAt(h.env, '2026-09-22T16:00:00Z', observe, { node: 'green', task: 'green' }, { node: 'yellow', task: 'yellow', escalations: 0 });
      await expectRungAt(h.env, '2026-09-30T16:00:00Z', observe, { node: 'yellow', escalations: 0 }, { node: 'red', task: 'red', escalations: 1 });
      // National Day (10-01 to 10-07) is not counted: the assigned leader at the end of Thu 10-08.
      await expectRungAt(h.env, '2026-10-08T16:00:00Z', observe, { escalations: 1 }, { escalations: 2 });
      await expectRungAt(h.env, '2026-10-09T16:00:00Z', observe, { escalations: 2 }, { escalations: 3 });
      expect((await stateOf(p)).light).toBe('red');

      await complete(task, housingStaff, 'done', { summary: '主体结构封顶', actualDate: '2026-10-09' });
      const done = await eventually(() => stateOf(p), (s) => nodeOf(s, 'structure').status === 'done', 'node done');
      expect(nodeOf(done, 'structure').done).toMatchObject({ actualDate: '2026-10-09', late: true, by: 'housing-wu', byApproval: false });
      await p.cancel();
    });
    const events = await h.events((all) => rungsOf(all, `${id}/node-structure`).length === 4);
    expect(rungsOf(events, `${id}/node-structure`)).toEqual([
      ['reminded', '2026-09-22T16:00:00.000Z', ['housing-wu']],
      ['escalated', '2026-09-30T16:00:00.000Z', ['housing-wu', 'housing-head']],
      ['escalated', '2026-10-08T16:00:00.000Z', ['leader-zhao']],
      ['escalated', '2026-10-09T16:00:00.000Z', ['secretary-wang', 'mayor-li']],
    ]);
    expectDeclared(events, id);
  });
});

describe('replanning (调整计划), from Monday 2026-09-14', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-09-14T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('asked before the date, approved by the project office: assessed against the new date; asked after it: still late against the old one', async () => {
    const id = 'kp-replan';
    await h.runWorker(async () => {
      const p = await start(h, project(id, [node('tender', '2026-09-30'), node('construction-permit', '2026-09-30', { dependsOn: [] })], { tier: 'district' }));
      await openTask(h, p, 'node-tender');
      await openTask(h, p, 'node-construction-permit');

      // Asked in time, on Tue 09-15.
      const replan = (nodeKey: string, newDate: string, actor: Actor = housingStaff) =>
        p.executeUpdate(replanNodeUpdate, { args: [{ actor, nodeKey, newDate, reason: '设计变更，需重新审图' }] });
      expect(await refusedWith(replan('tender', '2026-10-20', { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] }))).toMatch(/only the project office/);
      expect((await replan('tender', '2026-10-20')).replans[0]).toMatchObject({ status: 'pending', early: true, fromDate: '2026-09-30', newDate: '2026-10-20' });
      expect(await refusedWith(replan('tender', '2026-10-21'))).toMatch(/awaits the project office/);
      const decision = await openTask(h, p, 'replan-tender-1');
      // Only the project office decides: the department's head is not offered the task.
      expect(await refusedWith(complete(decision, housingHead, 'approve'))).toMatch(/not/);
      await complete(decision, office, 'approve', { comment: '同意' });
      const moved = await eventually(() => stateOf(p), (s) => nodeOf(s, 'tender').assessedDate === '2026-10-20', 'tender assessed against 10-20');
      expect(nodeOf(moved, 'tender')).toMatchObject({ plannedDate: '2026-10-20' });
      const tenderTask = await openTask(h, p, 'node-tender-2');
      expect(nodeOf(await stateOf(p), 'tender')).toMatchObject({ dueDate: '2026-10-20', light: 'green' });
      expect((await tenderTask.query(taskStateQuery)).dueAt).toBe('2026-10-20T16:00:00.000Z');

      // The old date passes: the permit turns red, the tender does not.
      await sleepUntil(h, '2026-10-09T02:00:00Z');
      let s = await stateOf(p);
      expect(nodeOf(s, 'construction-permit').light).toBe('red');
      expect(nodeOf(s, 'tender').light).toBe('green');

      // Asked late, on Fri 10-09: approved, the plan shows the new date, the node is still assessed against 09-30.
      expect((await replan('construction-permit', '2026-10-20')).replans[0]).toMatchObject({ early: false });
      await complete(await openTask(h, p, 'replan-construction-permit-1'), office, 'approve');
      s = await eventually(() => stateOf(p), (x) => nodeOf(x, 'construction-permit').plannedDate === '2026-10-20', 'permit replanned');
      expect(nodeOf(s, 'construction-permit')).toMatchObject({ assessedDate: '2026-09-30', light: 'red', taskId: `${id}/node-construction-permit` });

      await complete(tenderTask, housingStaff, 'done', { summary: '招标完成', actualDate: '2026-10-16' });
      await complete(await openTask(h, p, 'node-construction-permit'), housingStaff, 'done', { summary: '施工许可证已核发', actualDate: '2026-10-16' });
      s = await eventually(() => stateOf(p), (x) => x.nodes.every((n) => n.status === 'done'), 'both done');
      expect(nodeOf(s, 'tender').done).toMatchObject({ late: false });
      expect(nodeOf(s, 'construction-permit').done).toMatchObject({ late: true });
      await recordHistory(p, 'key-project-push-replanned', histories);
      await p.cancel();
    });
    const events = await h.events((all) => pushEvents(all, id).filter((e) => e === 'node-done').length === 2);
    expect(pushEvents(events, id).filter((e) => e.startsWith('replan'))).toEqual(['replan-requested', 'replan-decided', 'replan-requested', 'replan-decided']);
    // What the accountability report counts (its definition's measures): each node on time or late, for its department.
    const lastDone = events.filter((e) => e.event.subject === id && e.event.type.endsWith('node-done')).at(-1);
    expect((lastDone?.event.data.process as { facts?: string[] }).facts?.sort()).toEqual(['nodeLate/construction-permit@housing', 'nodeOnTime/tender@housing']);
    expectDeclared(events, id);
  });
});

describe('the problem list and 滚动销号, from Monday 2026-11-02', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('raised, assigned by the office, handled, applied for; the office returns it (it reopens), then closes it; only the office verifies', async () => {
    const id = 'kp-problem';
    await h.runWorker(async () => {
      const p = await start(h, project(id, [node('acceptance', '2026-12-18')], { tier: 'district' }));
      const raised = await p.executeUpdate(raiseProblemUpdate, { args: [{ actor: owner, category: 'energy', description: '施工用电容量不足，需新增临时变压器', blocksNodeKey: 'acceptance' }] });
      expect(raised).toMatchObject({ key: 'p1', status: 'raised', category: 'energy' });
      expect(await refusedWith(p.executeUpdate(raiseProblemUpdate, { args: [{ actor: { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] }, category: 'other', description: 'x' }] }))).toMatch(/only the project office/);

      const assign = await openTask(h, p, 'problem-p1-assign');
      expect(await refusedWith(complete(assign, housingHead, 'assign', { departmentId: 'housing', workingDays: 5 }))).toMatch(/not/);
      await complete(assign, office, 'assign', { departmentId: 'housing', workingDays: 5 });
      const handling = await openTask(h, p, 'problem-p1-handling-1');
      expect((await handling.query(taskStateQuery)).dueAt).toBe('2026-11-09T16:00:00.000Z'); // 5 working days from Mon 11-02: end of Mon 11-09
      let s = await stateOf(p);
      expect(s.problems[0]).toMatchObject({ status: 'assigned', departmentId: 'housing', workingDays: 5, round: 1 });
      // No verification before an application: the office has no task to 销号 yet.
      expect(s.openTaskIds).not.toContain(`${id}/problem-p1-verify-1`);

      await complete(handling, housingStaff, 'applyClose', { summary: '已协调供电公司增容' });
      const verify = await openTask(h, p, 'problem-p1-verify-1');
      expect((await stateOf(p)).problems[0].status).toBe('applied');
      // The department cannot close its own problem.
      expect(await refusedWith(complete(verify, housingHead, 'close'))).toMatch(/not/);
      await complete(verify, office, 'return', { reason: '变压器尚未送电' });

      const again = await openTask(h, p, 'problem-p1-handling-2');
      s = await stateOf(p);
      expect(s.problems[0]).toMatchObject({ status: 'assigned', round: 2 });
      await complete(again, housingStaff, 'applyClose', { summary: '变压器已送电' });
      await complete(await openTask(h, p, 'problem-p1-verify-2'), office, 'close', { comment: '现场核实' });
      s = await eventually(() => stateOf(p), (x) => x.problems[0].status === 'closed', 'closed');
      expect(s.problems[0].history.map((e) => e.event)).toEqual([
        'problem-raised', 'problem-assigned', 'problem-applied', 'problem-returned', 'problem-applied', 'problem-closed',
      ]);
      await recordHistory(p, 'key-project-push-problem', histories);
      await p.cancel();
    });
    const events = await h.events((all) => pushEvents(all, id).includes('problem-closed'));
    const returned = events.find((e) => e.event.subject === id && e.event.type.endsWith('problem-returned'));
    expect(returned?.event.data).toMatchObject({ problemKey: 'p1', recipients: ['housing-head'] });
    expect(JSON.stringify(returned?.event.data)).not.toContain('变压器尚未送电');
    // Closed on time: both applications came before their deadlines, though the first was returned.
    const closed = events.find((e) => e.event.subject === id && e.event.type.endsWith('problem-closed'));
    expect((closed?.event.data.process as { facts?: string[] }).facts).toEqual(['problemClosedOnTime/p1@housing']);
    expectDeclared(events, id);
  });

});

describe("a problem's ladder, from Monday 2026-11-02", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test("a problem's own ladder: red at its deadline to the department head, then the assigned leader", async () => {
    const id = 'kp-problem-late';
    await h.runWorker(async () => {
      const p = await start(h, project(id, [node('acceptance', '2026-12-18')], { tier: 'district' }));
      await p.executeUpdate(raiseProblemUpdate, { args: [{ actor: housingStaff, category: 'labour', description: '春节后用工缺口' }] });
      const now = new Date(await h.env.currentTimeMs()).toISOString();
      await complete(await openTask(h, p, 'problem-p1-assign'), office, 'assign', { departmentId: 'housing', workingDays: 2 });
      const handling = await openTask(h, p, 'problem-p1-handling-1');
      const { dueAt } = await handling.query(taskStateQuery);
      const observe = async () => ({ problem: (await stateOf(p)).problems[0].light, project: (await stateOf(p)).light });
      expect(Date.parse(dueAt!)).toBeGreaterThan(Date.parse(now));
      await expectRungAt(h.env, dueAt!, observe, { problem: 'yellow' }, { problem: 'red', project: 'red' });
      await p.cancel();
    });
    const events = await h.events((all) => rungsOf(all, `${id}/problem-p1-handling-1`).length >= 2);
    expect(rungsOf(events, `${id}/problem-p1-handling-1`).slice(0, 2).map(([, , who]) => who)).toEqual([['housing-head', 'housing-wu'], ['housing-head']]);
  });
});

describe('the monthly dispatch (月调度) of a project planning 1,200 万元 this year, from Monday 2026-03-16', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-03-16T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('lit at 9.9, 10, 30 and 30.1 points behind; two yellows in a row and a red reach the leader; a missed report turns red at the day\'s end', async () => {
    const id = 'kp-dispatch';
    // 序时进度 at the end of March, April, May, June: 25 %, 33.3 %, 41.7 %, 50 %.
    const months: Array<[string, number]> = [
      ['2026-03', 25 - 9.9],
      ['2026-04', (4 / 12) * 100 - 10],
      ['2026-05', (5 / 12) * 100 - 30],
      ['2026-06', 50 - 30.1],
    ];
    await h.runWorker(async () => {
      const p = await start(h, project(id, [node('acceptance', '2026-12-18')], { tier: 'district' }));
      for (const [month, percent] of months) {
        // Each month's report task opens 3 working days before its day (no later than the 22nd here).
        await sleepUntil(h, `${month}-23T01:00:00Z`);
        const task = await openTask(h, p, `dispatch-${month}`);
        expect((await task.query(taskStateQuery)).assigneeId).toBe('owner-jxjk');
        await complete(task, owner, 'reported', { investmentThisMonth: 100, cumulativeInvestment: Math.round((percent / 100) * 1200 * 10) / 10, workers: 320, progress: `${month} 桩基施工` });
        await eventually(() => stateOf(p), (s) => s.dispatches.find((d) => d.month === month)?.status === 'reported', `${month} reported`);
      }
      const s = await stateOf(p);
      expect(s.dispatches.map((d) => [d.month, d.dueDate, d.behindPoints, d.light, d.interview])).toEqual([
        ['2026-03', '2026-03-25', 9.9, 'green', false],
        ['2026-04', '2026-04-24', 10, 'yellow', false], // the 25th is a Saturday: the Friday before
        ['2026-05', '2026-05-25', 30, 'yellow', true], // the second yellow in a row
        ['2026-06', '2026-06-25', 30.1, 'red', true],
      ]);

      // July's report is not sent: reminded the day before, red at the end of Fri 07-24 (the 25th is a Saturday).
      await sleepUntil(h, '2026-07-23T01:00:00Z');
      const july = await openTask(h, p, 'dispatch-2026-07');
      const observe = async () => {
        const d = (await stateOf(p)).dispatches.find((x) => x.month === '2026-07')!;
        return { light: d.light, missed: d.missed, interview: d.interview };
      };
      await expectRungAt(h.env, '2026-07-24T16:00:00Z', observe, { light: 'green', missed: false }, { light: 'red', missed: true, interview: true });
      await complete(july, owner, 'reported', { investmentThisMonth: 100, cumulativeInvestment: 700, workers: 300, progress: '补报' });
      const late = await eventually(() => stateOf(p), (x) => x.dispatches.find((d) => d.month === '2026-07')?.status === 'reported', 'July reported late');
      expect(late.dispatches.find((d) => d.month === '2026-07')).toMatchObject({ missed: true, light: 'red' });
      await recordHistory(p, 'key-project-push-dispatch', histories);
      await p.cancel();
    });
    const events = await h.events((all) => pushEvents(all, id).filter((e) => e === 'dispatch-reported').length === 5);
    const interviews = events.filter((e) => e.event.subject === id && e.event.type.endsWith('dispatch-interview')).map((e) => [e.event.data.month, e.event.data.reason, e.event.data.recipients]);
    expect(interviews).toEqual([
      ['2026-05', 'two yellows', ['leader-zhao']],
      ['2026-06', 'red', ['leader-zhao']],
      ['2026-07', 'missed', ['leader-zhao']],
    ]);
    expect(rungsOf(events, `${id}/dispatch-2026-07`).map(([type, at]) => [type, at])).toEqual([
      ['reminded', '2026-07-23T16:00:00.000Z'],
      ['escalated', '2026-07-24T16:00:00.000Z'],
    ]);
    expectDeclared(events, id);
  });
});

describe('by category and tier (分类施策、分级督导), from Monday 2026-11-02', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('新开工: visited every N working days until 开工; 在建: a short element raises a problem; 社会投资: policies and services first', async () => {
    await h.runWorker(async () => {
      const starting = await start(h, project('kp-new-start', [node('construction-permit', '2026-11-20'), node('start', '2026-12-10')], {
        category: 'newStart', tier: 'district', settings: { visitEveryWorkingDays: 3 },
      }));
      const visit1 = await openTask(h, starting, 'visit-1');
      expect(await visit1.query(taskStateQuery)).toMatchObject({ departmentId: 'housing', dueAt: '2026-11-05T16:00:00.000Z' }); // 3 working days
      await complete(visit1, housingStaff, 'visited', { found: '场地平整完成，等待施工许可' });
      await openTask(h, starting, 'visit-2');
      await complete(await openTask(h, starting, 'node-start'), housingStaff, 'done', { summary: '桩基进场', actualDate: '2026-11-02' });
      const started = await eventually(() => stateOf(starting), (s) => s.visits[1]?.status === 'stopped', 'visits stopped at 开工');
      expect(started.visits.map((v) => v.status)).toEqual(['done', 'stopped']);
      expect(started.openTaskIds).not.toContain('kp-new-start/visit-2');
      // A district project's node climbs to the assigned leader, not to the top leaders.
      const permit = await (await openTask(h, starting, 'node-construction-permit')).query(taskStateQuery);
      expect(permit.deadlines.filter((d) => d.step >= 0)).toHaveLength(3);

      const building = await start(h, project('kp-building', [node('structure', '2026-12-18')], {
        tier: 'district', elements: [{ element: 'labour', departmentId: 'housing', secured: true }, { element: 'materials', departmentId: 'commerce', secured: true }],
      }));
      await eventually(() => stateOf(building), (s) => s.elements.length === 2, 'elements listed');
      await building.executeUpdate(reportElementUpdate, { args: [{ actor: housingStaff, element: 'labour', secured: false, note: '春节后返岗不足，缺工约120人' }] });
      const short = await eventually(() => stateOf(building), (s) => s.problems.length === 1, 'a problem raised');
      expect(short.problems[0]).toMatchObject({ category: 'labour', raisedBy: 'housing-wu', status: 'raised' });
      expect(short.elements[0]).toMatchObject({ secured: false, problemKey: 'p1' });
      await openTask(h, building, 'problem-p1-assign');

      const social = await start(h, project('kp-social', [node('operation', '2026-12-28')], { tier: 'district', category: 'socialInvestment' }));
      const policy = await openTask(h, social, 'policy-service');
      expect(await policy.query(taskStateQuery)).toMatchObject({ departmentId: 'housing', dueAt: '2026-11-05T16:00:00.000Z' });
      await complete(policy, housingStaff, 'delivered', { summary: '送达重点项目用电、用工扶持政策' });
      await eventually(() => stateOf(social), (s) => s.policyService?.status === 'done', 'policy delivered');
      for (const p of [starting, building, social]) await p.cancel();
    });
  });
});
