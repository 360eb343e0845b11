/**
 * What the record is for: an enterprise request handled, confirmed and closed, then deleted from
 * Temporal as its namespace's retention would, is still on its page (from the record, in words), in
 * its kind's list and in its liaison's; and a process the record never saw is still 404.
 */
import { jetstream } from '@nats-io/jetstream';
import { eventually } from '../test/harness/eventually';
import { startStack, type TestStack } from '../test/harness/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

const enc = encodeURIComponent;
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
  const namespace = 'default';
  for (const workflowId of [id, `${id}/handling-1`, `${id}/confirmation-1`]) {
    await stack.client.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId } });
  }
  await eventually(() => stack.client.workflow.getHandle(id).describe().then(() => 'there', () => 'gone'), (s) => s === 'gone', 'the deletion', 60_000);
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
}, 300_000);
