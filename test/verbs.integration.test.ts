/**
 * The verbs every approval system has (issue 25), through the API on the real stack: a Temporal
 * dev server, NATS, the worker, the API and the notifier. As a person would use them: 催办 with
 * its quiet period, 抄送 that lets read and never act, 抄送我的 and 已阅.
 *
 *   npx jest test/verbs.integration.test.ts
 */
import { eventually } from './harness/eventually';
import { startStack, type TestStack } from './harness/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const task = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;
const request = (id: string) => ({
  id, enterprise: { name: '人民路一家茶馆' }, category: 'tax', title: '增值税留抵退税迟迟未到账',
  description: '三月申请的留抵退税至今未到账。', liaisonId: 'liaison-ye',
});

/** Submits a request and waits for its handling task, claimed by the tax clerk. */
async function handlingTask(id: string): Promise<string> {
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request(id))).status).toBe(202);
  const taskId = `${id}/handling-1`;
  await eventually(() => stack.call('tax-huang', 'GET', task(taskId)), (r) => r.status === 200, 'the handling task');
  expect((await stack.call('tax-huang', 'POST', `${task(taskId)}/claim`)).status).toBe(200);
  return taskId;
}

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
