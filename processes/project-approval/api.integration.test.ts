/**
 * A major project end to end on the real stack: submitted on NATS, its items reviewed through
 * the staff inboxes and the API in parallel, one approved with tolerance and its materials
 * supplied on NATS, until every item is approved; the leaders' board red first; the
 * authorisation rules as a client sees them; a refused command in the dead letters.
 */
import { jetstream, DeliverPolicy } from '@nats-io/jetstream';
import { startStack, type TestStack } from '../../test/harness/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

function project(id: string, name: string) {
  return {
    id,
    name,
    category: 'starting',
    investmentCny: 308_000_000,
    demonstration: true,
    assignedLeaderId: 'leader-qian',
    responsibleDepartmentId: 'housing',
    taskForce: '重大项目工作专班',
    applicant: { name: '项目建设单位' },
    plan: {
      targetWorkingDays: 60,
      items: [
        { key: 'filing', name: '项目备案', departmentId: 'drc', slaWorkingDays: 5 },
        {
          key: 'eia', name: '环境影响评价审批', departmentId: 'ecology', slaWorkingDays: 10, toleranceEligible: true, dependsOn: [],
          materials: [{ key: 'report', name: '环境影响报告表', essential: true }, { key: 'survey', name: '公众参与调查说明', essential: false }],
        },
        { key: 'permit', name: '建筑工程施工许可证', departmentId: 'permits', slaWorkingDays: 5, dependsOn: ['filing', 'eia'] },
      ],
    },
  };
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const inbox = (personId: string) => stack.call(personId, 'GET', '/api/tasks').then((r) => r.body.tasks as Array<{ taskId: string }>);
const untilInInbox = (personId: string, taskId: string) => eventually(() => inbox(personId), (t) => t.some((x) => x.taskId === taskId), `${taskId} in ${personId}'s inbox`);
const complete = (personId: string, taskId: string, outcome: string, payload: Record<string, unknown> = {}) =>
  stack.call(personId, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { outcome, payload });

test('a project submitted on NATS runs its items in parallel through the inboxes to every item approved', async () => {
  const js = jetstream(stack.nats);
  await js.publish('gl.cmd.project.submit', JSON.stringify(project('prj-it-flow', '南昌学校建设项目')));

  await untilInInbox('drc-chen', 'prj-it-flow/filing.review-1');
  await untilInInbox('ecology-lu', 'prj-it-flow/eia.review-1');
  expect((await inbox('permits-feng')).some((t) => t.taskId.startsWith('prj-it-flow/'))).toBe(false);

  const view = await stack.call('ecology-lu', 'GET', '/api/processes/projectApproval/prj-it-flow');
  expect(view.status).toBe(200);
  expect(view.body.state.items.map((i: { key: string; status: string }) => `${i.key}:${i.status}`)).toEqual(['filing:inReview', 'eia:inReview', 'permit:waiting']);
  expect(view.body.state.items[0].dueAt).toEqual(expect.any(String));

  expect((await complete('drc-chen', 'prj-it-flow/filing.review-1', 'approve')).status).toBe(200);
  expect((await complete('ecology-lu', 'prj-it-flow/eia.review-1', 'approveWithTolerance', { missingMaterials: ['survey'], commitment: '十五个工作日内补齐' })).status).toBe(200);
  await untilInInbox('permits-feng', 'prj-it-flow/permit.review-1');

  // Only the owning department records materials over the API; the applicant's own system uses NATS.
  const wrongDepartment = await stack.call('drc-chen', 'POST', '/api/processes/projectApproval/prj-it-flow/actions/supplyMaterials', { itemKey: 'eia', materials: ['survey'] });
  expect(wrongDepartment.status).toBe(403);
  await js.publish('gl.cmd.item.supply-materials', JSON.stringify({ projectId: 'prj-it-flow', itemKey: 'eia', materials: ['公众参与调查说明'] }));
  await untilInInbox('ecology-lu', 'prj-it-flow/eia.supplement-check-1');
  expect((await complete('ecology-lu', 'prj-it-flow/eia.supplement-check-1', 'accept')).status).toBe(200);
  expect((await complete('permits-feng', 'prj-it-flow/permit.review-1', 'approve')).status).toBe(200);

  const done = await eventually(() => stack.call('leader-qian', 'GET', '/api/processes/projectApproval/prj-it-flow'), (r) => r.body.state?.status === 'approved', 'the project approved');
  expect(done.body.state.items.map((i: { status: string }) => i.status)).toEqual(['approved', 'approved', 'approved']);
  expect(done.body.state.items[1].tolerance).toMatchObject({ status: 'accepted', missingMaterials: ['survey'] });
}, 60_000);

test("the leaders' board: a leader's own projects, red first; filters by light and category", async () => {
  const board = (personId: string, query: string) => stack.call(personId, 'GET', `/api/processes/projectApproval?${query}`);
  const submitted = await stack.call('leader-qian', 'POST', '/api/processes/projectApproval', project('prj-it-red', '洪州大道三清山跨线桥工程'));
  expect(submitted.status).toBe(202);
  await stack.call('leader-qian', 'POST', '/api/processes/projectApproval', project('prj-it-green', '红谷滩某道路工程'));
  await untilInInbox('drc-chen', 'prj-it-red/filing.review-1');
  expect((await complete('drc-chen', 'prj-it-red/filing.review-1', 'reject', { reason: '不符合用地规划' })).status).toBe(200);

  const mine = await eventually(
    () => board('leader-qian', 'assignedLeader=leader-qian&order=light'),
    (r) => r.body.processes.some((p: { id: string; light: string }) => p.id === 'prj-it-red' && p.light === 'red') && r.body.processes.some((p: { id: string }) => p.id === 'prj-it-green'),
    'the board with the red project',
  );
  expect(mine.body.processes[0]).toMatchObject({ id: 'prj-it-red', light: 'red', title: '洪州大道三清山跨线桥工程', assignedLeaderId: 'leader-qian' });
  expect((await board('leader-zhao', 'assignedLeader=leader-zhao')).body.processes).toEqual([]);
  const red = await board('admin', 'light=red&category=starting');
  expect(red.body.processes.map((p: { id: string }) => p.id)).toEqual(['prj-it-red']);
  // A filter narrows what a person may see, never widens it: another department's staff find none of these by department.
  expect((await board('tax-huang', 'department=drc')).body.processes).toEqual([]);

  // Only the assigned leader or an admin waives; waiving the rejected item unblocks the permit.
  expect((await stack.call('leader-zhao', 'POST', '/api/processes/projectApproval/prj-it-red/actions/waiveItem', { itemKey: 'filing', reason: '另行审批' })).status).toBe(403);
  expect((await stack.call('leader-qian', 'POST', '/api/processes/projectApproval/prj-it-red/actions/waiveItem', { itemKey: 'filing', reason: '已由市级部门审批' })).status).toBe(200);
  expect((await stack.call('leader-qian', 'POST', '/api/processes/projectApproval/prj-it-red/actions/waiveItem', { itemKey: 'nothing', reason: 'x' })).status).toBe(404);
}, 60_000);

test('who may read and submit; a bad plan and a refused command are answered with their reasons', async () => {
  await stack.call('leader-qian', 'POST', '/api/processes/projectApproval', project('prj-it-read', '读取权限测试项目'));
  await eventually(() => stack.call('admin', 'GET', '/api/processes/projectApproval/prj-it-read'), (r) => r.status === 200, 'the project');
  expect((await stack.call('tax-huang', 'GET', '/api/processes/projectApproval/prj-it-read')).status).toBe(404);
  expect((await stack.call('tax-huang', 'POST', '/api/processes/projectApproval', project('prj-it-tax', '无权提交'))).status).toBe(403);
  expect((await stack.call('admin', 'GET', '/api/processes/projectApproval/prj-it-none')).status).toBe(404);

  const cyclic = project('prj-it-cycle', '循环依赖');
  cyclic.plan.items[0] = { ...cyclic.plan.items[0], dependsOn: ['permit'] } as (typeof cyclic.plan.items)[number];
  const refused = await stack.call('admin', 'POST', '/api/processes/projectApproval', cyclic);
  expect(refused.status).toBe(400);
  expect(refused.body.details).toEqual([{ path: 'plan.items', message: 'dependency cycle: filing → permit → filing' }]);

  const js = jetstream(stack.nats);
  await js.publish('gl.cmd.item.supply-materials', JSON.stringify({ projectId: 'prj-it-read', itemKey: 'filing', materials: ['x'] }));
  const dlq = await js.consumers.get('GL_DLQ', { filter_subjects: ['gl.dlq.item.supply-materials'], deliver_policy: DeliverPolicy.All });
  const letter = await eventually(async () => (await dlq.next({ expires: 1000 }))?.json<{ issues: Array<{ path: string; message: string }> }>(), (l) => l !== undefined, 'the dead letter');
  expect(letter?.issues).toEqual([{ path: '', message: expect.stringMatching(/^item "filing" is not waiting for materials/) }]);
}, 60_000);
