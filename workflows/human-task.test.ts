/**
 * The human task on the time-skipping server with a real NATS server and the real calendar:
 * the ladder fires at the calendar's instants, completion by Update is validated and
 * idempotent, events are stored in order and once.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput, TaskState } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { eventually } from '../test/harness/eventually';
import { recordHistory } from '../test/harness/histories';
import { completeTaskUpdate, humanTask, taskStateQuery, claimTaskUpdate, reassignTaskUpdate } from './human-task';

const taxStaff: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const taxHead: Actor = { personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] };
const financeStaff: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };

function requestHandling(taskKey: string, overrides: Partial<HumanTaskInput> = {}): HumanTaskInput {
  return {
    taskKey,
    processKind: 'enterpriseRequest',
    processId: `req-${taskKey}`,
    title: 'A tax question from a tea house',
    departmentId: 'tax',
    form: 'requestHandling',
    outcomes: ['resolved'],
    ladder: {
      due: { workingDays: 3 },
      steps: [
        { at: { workingDays: 2 }, kind: 'reminder', light: 'yellow', notify: ['assignee'] },
        { at: { workingDays: 3 }, kind: 'escalation', light: 'red', notify: ['departmentHead'] },
        { at: { workingDays: 4 }, kind: 'escalation', notify: ['assignedLeader'] },
      ],
    },
    ...overrides,
  };
}

describe('the escalation ladder, counted in China working days', () => {
  let h: Harness;
  // Friday 2026-09-25 10:00 in Shanghai: a weekend and the National Day holiday lie ahead.
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-09-25T02:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('a 3-working-day task started on a Friday escalates at the exact instants', async () => {
    await h.runWorker(async () => {
      const handle = await h.client.workflow.start(humanTask, {
        taskQueue: h.taskQueue,
        workflowId: 'req-ladder/handling',
        args: [requestHandling('ladder')],
      });
      const created = await eventually(() => handle.query(taskStateQuery), (s) => s.deadlines.length > 0, 'deadlines');
      // End of the third working day: Mon 28, Tue 29, Wed 30 September.
      expect(created.dueAt).toBe('2026-09-30T16:00:00.000Z');
      expect(created.provisional).toBe(false);
      expect(created.deadlines.map((d) => d.at)).toEqual([
        '2026-09-30T16:00:00.000Z',
        '2026-09-29T16:00:00.000Z', // end of Tue 29: yellow, the handler reminded
        '2026-09-30T16:00:00.000Z', // end of Wed 30: red, the department head
        '2026-10-08T16:00:00.000Z', // end of Thu 8 October, after the holiday: the leader
      ]);

      await h.env.sleep(Date.parse('2026-09-29T15:59:00Z') - (await h.env.currentTimeMs()));
      expect((await handle.query(taskStateQuery)).light).toBe('green');
      await h.env.sleep('2 minutes');
      expect((await handle.query(taskStateQuery)).light).toBe('yellow');
      await h.env.sleep(Date.parse('2026-10-08T16:01:00Z') - (await h.env.currentTimeMs()));
      const late = await handle.query(taskStateQuery);
      expect(late.light).toBe('red');
      expect(late.deadlines.every((d) => d.fired)).toBe(true);

      await handle.executeUpdate(completeTaskUpdate, { args: [{ actor: taxStaff, outcome: 'resolved', payload: { summary: 'explained the VAT refund' } }] });
      await handle.result();
      await recordHistory(handle, 'human-task-ladder');
    });

    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.completed'));
    const ladder = events
      .filter((e) => ['reminded', 'escalated', 'light-changed'].some((t) => e.event.type.endsWith(`.${t}`)))
      .map((e) => ({ type: e.event.type, time: e.event.time, recipients: e.event.data.recipients }));
    expect(ladder).toEqual([
      { type: 'greenlight.task.light-changed', time: '2026-09-29T16:00:00.000Z', recipients: [] },
      { type: 'greenlight.task.reminded', time: '2026-09-29T16:00:00.000Z', recipients: ['tax-head', 'tax-huang'] },
      { type: 'greenlight.task.light-changed', time: '2026-09-30T16:00:00.000Z', recipients: [] },
      { type: 'greenlight.task.escalated', time: '2026-09-30T16:00:00.000Z', recipients: ['tax-head'] },
      { type: 'greenlight.task.escalated', time: '2026-10-08T16:00:00.000Z', recipients: ['leader-sun'] },
    ]);
  });
});

describe('completion by Update', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({});
  });
  afterAll(() => h?.stop());

  async function rejection(p: Promise<unknown>): Promise<string> {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return String((err as WorkflowUpdateFailedError).cause?.message);
  }

  test('a valid completion is accepted once; invalid ones are rejected with nothing changed', async () => {
    await h.runWorker(async () => {
      const handle = await h.client.workflow.start(humanTask, {
        taskQueue: h.taskQueue,
        workflowId: 'req-complete/handling',
        args: [requestHandling('complete')],
      });
      const before: TaskState = await eventually(() => handle.query(taskStateQuery), (s) => s.deadlines.length > 0, 'deadlines');

      expect(await rejection(handle.executeUpdate(completeTaskUpdate, { args: [{ actor: financeStaff, outcome: 'resolved', payload: { summary: 'x' } }] })))
        .toMatch(/not offered this task/);
      expect(await rejection(handle.executeUpdate(completeTaskUpdate, { args: [{ actor: taxStaff, outcome: 'approve', payload: {} }] })))
        .toMatch(/办理结果“approve”不适用于这项任务，只能是：resolved/);
      expect(await rejection(handle.executeUpdate(completeTaskUpdate, { args: [{ actor: taxStaff, outcome: 'resolved', payload: { summary: '' } }] })))
        .toMatch(/请填写办理情况/);
      expect(await rejection(handle.executeUpdate(reassignTaskUpdate, { args: [{ actor: taxStaff, toDepartmentId: 'finance' }] })))
        .toMatch(/only the department head or an admin/);
      expect(await handle.query(taskStateQuery)).toEqual(before);

      await handle.executeUpdate(claimTaskUpdate, { args: [{ actor: taxStaff }] });
      const completion = { actor: taxStaff, outcome: 'resolved', payload: { summary: 'explained the VAT refund' } };
      const first = await handle.executeUpdate(completeTaskUpdate, { args: [completion], updateId: 'key-1' });
      const again = await handle.executeUpdate(completeTaskUpdate, { args: [completion], updateId: 'key-1' });
      expect(again).toEqual(first);

      // Refused by the validator while the task is closing, by the server once it has closed (the
      // API turns these into a 409, see test/enterprise-request.integration.test.ts); either way
      // the first completion stands.
      const second = await handle.executeUpdate(completeTaskUpdate, { args: [{ ...completion, actor: taxHead }], updateId: 'key-2' })
        .then(() => undefined, (e: unknown) => e);
      const reason = second instanceof WorkflowUpdateFailedError ? second.cause?.message : (second as Error | undefined)?.message;
      // The three answers a second completer can get, by how far the closing has gone (validator,
      // closed run, run closed while the update was in flight); a timeout or any other error fails.
      expect(reason).toMatch(/^task already completed by tax-huang \(resolved\)$|workflow execution already completed|^update key-2 not found$/);
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', completion: { actorId: 'tax-huang', outcome: 'resolved' } });
    });

    const events = await h.events((all) => all.some((e) => e.event.subject === 'req-complete/handling' && e.event.type === 'greenlight.task.completed'));
    const mine = events.filter((e) => e.event.subject === 'req-complete/handling').map((e) => e.event.type);
    expect(mine).toEqual(['greenlight.task.created', 'greenlight.task.claimed', 'greenlight.task.completed']);
  });

  test('an event whose publish is retried after a lost ack is stored once, in order', async () => {
    h.failFirstPublishAttempt = true;
    await h.runWorker(async () => {
      const handle = await h.client.workflow.start(humanTask, {
        taskQueue: h.taskQueue,
        workflowId: 'req-retry/handling',
        args: [requestHandling('retry')],
      });
      await handle.executeUpdate(completeTaskUpdate, { args: [{ actor: taxHead, outcome: 'resolved', payload: { summary: 'done' } }] });
      await handle.result();
    });
    expect(h.publishAttempts.get('req-retry/handling#1')).toBe(2);
    const events = await h.events((all) => all.some((e) => e.event.subject === 'req-retry/handling' && e.event.type === 'greenlight.task.completed'));
    const mine = events.filter((e) => e.event.subject === 'req-retry/handling');
    expect(mine.map((e) => e.event.id)).toEqual(['req-retry/handling#1', 'req-retry/handling#2']);
  });
});
