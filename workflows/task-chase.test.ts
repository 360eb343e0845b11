/**
 * Chasing the holder (催办) on the time-skipping server with the real calendar and a real NATS:
 * who may chase, the holder told and the head from the second chase on, once per half working
 * day per person and task (the refusal says when), every chase counted on the task's record.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput, TaskState } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { eventually } from '../test/harness/eventually';
import { recordHistory } from '../test/harness/histories';
import { workingDayLadder } from './blocks/ladder';
import { chaseTaskUpdate, completeTaskUpdate, humanTask, taskStateQuery } from './human-task';

const holder: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const taxHead: Actor = { personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] };
const leader: Actor = { personId: 'leader-sun', departments: [], roles: ['leader'] };
const initiator: Actor = { personId: 'liaison-ye', departments: ['fic'], roles: ['liaison'] };
const financeHead: Actor = { personId: 'finance-head', departments: ['finance'], roles: ['departmentHead', 'staff'] };

// Monday 2026-11-02 09:30 in Shanghai: the morning's half working day.
const MONDAY_MORNING = '2026-11-02T01:30:00Z';

function handling(taskKey: string, overrides: Partial<HumanTaskInput> = {}): HumanTaskInput {
  return {
    taskKey,
    processKind: 'enterpriseRequest',
    processId: `chase-${taskKey}`,
    title: 'A VAT credit refund for a tea house',
    departmentId: 'tax',
    assigneeId: holder.personId,
    initiatorId: initiator.personId,
    form: 'review',
    outcomes: ['approve'],
    ladder: workingDayLadder({ due: 3 }),
    ...overrides,
  };
}

async function refused(call: Promise<unknown>): Promise<{ type?: string; message: string; details?: unknown[] }> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  const cause = err.cause as { type?: string; message: string; details?: unknown[] };
  return { type: cause.type, message: cause.message, details: cause.details };
}

describe('催办: chasing the holder of a task', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY_MORNING });
  });
  afterAll(() => h?.stop());

  const start = async (key: string, overrides: Partial<HumanTaskInput> = {}): Promise<WorkflowHandle<typeof humanTask>> => {
    const handle = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: `chase-${key}/handling`, args: [handling(key, overrides)] });
    await eventually(() => handle.query(taskStateQuery), (s: TaskState) => s.dueAt !== undefined, 'the deadlines');
    return handle;
  };
  const chase = (handle: WorkflowHandle, actor: Actor, note?: string) =>
    handle.executeUpdate(chaseTaskUpdate, { args: [{ actor, ...(note ? { note } : {}) }] });

  test('a leader, the initiator and the head chase; a second chase inside the half day is refused with when', async () => {
    await h.runWorker(async () => {
      const handle = await start('quiet');

      expect(await refused(chase(handle, holder))).toMatchObject({ type: 'Forbidden', message: expect.stringContaining('you hold this task') });
      expect(await refused(chase(handle, financeHead))).toMatchObject({ type: 'Forbidden' });

      const first = await chase(handle, leader, '企业今天第三次来电，请尽快办理');
      expect(first.chases).toEqual([expect.objectContaining({
        personId: 'leader-sun', count: 1, nextAllowedAt: '2026-11-02T06:00:00.000Z', note: '企业今天第三次来电，请尽快办理',
      })]);

      // Inside the leader's quiet period: refused, saying when (14:00 the same day).
      const again = await refused(chase(handle, leader));
      expect(again.type).toBe('TooSoon');
      expect(again.message).toContain('11月2日 周一 14:00 起可再次催办');
      expect(again.details).toEqual([{ nextAllowedAt: '2026-11-02T06:00:00.000Z' }]);

      // Another person's quiet period is their own.
      const second = await chase(handle, initiator);
      expect(second.chases?.map((c) => c.count)).toEqual([1, 2]);

      // At 14:00 the afternoon begins: the leader may chase again, until the next morning.
      await h.env.sleep(Date.parse('2026-11-02T06:00:00Z') - (await h.env.currentTimeMs()));
      const third = await chase(handle, leader);
      expect(third.chases?.[2]).toMatchObject({ personId: 'leader-sun', count: 3, nextAllowedAt: '2026-11-03T01:00:00.000Z' });
      expect(third.history.filter((e) => e.type === 'chased').map((e) => e.actorId)).toEqual(['leader-sun', 'liaison-ye', 'leader-sun']);

      // The department head chases their department's task too.
      await chase(handle, taxHead);

      await handle.executeUpdate(completeTaskUpdate, { args: [{ actor: holder, outcome: 'approve', payload: {} }] });
      await handle.result();
      await recordHistory(handle, 'human-task-chase');
    });

    const events = await h.events((all) => all.filter((e) => e.event.type === 'greenlight.task.chased').length >= 4);
    const chased = events.filter((e) => e.event.type === 'greenlight.task.chased' && e.event.data.taskId === 'chase-quiet/handling');
    // The holder is told every time; their head from the second chase on. What was typed stays on the task.
    expect(chased.map((e) => [e.event.data.actorId, (e.event.data.detail as { count: number }).count, e.event.data.recipients])).toEqual([
      ['leader-sun', 1, ['tax-huang']],
      ['liaison-ye', 2, ['tax-huang', 'tax-head']],
      ['leader-sun', 3, ['tax-huang', 'tax-head']],
      ['tax-head', 4, ['tax-huang', 'tax-head']],
    ]);
    expect(JSON.stringify(chased)).not.toContain('第三次来电');
  });

  test('two chases sent at once by the same person: exactly one is accepted', async () => {
    await h.runWorker(async () => {
      const handle = await start('race');
      const answers = await Promise.allSettled([chase(handle, leader), chase(handle, leader)]);
      expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const refusal = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
      expect(((refusal.reason as WorkflowUpdateFailedError).cause as { type?: string }).type).toMatch(/^(TooSoon|Conflict)$/);
      expect((await handle.query(taskStateQuery)).chases).toHaveLength(1);
      await handle.terminate('test over');
    });
  });
});
