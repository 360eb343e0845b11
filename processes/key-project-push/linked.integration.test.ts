/**
 * A node linked to an approval item, on the real stack (dev server, NATS, intake): the item
 * approved in the project's approval process completes the node, through the event the approval
 * publishes and the subscription the key project's definition declares.
 */
import { jetstream } from '@nats-io/jetstream';
import { eventually } from '../../test/harness/eventually';
import { startStack, type TestStack } from '../../test/harness/stack';
import type { KeyProjectPushState } from './contract';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const approval = {
  id: 'prj-it-linked',
  name: '南昌市红谷滩基金产业园',
  category: 'starting',
  investmentCny: 120_000_000,
  demonstration: false,
  assignedLeaderId: 'leader-zhao',
  responsibleDepartmentId: 'finance',
  taskForce: '基金产业园项目工作专班',
  applicant: { name: '基金产业园运营公司' },
  plan: { targetWorkingDays: 30, items: [{ key: 'filing', name: '企业投资项目备案', departmentId: 'drc', slaWorkingDays: 5 }] },
};

const year = new Date().getUTCFullYear();
const push = {
  id: 'kp-it-linked',
  year,
  name: '南昌市红谷滩基金产业园',
  tier: 'district',
  category: 'socialInvestment',
  ownerUnit: { name: '基金产业园运营公司', contactId: 'owner-fund' },
  responsibleDepartmentId: 'finance',
  assignedLeaderId: 'leader-zhao',
  officeDepartmentId: 'pmo',
  plannedInvestment: 12_000,
  approvalProcessId: 'prj-it-linked',
  nodes: [
    { key: 'establishment', departmentId: 'drc', personId: 'drc-chen', plannedDate: `${year}-12-31`, approvalItemKey: 'filing' },
    { key: 'operation', departmentId: 'finance', personId: 'finance-liu', plannedDate: `${year}-12-31` },
  ],
};

test("an approval item approved in the project's approval process completes the node that names it", async () => {
  const started = await stack.call('pmo-gao', 'POST', '/api/processes/keyProjectPush', push);
  expect(started.status).toBe(202);
  await jetstream(stack.nats).publish('gl.cmd.project.submit', JSON.stringify(approval));
  const taskId = 'prj-it-linked/filing.review-1';
  await eventually(() => stack.call('drc-chen', 'GET', '/api/tasks').then((r) => r.body.tasks as Array<{ taskId: string }>), (t) => t.some((x) => x.taskId === taskId), 'the review in the inbox', 30_000);
  const read = () => stack.call('pmo-gao', 'GET', '/api/processes/keyProjectPush/kp-it-linked').then((r) => r.body.state as KeyProjectPushState);
  expect((await read()).nodes[0]).toMatchObject({ status: 'open' });

  expect((await stack.call('drc-chen', 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: 'approve', payload: {} })).status).toBe(200);
  const state = await eventually(read, (s) => s.nodes[0].status === 'done', 'the linked node done', 30_000);
  expect(state.nodes[0].done).toMatchObject({ byApproval: true, by: 'drc-chen' });
  // The other node, not linked, stays open: only the item's node is completed.
  expect(state.nodes[1]).toMatchObject({ status: 'open' });
  expect(state.openTaskIds).not.toContain('kp-it-linked/node-establishment');
}, 90_000);
