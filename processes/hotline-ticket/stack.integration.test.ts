/**
 * The hotline ticket on the real stack, reached only through what the registry gives every kind:
 * its demo commands on NATS, the generic API routes, the task routes (an extension asked for over
 * HTTP and approved from the CLI, a callback returned to the handling from the CLI), its events on `gl.evt.hotlineticket.>` and the CLI. Nothing here knows
 * the ticket beyond its definition.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jetstream } from '@nats-io/jetstream';
import { seedDemo } from '../../demo/seed';
import { eventually } from '../../test/harness/eventually';
import { storedEvents } from '../../test/harness/events';
import { repoRoot } from '../../test/harness/harness';
import { JWT_SECRET, startStack, type TestStack } from '../../test/harness/stack';
import { hotlineTicketDefinition } from './definition';

const run = promisify(execFile);
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const greenlight = (...args: string[]) => run(join(repoRoot, 'bin/greenlight'), args, {
  env: { ...process.env, GREENLIGHT_API_URL: stack.apiUrl, GREENLIGHT_JWT_SECRET: JWT_SECRET, NATS_URL: stack.natsUrl },
});
const task = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;
const ticketView = (id: string, as = 'admin') => stack.call(as, 'GET', `/api/processes/hotlineTicket/${id}`);

test('a demo ticket dispatched on NATS is signed, extended, handled and called back over the API; the CLI lists it', async () => {
  expect(await seedDemo(stack.nats, [hotlineTicketDefinition.demo as string])).toBe(2);
  const listed = await eventually(() => stack.call('housing-wu', 'GET', '/api/processes/hotlineTicket'),
    (r) => r.body.processes.some((p: { id: string }) => p.id === '12345-demo-consultation'), 'the ticket in the list');
  // The housing staff see their department's ticket, not ecology's.
  expect(listed.body.processes.map((p: { id: string }) => p.id)).toEqual(['12345-demo-consultation']);

  const id = '12345-demo-consultation';
  await eventually(() => stack.call('housing-wu', 'GET', '/api/tasks'), (r) => r.body.tasks.some((t: { taskId: string }) => t.taskId === `${id}/signing`), 'the signing task');
  expect((await stack.call('housing-wu', 'POST', `${task(`${id}/signing`)}/complete`, { outcome: 'signed', payload: {} })).status).toBe(200);

  const handling = `${id}/handling-1`;
  await eventually(() => stack.call('housing-wu', 'GET', task(handling)), (r) => r.status === 200 && r.body.dueAt !== undefined, 'the handling task');
  const due = (await stack.call('housing-wu', 'GET', task(handling))).body.dueAt as string;
  const asked = await stack.call('housing-wu', 'POST', `${task(handling)}/extension`, { workingDays: 2, reason: 'the owners must vote first' });
  expect(asked.status).toBe(200);
  expect(asked.body.extension.pending).toMatchObject({ workingDays: 2, requestedBy: 'housing-wu' });
  // The head's inbox marks it as waiting for their decision.
  await eventually(() => stack.call('housing-head', 'GET', '/api/tasks'),
    (r) => r.body.tasks.some((x: { taskId: string; extensionPending?: boolean }) => x.taskId === handling && x.extensionPending === true), 'the extension marked in the head\'s inbox');
  expect((await stack.call('housing-wu', 'POST', `${task(handling)}/extension`, { workingDays: 1, reason: 'again' })).status).toBe(409);
  expect((await stack.call('housing-wu', 'POST', `${task(handling)}/extension/decision`, { approve: true })).status).toBe(403);
  expect((await stack.call('housing-head', 'POST', `${task(handling)}/extension`, { workingDays: 0, reason: 'x' })).status).toBe(400);
  // The head decides from the command line.
  const decided = await greenlight('decide-extension', handling, 'approve', '--reason', 'fine', '--as', 'housing-head');
  expect(JSON.parse(decided.stdout).extension).toEqual({ grantedWorkingDays: 2 });
  await eventually(() => stack.call('housing-head', 'GET', '/api/tasks'),
    (r) => r.body.tasks.some((x: { taskId: string; extensionPending?: boolean }) => x.taskId === handling && !x.extensionPending), 'the mark gone once decided');
  const moved = await eventually(() => stack.call('housing-wu', 'GET', task(handling)), (r) => r.body.dueAt !== due, 'the moved deadline');
  expect(moved.body.extension).toEqual({ grantedWorkingDays: 2 });

  expect((await stack.call('housing-wu', 'POST', `${task(handling)}/complete`, { outcome: 'handled', payload: { summary: 'explained the fund' } })).status).toBe(200);
  await eventually(() => stack.call('permits-feng', 'GET', '/api/tasks'), (r) => r.body.tasks.some((t: { taskId: string }) => t.taskId === `${id}/callback-1`), 'the callback');
  expect((await stack.call('permits-feng', 'POST', `${task(`${id}/callback-1`)}/complete`, { outcome: 'satisfied', payload: {} })).status).toBe(200);

  const closed = await eventually(() => ticketView(id), (r) => r.body.execution === 'COMPLETED', 'closing');
  expect(closed.body).toMatchObject({ kind: 'hotlineTicket', execution: 'COMPLETED', state: { resolution: 'resolved', handlingDays: 5, extensionDays: 2 } });
  expect((await ticketView(id, 'tax-huang')).status).toBe(404); // the citizen's contact is in the state: other departments may not read it, nor learn it exists

  const events = (await storedEvents(stack.nats, 'GL_EVENTS', 'gl.evt.hotlineticket.>')).filter((e) => e.event.subject === id);
  expect(events.map((e) => e.subject)).toEqual([
    'gl.evt.hotlineticket.dispatched', 'gl.evt.hotlineticket.signed', 'gl.evt.hotlineticket.handled',
    'gl.evt.hotlineticket.called-back', 'gl.evt.hotlineticket.closed',
  ]);
  expect(JSON.stringify(events)).not.toContain('13800000001');

  expect((await greenlight('kinds')).stdout).toContain('hotlineTicket (v1)  12345 hotline ticket (工单)');
  expect((await greenlight('list', 'hotlineTicket', '--as', 'admin', '--status', 'closed')).stdout).toMatch(/closed\s+12345-demo-consultation/);
  const complaints = await stack.call('admin', 'GET', '/api/processes/hotlineTicket?category=complaint');
  expect(complaints.body.processes.map((p: { id: string }) => p.id)).toEqual(['12345-demo-complaint']);
}, 120_000);

test('退回 from the command line: the center returns the callback to the handling; it reopens to the handler', async () => {
  const id = '12345-cli-return';
  await jetstream(stack.nats).publish('gl.cmd.hotline-ticket.dispatch', JSON.stringify({
    id, category: 'consultation', title: '物业维修资金如何申请', description: '市民咨询住宅专项维修资金的申请程序。',
    citizen: { name: '张女士', phone: '13800000001' }, departmentId: 'housing', centerDepartmentId: 'permits',
  }));
  const open = (who: string, taskId: string) => eventually(() => stack.call(who, 'GET', task(taskId)), (r) => r.status === 200, taskId);
  await open('housing-wu', `${id}/signing`);
  expect((await stack.call('housing-wu', 'POST', `${task(`${id}/signing`)}/complete`, { outcome: 'signed', payload: {} })).status).toBe(200);
  await open('housing-wu', `${id}/handling-1`);
  expect((await stack.call('housing-wu', 'POST', `${task(`${id}/handling-1`)}/complete`, { outcome: 'handled', payload: { summary: '请咨询物业公司' } })).status).toBe(200);
  const callback = `${id}/callback-1`;
  await open('permits-feng', callback);

  await expect(greenlight('return-to', callback, 'handling', '--as', 'permits-feng')).rejects.toMatchObject({ stderr: expect.stringContaining('--reason') });
  const returned = await greenlight('return-to', callback, 'handling', '--reason', '答复未说明申请材料，请补充', '--as', 'permits-feng');
  expect(returned.stdout).toContain(`已退回 ${callback} to「办理」(${id}/handling-1): it reopens to housing-wu`);
  const reopened = await open('housing-wu', `${id}/handling-1:r1`);
  expect(reopened.body).toMatchObject({ assigneeId: 'housing-wu', returnedFrom: { by: 'permits-feng', reason: '答复未说明申请材料，请补充' } });
}, 120_000);
