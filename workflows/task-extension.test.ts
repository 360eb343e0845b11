/**
 * Extending a human task's deadline (延期) on the time-skipping server with the real calendar:
 * asked for by the handler before the deadline, decided by the department head; granted, every
 * working-day rung moves, a reminder already sent comes again before the new deadline, and the
 * task keeps its id and its place in the inbox. Every refusal is checked as a caller sees it.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput, TaskState } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { eventually } from '../test/harness/eventually';
import { recordHistory } from '../test/harness/histories';
import { completeTaskUpdate, decideExtensionUpdate, humanTask, requestExtensionUpdate, taskStateQuery } from './human-task';
import { workingDayLadder } from './blocks/ladder';

const taxStaff: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const taxHead: Actor = { personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] };
const financeHead: Actor = { personId: 'finance-head', departments: ['finance'], roles: ['departmentHead', 'staff'] };

// Monday 2026-11-02 09:00 in Shanghai: due at the end of Thursday, no holiday near.
const MONDAY = '2026-11-02T01:00:00Z';

function handling(taskKey: string, overrides: Partial<HumanTaskInput> = {}): HumanTaskInput {
  return {
    taskKey,
    processKind: 'hotlineTicket',
    processId: `ext-${taskKey}`,
    title: 'Noise from a building site after 22:00',
    departmentId: 'tax',
    form: 'review',
    outcomes: ['approve'],
    ladder: workingDayLadder({ due: 3 }),
    extension: { approverRoles: ['departmentHead'], maxWorkingDays: 5 },
    ...overrides,
  };
}

/** The failure type and message an Update was refused with. */
async function refused(call: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  const cause = err.cause as { type?: string; message: string };
  return { type: cause.type, message: cause.message };
}

describe('a deadline extension', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY });
  });
  afterAll(() => h?.stop());

  const start = async (key: string, overrides: Partial<HumanTaskInput> = {}): Promise<WorkflowHandle<typeof humanTask>> => {
    const handle = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: `ext-${key}/handling`, args: [handling(key, overrides)] });
    await eventually(() => handle.query(taskStateQuery), (s: TaskState) => s.dueAt !== undefined, 'the deadlines');
    return handle;
  };
  const ask = (handle: WorkflowHandle, actor: Actor, workingDays: number, reason = 'the site owner is abroad until next week') =>
    handle.executeUpdate(requestExtensionUpdate, { args: [{ actor, workingDays, reason }] });
  const decide = (handle: WorkflowHandle, actor: Actor, approve: boolean, reason?: string) =>
    handle.executeUpdate(decideExtensionUpdate, { args: [{ actor, approve, reason }] });

  test('granted after the reminder: the task turns green again, every rung moves by two working days, the reminder comes again', async () => {
    await h.runWorker(async () => {
      const handle = await start('granted');
      expect((await handle.query(taskStateQuery)).dueAt).toBe('2026-11-05T16:00:00.000Z'); // end of Thursday
      // Past the reminder at the end of Wednesday: yellow.
      await h.env.sleep(Date.parse('2026-11-04T16:01:00Z') - (await h.env.currentTimeMs()));
      expect((await eventually(() => handle.query(taskStateQuery), (s) => s.light === 'yellow', 'the reminder'))).toMatchObject({ light: 'yellow' });

      const asked = await ask(handle, taxStaff, 2);
      expect(asked.extension).toMatchObject({ grantedWorkingDays: 0, pending: { workingDays: 2, requestedBy: 'tax-huang' } });
      expect(await refused(ask(handle, taxStaff, 1))).toEqual({ type: 'Conflict', message: '已有一项延期申请在等待审批，请等审批后再申请' });
      expect(await refused(decide(handle, taxStaff, true))).toMatchObject({ type: 'Forbidden' });
      expect(await refused(decide(handle, financeHead, true))).toMatchObject({ type: 'Forbidden' });

      await decide(handle, taxHead, true, 'fine, once');
      const moved = await eventually(() => handle.query(taskStateQuery), (s) => s.dueAt === '2026-11-09T16:00:00.000Z', 'the moved deadline');
      expect(moved.light).toBe('green');
      expect(moved.extension).toEqual({ grantedWorkingDays: 2 });
      expect(moved.deadlines.map((d) => [d.at, d.fired])).toEqual([
        ['2026-11-09T16:00:00.000Z', false], // due: end of Monday 9 instead of Thursday 5
        ['2026-11-06T16:00:00.000Z', false], // the reminder again, at the end of Friday
        ['2026-11-09T16:00:00.000Z', false], // red to the head
        ['2026-11-10T16:00:00.000Z', false], // the assigned leader chased
      ]);
      expect(moved.taskId).toBe('ext-granted/handling');

      await h.env.sleep(Date.parse('2026-11-06T16:01:00Z') - (await h.env.currentTimeMs()));
      expect((await eventually(() => handle.query(taskStateQuery), (s) => s.light === 'yellow', 'the second reminder')).light).toBe('yellow');
      await handle.executeUpdate(completeTaskUpdate, { args: [{ actor: taxStaff, outcome: 'approve', payload: {} }] });
      expect(await handle.result()).toMatchObject({ status: 'completed', light: 'yellow', extendedWorkingDays: 2 });
      await recordHistory(handle, 'human-task-extension-granted');
    });
    const events = (await h.events((all) => all.some((e) => e.event.subject === 'ext-granted/handling' && e.event.type === 'greenlight.task.completed')))
      .filter((e) => e.event.subject === 'ext-granted/handling');
    const steps = events.map((e) => e.event.type.replace('greenlight.task.', ''));
    expect(steps).toEqual(['created', 'light-changed', 'reminded', 'extension-requested', 'extension-approved', 'light-changed', 'deadline-extended', 'light-changed', 'reminded', 'completed']);
    const recipients = (type: string) => events.find((e) => e.event.type === `greenlight.task.${type}`)?.event.data.recipients;
    expect(recipients('extension-requested')).toEqual(['tax-head']);
    // The approval is told once, by deadline-extended with the new deadline, which names who approved and why.
    expect(recipients('extension-approved') ?? []).toEqual([]);
    expect(events.find((e) => e.event.type === 'greenlight.task.deadline-extended')?.event.data).toMatchObject({
      dueAt: '2026-11-09T16:00:00.000Z', recipients: expect.arrayContaining(['tax-huang']), actorId: 'tax-head', detail: { workingDays: 2, grantedWorkingDays: 2 },
    });
  });

  test('refused, the deadline stays; asked after it, or beyond what the task allows, or on a task without extensions, it is refused at once', async () => {
    await h.runWorker(async () => {
      const handle = await start('refused');
      const due = (await handle.query(taskStateQuery)).dueAt;
      expect(await refused(ask(handle, taxStaff, 6))).toEqual({ type: 'InvalidRequest', message: '最多还能延期 5 个工作日，请减少延长工作日数' });
      await ask(handle, taxStaff, 3);
      expect(await refused(decide(handle, taxStaff, true))).toMatchObject({ type: 'Forbidden' });
      const after = await decide(handle, taxHead, false, 'three days is what a consultation gets');
      expect(after.extension).toEqual({ grantedWorkingDays: 0 });
      expect(after.dueAt).toBe(due);
      expect(await refused(decide(handle, taxHead, true))).toEqual({ type: 'Conflict', message: 'no extension is awaiting a decision' });

      await h.env.sleep(Date.parse(due as string) + 60_000 - (await h.env.currentTimeMs()));
      await eventually(() => handle.query(taskStateQuery), (s) => s.light === 'red', 'the deadline passed');
      expect(await refused(ask(handle, taxStaff, 1))).toEqual({ type: 'Conflict', message: '办理期限已过：延期须在期限之前申请' });

      const plain = await start('none', { extension: undefined });
      expect(await refused(ask(plain, taxStaff, 1))).toEqual({ type: 'InvalidRequest', message: '这项任务不能申请延期' });
      await plain.executeUpdate(completeTaskUpdate, { args: [{ actor: taxStaff, outcome: 'approve', payload: {} }] });
      await handle.executeUpdate(completeTaskUpdate, { args: [{ actor: taxStaff, outcome: 'approve', payload: {} }] });
      expect(await handle.result()).toMatchObject({ status: 'completed', light: 'red', extendedWorkingDays: 0 });
    });
  });
});
