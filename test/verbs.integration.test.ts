/**
 * The verbs every approval system has (issue 25), through the API on the real stack: a Temporal
 * dev server, NATS, the worker, the API and the notifier. As a person would use them: 催办 with
 * its quiet period, 抄送 that lets read and never act, 抄送我的 and 已阅, 委派, 撤回, 后加签 and 退回.
 *
 *   npx jest test/verbs.integration.test.ts
 */
import { jetstream } from '@nats-io/jetstream';
import type { Notification } from '../contracts/events';
import { eventually } from './harness/eventually';
import { claimedHandlingTask, taskPath } from './harness/tax-request';
import { storedEvents } from './harness/events';
import { startStack, type TestStack } from './harness/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const task = taskPath;

const handlingTask = (id: string) => claimedHandlingTask(stack, id);

test('催办: the initiator chases; inside the quiet period 429 says when; the holder is not offered it', async () => {
  const taskId = await handlingTask('req-verbs-chase');
  const seen = await stack.call('liaison-ye', 'GET', task(taskId));
  expect(seen.body.verbs).toEqual(['chase']);
  expect((await stack.call('tax-huang', 'GET', task(taskId))).body.verbs).not.toContain('chase');

  const first = await stack.call('liaison-ye', 'POST', `${task(taskId)}/chase`, { note: '企业又来电了' });
  expect(first.status).toBe(200);
  expect(first.body.chases).toEqual([expect.objectContaining({ personId: 'liaison-ye', count: 1 })]);

  const again = await stack.call('liaison-ye', 'POST', `${task(taskId)}/chase`, {});
  expect(again.status).toBe(429);
  expect(again.body.error).toContain('起可再次催办');
  const after = await stack.call('liaison-ye', 'GET', task(taskId));
  expect(after.body.verbs).toEqual([]);
  expect(after.body.chaseAgainAt).toBe(first.body.chases[0].nextAllowedAt);

  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/chase`, {})).status).toBe(403);
  expect((await stack.call('drc-chen', 'POST', `${task(taskId)}/chase`, {})).status).toBe(404);
});

test('抄送: a copied person reads the task and its process, finds it under 抄送我的, marks 已阅, and cannot act', async () => {
  const taskId = await handlingTask('req-verbs-copy');
  expect((await stack.call('finance-liu', 'GET', task(taskId))).status).toBe(404);

  const copied = await stack.call('tax-huang', 'POST', `${task(taskId)}/copy`, { personIds: ['finance-liu'], note: '供参阅' });
  expect(copied.status).toBe(200);
  expect(copied.body.copies).toEqual([expect.objectContaining({ by: 'tax-huang', personIds: ['finance-liu'] })]);

  const seen = await stack.call('finance-liu', 'GET', task(taskId));
  expect(seen.status).toBe(200);
  expect(seen.body.verbs).toEqual(['markRead']);
  expect(seen.body.copy).toEqual({ status: 'unread' });
  expect((await stack.call('finance-liu', 'GET', '/api/processes/enterpriseRequest/req-verbs-copy')).status).toBe(200);

  // A copy gives no verb on the task.
  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/complete`, { outcome: 'resolved', payload: { summary: '已办' } })).status).toBe(403);
  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/claim`)).status).toBe(403);
  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/copy`, { personIds: ['drc-chen'] })).status).toBe(403);

  const mine = await eventually(() => stack.call('finance-liu', 'GET', '/api/copies?status=unread'),
    (r) => r.body.copies?.some((c: { taskId: string }) => c.taskId === taskId), '抄送我的');
  expect(mine.body.copies.find((c: { taskId: string }) => c.taskId === taskId)).toMatchObject({ by: 'tax-huang', status: 'unread', processId: 'req-verbs-copy' });

  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/read`)).body).toEqual({ taskId, status: 'read' });
  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/read`)).status).toBe(200);
  await eventually(() => stack.call('finance-liu', 'GET', '/api/copies?status=read'),
    (r) => r.body.copies?.some((c: { taskId: string }) => c.taskId === taskId), 'read under 抄送我的');
  expect((await stack.call('drc-chen', 'POST', `${task(taskId)}/read`)).status).toBe(404);

  // Copied at completion: a department's people; the copy outlives the task.
  const done = await stack.call('tax-huang', 'POST', `${task(taskId)}/complete`, {
    outcome: 'resolved', payload: { summary: '已协调退库' }, copyTo: { departmentIds: ['housing'] },
  });
  expect(done.status).toBe(200);
  await eventually(() => stack.call('housing-wu', 'GET', '/api/copies'),
    (r) => r.body.copies?.some((c: { taskId: string }) => c.taskId === taskId), "the housing clerk's copy");
  expect((await stack.call('housing-wu', 'GET', task(taskId))).status).toBe(200);
});

test('委派: the delegate sees it in their inbox, cannot complete it, and hands it back to the holder, who completes it', async () => {
  const taskId = await handlingTask('req-verbs-delegate');
  expect((await stack.call('tax-huang', 'GET', task(taskId))).body.verbs).toEqual(expect.arrayContaining(['delegate', 'transfer']));
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/delegate`, { toPersonId: 'nobody-here' })).status).toBe(400);
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/delegate`, { toPersonId: 'finance-liu', reason: '请代为核对' })).status).toBe(200);

  await eventually(() => stack.call('finance-liu', 'GET', '/api/tasks'), (r) => r.body.tasks?.some((x: { taskId: string }) => x.taskId === taskId), "the delegate's inbox");
  const seen = await stack.call('finance-liu', 'GET', task(taskId));
  expect(seen.body.verbs).toContain('returnDelegation');
  expect(seen.body.verbs).not.toContain('complete');
  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/complete`, { outcome: 'resolved', payload: { summary: '代办' } })).status).toBe(409);

  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/delegation/return`, { opinion: '已核对，无误' })).body.assigneeId).toBe('tax-huang');
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/complete`, { outcome: 'resolved', payload: { summary: '已办结' } })).status).toBe(200);
});

test('撤回: the handler takes the resolution back before the liaison confirms; the handling reopens to them; then too late', async () => {
  const taskId = await handlingTask('req-verbs-withdraw');
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/withdraw`, { reason: '还没办完' })).status).toBe(409);
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/complete`, { outcome: 'resolved', payload: { summary: '附件错了' } })).status).toBe(200);
  const done = await eventually(() => stack.call('tax-huang', 'GET', task(taskId)), (r) => r.body.verbs?.includes('withdraw'), 'withdraw offered');
  expect(done.body.nextStep).toMatchObject({ taskId: 'req-verbs-withdraw/confirmation-1', status: 'claimed' });
  expect((await stack.call('tax-head', 'GET', task(taskId))).body.verbs).toEqual([]);
  expect((await stack.call('tax-head', 'POST', `${task(taskId)}/withdraw`, { reason: '我来撤' })).status).toBe(403);
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/withdraw`, {})).status).toBe(400);

  const withdrawn = await stack.call('tax-huang', 'POST', `${task(taskId)}/withdraw`, { reason: '附件错了，撤回重办' });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body).toMatchObject({ taskId: 'req-verbs-withdraw/confirmation-1', status: 'cancelled', withdrawal: { by: 'tax-huang', reason: '附件错了，撤回重办' } });
  const reopened = 'req-verbs-withdraw/handling-1:w1';
  await eventually(() => stack.call('tax-huang', 'GET', '/api/tasks'), (r) => r.body.tasks?.some((x: { taskId: string }) => x.taskId === reopened), 'reopened in his inbox');
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/withdraw`, { reason: '再撤一次' })).status).toBe(409);

  // Resolved again; the liaison acts on the confirmation (a 抄送 of it): too late to take back.
  expect((await stack.call('tax-huang', 'POST', `${task(reopened)}/complete`, { outcome: 'resolved', payload: { summary: '已附正确材料' } })).status).toBe(200);
  const confirmation = 'req-verbs-withdraw/confirmation-1:w1';
  await eventually(() => stack.call('liaison-ye', 'GET', task(confirmation)), (r) => r.status === 200, 'the confirmation again');
  expect((await stack.call('liaison-ye', 'POST', `${task(confirmation)}/copy`, { personIds: ['tax-head'] })).status).toBe(200);
  const late = await stack.call('tax-huang', 'POST', `${task(reopened)}/withdraw`, { reason: '再想想' });
  expect(late).toMatchObject({ status: 409, body: { error: expect.stringContaining('too late') } });
});

test('退回: the center returns a 12345 ticket from the callback to the handling; it reopens to the handler with the reason and a deadline', async () => {
  const id = '12345-verbs-return';
  await jetstream(stack.nats).publish('gl.cmd.hotline-ticket.dispatch', JSON.stringify({
    id, category: 'consultation', title: '物业维修资金如何申请', description: '市民咨询住宅专项维修资金的申请程序。',
    citizen: { name: '张女士', phone: '13800000001' }, departmentId: 'housing', centerDepartmentId: 'permits',
  }));
  const open = (who: string, taskId: string) => eventually(() => stack.call(who, 'GET', task(taskId)), (r) => r.status === 200 && r.body.dueAt !== undefined, taskId);
  await open('housing-wu', `${id}/signing`);
  expect((await stack.call('housing-wu', 'POST', `${task(`${id}/signing`)}/complete`, { outcome: 'signed', payload: {} })).status).toBe(200);
  const handling = await open('housing-wu', `${id}/handling-1`);
  expect(handling.body.verbs).not.toContain('returnTo');
  expect((await stack.call('housing-wu', 'POST', `${task(`${id}/handling-1`)}/complete`, { outcome: 'handled', payload: { summary: '请咨询物业公司' } })).status).toBe(200);

  const callback = `${id}/callback-1`;
  const seen = await open('permits-feng', callback);
  expect(seen.body.verbs).toContain('returnTo');
  expect(seen.body.returnTargets).toEqual([{ step: 'handling', title: '办理', taskId: `${id}/handling-1`, completedBy: 'housing-wu' }]);
  expect((await stack.call('permits-feng', 'POST', `${task(callback)}/return`, { toStep: 'handling' })).status).toBe(400);
  expect((await stack.call('permits-feng', 'POST', `${task(callback)}/return`, { toStep: 'signing', reason: '重新签收' })).status).toBe(403);
  expect((await stack.call('housing-wu', 'POST', `${task(callback)}/return`, { toStep: 'handling', reason: '我自己退' })).status).toBe(404);

  const returned = await stack.call('permits-feng', 'POST', `${task(callback)}/return`, { toStep: 'handling', reason: '答复未说明申请材料，请补充' });
  expect(returned.status).toBe(200);
  expect(returned.body).toMatchObject({ status: 'cancelled', returned: { by: 'permits-feng', toStep: 'handling', completedBy: 'housing-wu', reason: '答复未说明申请材料，请补充' } });
  expect((await stack.call('permits-feng', 'POST', `${task(callback)}/return`, { toStep: 'handling', reason: '再退一次' })).status).toBe(409);

  const reopened = `${id}/handling-1:r1`;
  await eventually(() => stack.call('housing-wu', 'GET', '/api/tasks'), (r) => r.body.tasks?.some((x: { taskId: string }) => x.taskId === reopened), 'reopened in her inbox');
  const again = await open('housing-wu', reopened);
  expect(again.body).toMatchObject({ status: 'claimed', assigneeId: 'housing-wu', returnedFrom: { by: 'permits-feng', reason: '答复未说明申请材料，请补充' } });
  expect(Date.parse(again.body.dueAt)).toBeGreaterThanOrEqual(Date.parse(handling.body.dueAt));
  // She is told, in words, with the reason.
  const told = await eventually(async () => (await storedEvents(stack.nats, 'GL_NOTIFY', 'gl.notify.housing-wu')).map((e) => e.event as unknown as Notification),
    (all) => all.some((n) => n.eventType === 'greenlight.task.returned' && n.taskId === callback), 'told of the return');
  expect(told.find((n) => n.eventType === 'greenlight.task.returned')?.text).toMatch(/【退回给你重新办理】[\s\S]*原因：答复未说明申请材料，请补充/);
});

test('后加签: the holder decides and puts it to the head; the head approves; the task completes as the holder\'s', async () => {
  const taskId = await handlingTask('req-verbs-sign-after');
  expect((await stack.call('tax-huang', 'GET', task(taskId))).body.verbs).toContain('signAfter');
  const put = await stack.call('tax-huang', 'POST', `${task(taskId)}/sign-after`, {
    outcome: 'resolved', payload: { summary: '已协调退库' }, personIds: ['tax-head'], note: '请审核',
  });
  expect(put.status).toBe(200);
  expect(put.body.pendingDecision).toMatchObject({ outcome: 'resolved', actorId: 'tax-huang' });
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/complete`, { outcome: 'resolved', payload: { summary: '直接办结' } })).status).toBe(409);
  expect((await stack.call('tax-head', 'GET', task(taskId))).body.verbs).toContain('answerSign');
  expect((await stack.call('tax-head', 'POST', `${task(taskId)}/signers/answer`, { opinion: '同意' })).status).toBe(400);
  const approved = await stack.call('tax-head', 'POST', `${task(taskId)}/signers/answer`, { opinion: '同意', agree: true });
  expect(approved.body).toMatchObject({ status: 'completed', completion: { outcome: 'resolved', actorId: 'tax-huang', payload: { summary: '已协调退库' } } });
});
