/**
 * What the record is for: an enterprise request handled, confirmed and closed, then deleted from
 * Temporal as its namespace's retention would, is still on its page (from the record, in words), in
 * its kind's list and in its liaison's, and its tasks' pages give their answers; a proposal replied
 * A, rated and closed, then deleted, is still on its page, its tasks' and in the statistics; and a
 * process the record never saw is still 404.
 */
import { jetstream } from '@nats-io/jetstream';
import { backfillRecord } from './backfill';
import { eventually } from '../test/harness/eventually';
import { startStack, type TestStack } from '../test/harness/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

const enc = encodeURIComponent;
/** As retention does: the executions deleted from Temporal (asynchronously: each waited for until it is gone). */
async function forget(workflowIds: string[]): Promise<void> {
  for (const workflowId of workflowIds) {
    await stack.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId } });
  }
  for (const workflowId of workflowIds) {
    await eventually(() => stack.client.workflow.getHandle(workflowId).describe().then(() => 'there', () => 'gone'), (s) => s === 'gone', `the deletion of ${workflowId}`, 60_000);
  }
}

const inbox = (personId: string) => stack.call(personId, 'GET', '/api/tasks').then((r) => (r.body.tasks ?? []) as Array<{ taskId: string }>);

test('a closed request deleted from Temporal still has its page, its timeline and its place in the lists', async () => {
  const id = 'req-retention';
  await jetstream(stack.nats).publish('gl.cmd.request.submit', JSON.stringify({
    id, enterprise: { name: '某茶馆' }, category: 'tax', title: '退税进度咨询', description: 'when is the refund paid', liaisonId: 'liaison-ye',
  }));
  await eventually(() => inbox('tax-huang'), (t) => t.some((x) => x.taskId === `${id}/handling-1`), 'the handling task', 60_000);
  expect((await stack.call('tax-huang', 'POST', `/api/tasks/${enc(`${id}/handling-1`)}/complete`, { outcome: 'resolved', payload: { summary: 'paid on Friday' } })).status).toBe(200);
  await eventually(() => inbox('liaison-ye'), (t) => t.some((x) => x.taskId === `${id}/confirmation-1`), 'the confirmation task', 60_000);
  expect((await stack.call('liaison-ye', 'POST', `/api/tasks/${enc(`${id}/confirmation-1`)}/complete`, { outcome: 'satisfied', payload: {} })).status).toBe(200);
  await eventually(() => stack.call('liaison-ye', 'GET', `/api/processes/enterpriseRequest/${id}`), (r) => r.body?.state?.status === 'closed', 'closing', 60_000);

  // As retention does: the request's execution and its tasks' are gone from Temporal.
  await forget([id, `${id}/handling-1`, `${id}/confirmation-1`]);
  // The record has the closing (the recorder may still be applying it when the page is first asked for).
  const page = await eventually(() => stack.call('liaison-ye', 'GET', `/api/processes/enterpriseRequest/${id}`), (r) => r.status === 200 && r.body.state?.status === 'closed', 'the recorded page', 30_000);
  expect(page.body).toMatchObject({ kind: 'enterpriseRequest', id, title: '退税进度咨询', execution: 'RECORDED', state: { recorded: true, status: 'closed', category: 'tax', departmentId: 'tax' } });
  expect(page.body.tasks.map((t: { taskId: string; status: string; outcome?: string }) => [t.taskId, t.status, t.outcome])).toEqual([
    [`${id}/handling-1`, 'completed', 'resolved'], [`${id}/confirmation-1`, 'completed', 'satisfied'],
  ]);
  const events = page.body.timeline.map((e: { event: string }) => e.event);
  expect(events.filter((e: string) => !e.startsWith('task.'))).toEqual(['submitted', 'routed', 'resolved', 'confirmed', 'closed']);
  expect(events).toContain('task.completed');
  expect(page.body.timeline.every((e: { detail: { words?: string } }) => typeof e.detail.words === 'string' && e.detail.words.length > 0)).toBe(true);

  // Scope still holds, from the record: another department's staff may not read it (404: a stranger learns nothing).
  expect((await stack.call('traffic-zheng', 'GET', `/api/processes/enterpriseRequest/${id}`)).status).toBe(404);
  // In the kind's list, and in its liaison's.
  const listed = await stack.call('admin', 'GET', '/api/processes/enterpriseRequest?status=closed');
  expect(listed.body.processes.map((p: { id: string }) => p.id)).toContain(id);
  const liaisons = await stack.call('liaison-ye', 'GET', '/api/processes/enterpriseRequest');
  expect(liaisons.body.processes.map((p: { id: string }) => p.id)).toContain(id);
  expect((await stack.call('admin', 'GET', '/api/processes/enterpriseRequest/req-never-was')).status).toBe(404);

  // Its tasks' pages: the answer, who, when, from the record; read-only.
  const handling = await stack.call('tax-huang', 'GET', `/api/tasks/${enc(`${id}/handling-1`)}`);
  expect(handling.status).toBe(200);
  expect(handling.body).toMatchObject({
    recorded: true, taskId: `${id}/handling-1`, processId: id, processKind: 'enterpriseRequest', status: 'completed', departmentId: 'tax',
    completion: { outcome: 'resolved', actorId: 'tax-huang' },
  });
  expect(handling.body.verbs).toBeUndefined();
  expect(handling.body.history.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['created', 'completed']));
  expect(handling.body.history.every((h: { words: string }) => h.words.length > 0)).toBe(true);
  // The liaison reads the tasks of the request they collected; another department's staff does not.
  expect((await stack.call('liaison-ye', 'GET', `/api/tasks/${enc(`${id}/confirmation-1`)}`)).body).toMatchObject({ recorded: true, completion: { outcome: 'satisfied', actorId: 'liaison-ye' } });
  expect((await stack.call('traffic-zheng', 'GET', `/api/tasks/${enc(`${id}/handling-1`)}`)).status).toBe(404);
  expect((await stack.call('tax-huang', 'GET', `/api/tasks/${enc(`${id}/never-was`)}`)).status).toBe(404);
}, 300_000);

test('a closed proposal deleted from Temporal keeps its page, its tasks\' pages and its place in the statistics', async () => {
  const statsOf = () => stack.call('secretary-wang', 'GET', '/api/processes/proposalHandling/reports/stats').then((r) => r.body);
  const before = await statsOf();
  const id = '2026-RT-001';
  await jetstream(stack.nats).publish('gl.cmd.proposal.register', JSON.stringify({
    id, title: '关于增设社区养老食堂的建议', text: 'Meals for the elderly in every community.', proposers: ['孙委员'], leadUnitId: 'traffic',
  }));
  await eventually(() => inbox('traffic-zheng'), (t) => t.some((x) => x.taskId === `${id}/reply-1`), 'the reply task', 60_000);
  expect((await stack.call('traffic-zheng', 'POST', `/api/tasks/${enc(`${id}/reply-1`)}/complete`, { outcome: 'A', payload: { reply: 'opened in May' } })).status).toBe(200);
  await eventually(() => inbox('cppcc-yang'), (t) => t.some((x) => x.taskId === `${id}/satisfaction-1`), 'the rating task', 60_000);
  expect((await stack.call('cppcc-yang', 'POST', `/api/tasks/${enc(`${id}/satisfaction-1`)}/complete`, { outcome: 'satisfied', payload: {} })).status).toBe(200);
  await eventually(() => stack.client.workflow.getHandle(id).describe().then((d) => d.status.name), (s) => s === 'COMPLETED', 'closing', 60_000);
  const counted = await eventually(statsOf, (s) => s?.closed === before.closed + 1, 'the statistics', 30_000);

  await forget([id, `${id}/reply-1`, `${id}/satisfaction-1`]);
  const page = await eventually(() => stack.call('cppcc-yang', 'GET', `/api/processes/proposalHandling/${id}`), (r) => r.status === 200 && r.body.execution === 'RECORDED', 'the recorded page', 30_000);
  expect(page.body).toMatchObject({ id, title: '关于增设社区养老食堂的建议', state: { recorded: true, status: 'closed', category: 'A', departmentId: 'traffic' } });
  expect(page.body.tasks.map((t: { taskId: string; outcome?: string }) => [t.taskId, t.outcome])).toEqual([[`${id}/reply-1`, 'A'], [`${id}/satisfaction-1`, 'satisfied']]);
  expect((await stack.call('traffic-zheng', 'GET', `/api/tasks/${enc(`${id}/reply-1`)}`)).body).toMatchObject({ recorded: true, completion: { outcome: 'A', actorId: 'traffic-zheng' } });
  // The statistics count from the record: the proposal Temporal forgot is still there.
  expect(await statsOf()).toEqual(counted);
  expect(counted).toMatchObject({
    registered: before.registered + 1, replied: before.replied + 1, closed: before.closed + 1,
    byClass: { ...before.byClass, A: before.byClass.A + 1 }, byRepliedClass: { ...before.byRepliedClass, A: before.byRepliedClass.A + 1 },
    satisfaction: { ...before.satisfaction, satisfied: before.satisfaction.satisfied + 1 },
  });
  const listed = await stack.call('cppcc-yang', 'GET', '/api/processes/proposalHandling?status=closed');
  expect(listed.body.processes.map((p: { id: string }) => p.id)).toContain(id);
}, 300_000);

test('backfill records the running processes and tasks the record lacks, from Temporal, once', async () => {
  const id = 'req-backfill';
  await jetstream(stack.nats).publish('gl.cmd.request.submit', JSON.stringify({
    id, enterprise: { name: '某面馆' }, category: 'tax', title: '发票领用咨询', description: 'how many invoices a month', liaisonId: 'liaison-ye',
  }));
  const task = `${id}/handling-1`;
  await eventually(() => inbox('tax-huang'), (t) => t.some((x) => x.taskId === task), 'the handling task', 60_000);
  const db = stack.record.db;
  await eventually(() => db.selectFrom('processes').select('status').where('id', '=', id).executeTakeFirst(), (p) => p?.status !== undefined && p.status !== 'submitted', 'the routed request recorded', 30_000);
  // As if the stream no longer held its events: the record has nothing of it.
  await db.deleteFrom('tasks').where('process_id', '=', id).execute();
  await db.deleteFrom('processes').where('id', '=', id).execute();
  expect((await inbox('tax-huang')).some((x) => x.taskId === task)).toBe(false);

  const first = await backfillRecord(stack.client, db);
  expect(first).toMatchObject({ processes: 1, tasks: 1 });
  expect(await db.selectFrom('processes').select(['kind', 'title', 'department_id', 'open', 'people']).where('id', '=', id).executeTakeFirst())
    .toEqual({ kind: 'enterpriseRequest', title: '发票领用咨询', department_id: 'tax', open: true, people: expect.arrayContaining(['liaison-ye']) });
  expect((await inbox('tax-huang')).find((x) => x.taskId === task)).toMatchObject({ processId: id, status: 'open', offered: true });
  const listed = await stack.call('liaison-ye', 'GET', '/api/processes/enterpriseRequest');
  expect(listed.body.processes.map((p: { id: string }) => p.id)).toContain(id);
  // Again: nothing more.
  expect(await backfillRecord(stack.client, db)).toMatchObject({ processes: 0, tasks: 0 });
}, 180_000);
