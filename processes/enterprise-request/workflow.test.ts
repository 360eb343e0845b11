/**
 * The enterprise request on the time-skipping server with the real calendar: the ladder's
 * instants around National Day 2026, transfer keeping the deadline, reopening one level
 * higher, and closing as unresolved after a second dissatisfaction.
 */
import { CancelledFailure } from '@temporalio/common';
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../contracts/directory';
import type { SubmitRequest } from './contract';
import { GlLight } from '../../contracts/search-attributes';
import type { TaskState } from '../../contracts/task';
import { startHarness, type Harness } from '../../test/harness/harness';
import { eventually } from '../../test/harness/eventually';
import { recordHistory } from '../../test/harness/histories';
import { expectRungAt } from '../../test/harness/rungs';
import { enterpriseRequest, requestStateQuery } from './workflow';
import { completeTaskUpdate, delegateTaskUpdate, taskStateQuery, withdrawTaskUpdate } from '../../workflows/human-task';
import { withdrawableQuery } from '../../workflows/blocks';

const taxStaff: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const taxHead: Actor = { personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] };
const financeStaff: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };
const liaison: Actor = { personId: 'liaison-ye', departments: ['fic'], roles: ['liaison'] };

function taxRequest(id: string): SubmitRequest {
  return {
    id,
    enterprise: { name: '某茶馆' },
    category: 'tax',
    title: 'VAT refund for a tea house',
    description: 'The tea house asks how to claim its VAT refund.',
    liaisonId: 'liaison-ye',
  };
}

async function openTask(h: Harness, request: WorkflowHandle, key: string): Promise<WorkflowHandle> {
  await eventually(() => request.query(requestStateQuery), (s) => s.openTaskIds.includes(`${request.workflowId}/${key}`), `task ${key}`);
  const task = h.client.workflow.getHandle(`${request.workflowId}/${key}`);
  await eventually(() => task.query(taskStateQuery), (s: TaskState) => s.deadlines.length > 0, `deadlines of ${key}`);
  return task;
}

const complete = (task: WorkflowHandle, actor: Actor, outcome: string, payload: Record<string, unknown>) =>
  task.executeUpdate(completeTaskUpdate, { args: [{ actor, outcome, payload }] });

/**
 * The task's ladder as people see it: its light in the task's state and in the inbox's search
 * attribute, whom the task has told (the roles of each reminder and escalation it recorded), and
 * the recipients of the reminders and escalations stored on NATS.
 */
async function ladderView(h: Harness, task: WorkflowHandle) {
  const [state, described, events] = await Promise.all([task.query(taskStateQuery), task.describe(), h.events()]);
  return {
    light: state.light,
    indexedLight: described.typedSearchAttributes.get(GlLight),
    notified: state.history.filter((e) => e.type === 'reminded' || e.type === 'escalated').map((e) => e.detail?.roles),
    published: events
      .filter((e) => e.event.subject === task.workflowId && /\.(reminded|escalated)$/.test(e.event.type))
      .map((e) => e.event.data.recipients),
  };
}

describe('an enterprise request submitted on Friday 2026-09-25 at 10:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-09-25T02:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('turns yellow at the end of Tue 09-29, red to the head at the end of Wed 09-30, reaches the leader at the end of Thu 10-08', async () => {
    await h.runWorker(async () => {
      const request = await h.client.workflow.start(enterpriseRequest, { taskQueue: h.taskQueue, workflowId: 'req-ladder', args: [taxRequest('req-ladder')] });
      const task = await openTask(h, request, 'handling-1');
      expect((await task.query(taskStateQuery)).dueAt).toBe('2026-09-30T16:00:00.000Z');
      const view = () => ladderView(h, task);
      // Each rung just before and just after its instant: a rung a day early or late fails here.
      await expectRungAt(h.env, '2026-09-29T16:00:00Z', view,
        { light: 'green', indexedLight: 'green', notified: [], published: [] },
        { light: 'yellow', indexedLight: 'yellow', notified: [['assignee']], published: [['tax-head', 'tax-huang']] });
      await expectRungAt(h.env, '2026-09-30T16:00:00Z', view,
        { light: 'yellow', indexedLight: 'yellow', notified: [['assignee']], published: [['tax-head', 'tax-huang']] },
        { light: 'red', indexedLight: 'red', notified: [['assignee'], ['departmentHead']], published: [['tax-head', 'tax-huang'], ['tax-head']] });
      // The holiday (10-01 to 10-07) counts no working day: the leader is told at the end of Thu 10-08, not before.
      await expectRungAt(h.env, '2026-10-08T16:00:00Z', view,
        { light: 'red', notified: [['assignee'], ['departmentHead']], published: [['tax-head', 'tax-huang'], ['tax-head']] },
        { light: 'red', notified: [['assignee'], ['departmentHead'], ['assignedLeader']], published: [['tax-head', 'tax-huang'], ['tax-head'], ['leader-sun']] });
      await complete(task, taxStaff, 'resolved', { summary: 'explained the refund' });
      const confirmation = await openTask(h, request, 'confirmation-1');
      await complete(confirmation, liaison, 'satisfied', {});
      const final = await request.result();
      expect(final).toMatchObject({ status: 'closed', resolution: 'resolved', departmentId: 'tax' });
      await recordHistory(request, 'enterprise-request-resolved');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.request.closed' && e.event.subject === 'req-ladder'));
    const ladder = events
      .filter((e) => e.event.data.processId === 'req-ladder' && /\.(reminded|escalated)$/.test(e.event.type))
      .map((e) => [e.event.type, e.event.time, e.event.data.recipients]);
    expect(ladder).toEqual([
      ['greenlight.task.reminded', '2026-09-29T16:00:00.000Z', ['tax-head', 'tax-huang']],
      ['greenlight.task.escalated', '2026-09-30T16:00:00.000Z', ['tax-head']],
      ['greenlight.task.escalated', '2026-10-08T16:00:00.000Z', ['leader-sun']],
    ]);
    const steps = events.filter((e) => e.event.subject === 'req-ladder').map((e) => e.event.type.replace('greenlight.request.', ''));
    expect(steps).toEqual(['submitted', 'routed', 'resolved', 'confirmed', 'closed']);
  });
});

describe('transfer, reopening and closing unresolved', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' }); // Monday 09:00 in Shanghai
  });
  afterAll(() => h?.stop());

  test('a transfer by the department head keeps the deadline; only the head may transfer', async () => {
    await h.runWorker(async () => {
      const request = await h.client.workflow.start(enterpriseRequest, { taskQueue: h.taskQueue, workflowId: 'req-transfer', args: [taxRequest('req-transfer')] });
      const first = await openTask(h, request, 'handling-1');
      const due = (await first.query(taskStateQuery)).dueAt;
      // Refused by the task's validator with the reason the API shows (not a timeout, not any error).
      const refusal = await complete(first, taxStaff, 'transferred', { toDepartmentId: 'finance', reason: 'a loan question' }).then(() => undefined, (e: unknown) => e);
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refusal as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'Forbidden', message: 'only departmentHead or admin may choose "transferred"' });
      expect((await first.query(taskStateQuery)).status).toBe('open');
      await h.env.sleep('1 day');
      await complete(first, taxHead, 'transferred', { toDepartmentId: 'finance', reason: 'a loan question' });
      const second = await openTask(h, request, 'handling-1.1');
      const moved = await second.query(taskStateQuery);
      expect(moved.departmentId).toBe('finance');
      expect(moved.dueAt).toBe(due);
      await complete(second, financeStaff, 'resolved', { summary: 'arranged a loan interview' });
      await complete(await openTask(h, request, 'confirmation-1'), liaison, 'satisfied', {});
      expect(await request.result()).toMatchObject({ resolution: 'resolved', departmentId: 'finance', assignedLeaderId: 'leader-zhao' });
      await recordHistory(request, 'enterprise-request-transferred');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.request.closed' && e.event.subject === 'req-transfer'));
    const transferred = events.find((e) => e.event.subject === 'req-transfer' && e.event.type === 'greenlight.request.transferred');
    expect(transferred?.event.data).toMatchObject({ from: 'tax', to: 'finance', by: 'tax-head' });
  });

  test('not satisfied twice: reopened one level higher, then escalated to the leader and closed unresolved', async () => {
    await h.runWorker(async () => {
      const request = await h.client.workflow.start(enterpriseRequest, { taskQueue: h.taskQueue, workflowId: 'req-reopen', args: [taxRequest('req-reopen')] });
      await complete(await openTask(h, request, 'handling-1'), taxStaff, 'resolved', { summary: 'first answer' });
      await complete(await openTask(h, request, 'confirmation-1'), liaison, 'notSatisfied', { reason: 'still no refund' });
      await complete(await openTask(h, request, 'handling-2'), taxStaff, 'resolved', { summary: 'second answer' });
      await complete(await openTask(h, request, 'confirmation-2'), liaison, 'notSatisfied', { reason: 'still no refund' });
      expect(await request.result()).toMatchObject({ status: 'closed', resolution: 'unresolved', round: 2 });
      await recordHistory(request, 'enterprise-request-unresolved');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.request.closed' && e.event.subject === 'req-reopen'));
    const requestSteps = events.filter((e) => e.event.subject === 'req-reopen').map((e) => e.event.type.replace('greenlight.request.', ''));
    expect(requestSteps).toEqual(['submitted', 'routed', 'resolved', 'confirmed', 'reopened', 'resolved', 'confirmed', 'escalated', 'closed']);
    const escalated = events.find((e) => e.event.subject === 'req-reopen' && e.event.type === 'greenlight.request.escalated');
    expect(escalated?.event.data.recipients).toEqual(['leader-sun']);
    const reopenedTask = events.find((e) => e.event.subject === 'req-reopen/handling-2' && e.event.type === 'greenlight.task.created');
    // The reopened handling starts one level higher: the department head is told at once.
    expect(reopenedTask?.event.data.roles).toEqual(['assignee', 'departmentHead']);
    expect(reopenedTask?.event.data.recipients).toContain('tax-head');
    const firstTask = events.find((e) => e.event.subject === 'req-reopen/handling-1' && e.event.type === 'greenlight.task.created');
    expect(firstTask?.event.data.roles).toEqual(['assignee']);
  });

  test('撤回: the handler takes the resolution back before the liaison confirms; the handling reopens to them, its deadline kept', async () => {
    await h.runWorker(async () => {
      const request = await h.client.workflow.start(enterpriseRequest, { taskQueue: h.taskQueue, workflowId: 'req-withdraw', args: [taxRequest('req-withdraw')] });
      const handling = await openTask(h, request, 'handling-1');
      const due = (await handling.query(taskStateQuery)).dueAt;
      await complete(handling, taxStaff, 'resolved', { summary: 'wrong form attached' });
      const confirmation = await openTask(h, request, 'confirmation-1');
      expect(await request.query(withdrawableQuery)).toEqual([{ fromTaskId: 'req-withdraw/handling-1', completedBy: 'tax-huang', nextTaskId: 'req-withdraw/confirmation-1' }]);
      // The liaison confirms for the enterprise in person: the kind forbids handing it on.
      const handOn = await confirmation.executeUpdate(delegateTaskUpdate, { args: [{ actor: liaison, toPersonId: 'liaison-xu' }] }).then(() => undefined, (e: unknown) => e);
      expect((handOn as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'Forbidden' });
      await confirmation.executeUpdate(withdrawTaskUpdate, { args: [{ actor: taxStaff, fromTaskId: 'req-withdraw/handling-1', reason: '附件错了' }] });
      const reopened = await openTask(h, request, 'handling-1:w1');
      expect(await reopened.query(taskStateQuery)).toMatchObject({ status: 'claimed', assigneeId: 'tax-huang', dueAt: due });
      expect((await request.query(requestStateQuery)).status).toBe('handling');
      await complete(reopened, taxStaff, 'resolved', { summary: 'the right form' });
      await complete(await openTask(h, request, 'confirmation-1:w1'), liaison, 'satisfied', {});
      expect(await request.result()).toMatchObject({ status: 'closed', resolution: 'resolved', round: 1 });
      await recordHistory(request, 'enterprise-request-withdrawn');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.request.closed' && e.event.subject === 'req-withdraw'));
    const requestSteps = events.filter((e) => e.event.subject === 'req-withdraw').map((e) => e.event.type.replace('greenlight.request.', ''));
    expect(requestSteps).toEqual(['submitted', 'routed', 'resolved', 'withdrawn', 'resolved', 'confirmed', 'closed']);
    // Whoever held the withdrawn step is told.
    const withdrawn = events.find((e) => e.event.subject === 'req-withdraw/confirmation-1' && e.event.type === 'greenlight.task.withdrawn');
    expect(withdrawn?.event.data.recipients).toEqual(['liaison-ye']);
  });

  test('a cancelled request cancels its open task, which says so on NATS', async () => {
    await h.runWorker(async () => {
      const request = await h.client.workflow.start(enterpriseRequest, { taskQueue: h.taskQueue, workflowId: 'req-cancel', args: [taxRequest('req-cancel')] });
      const task = await openTask(h, request, 'handling-1');
      await request.cancel();
      // Queries do not let the test server skip time (awaiting a result does): the task's ladder
      // must not run ahead of the cancellation.
      await eventually(() => task.query(taskStateQuery), (s: TaskState) => s.status === 'cancelled', 'the task cancelled');
      // Both end as cancelled, not failed: what the API and the board report for them.
      for (const run of [task, request]) {
        const ended = await run.result().then(() => undefined, (e: unknown) => e);
        expect(ended).toBeInstanceOf(WorkflowFailedError);
        expect((ended as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
        expect((await run.describe()).status.name).toBe('CANCELLED');
      }
    });
    const events = await h.events((all) => all.some((e) => e.event.subject === 'req-cancel/handling-1' && e.event.type === 'greenlight.task.cancelled'));
    expect(events.filter((e) => e.event.subject === 'req-cancel/handling-1').map((e) => e.event.type))
      .toEqual(['greenlight.task.created', 'greenlight.task.cancelled']);
  });
});
