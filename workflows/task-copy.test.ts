/**
 * Copying a task (抄送) on the time-skipping server with a real NATS: copies made while the task
 * is open and at its completion, each a workflow of its own that outlives the task until its
 * person marks it read (已阅); those copied are told, and a copy gives no verb on the task.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { eventually } from '../test/harness/eventually';
import { recordHistory } from '../test/harness/histories';
import { workingDayLadder } from './blocks/ladder';
import {
  claimTaskUpdate, completeTaskUpdate, copyIdOf, copyStateQuery, copyTaskUpdate, humanTask, markCopyReadUpdate, taskStateQuery,
} from './human-task';

const holder: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const copied: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };
const alsoCopied: Actor = { personId: 'leader-sun', departments: [], roles: ['leader'] };

const input: HumanTaskInput = {
  taskKey: 'handling',
  processKind: 'enterpriseRequest',
  processId: 'copy-1',
  title: 'A VAT credit refund for a tea house',
  departmentId: 'tax',
  form: 'review',
  outcomes: ['approve'],
  ladder: workingDayLadder({ due: 3 }),
};

async function refusal(call: Promise<unknown>): Promise<string | undefined> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return (err.cause as { type?: string }).type;
}

const closed = (handle: WorkflowHandle) => eventually(() => handle.describe(), (d) => d.status.name === 'COMPLETED', `${handle.workflowId} completed`);

describe('抄送: copying a task', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z' });
  });
  afterAll(() => h?.stop());

  test('copied while open and at completion: told, unable to act, each copy read once', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'copy-1/handling', args: [input] });
      await task.executeUpdate(claimTaskUpdate, { args: [{ actor: holder }] });

      // Someone the task is not offered to may not copy it.
      expect(await refusal(task.executeUpdate(copyTaskUpdate, { args: [{ actor: copied, personIds: ['leader-sun'] }] }))).toBe('Forbidden');

      const open = await task.executeUpdate(copyTaskUpdate, { args: [{ actor: holder, personIds: ['finance-liu', 'tax-huang'], departmentIds: [], note: '供参阅' }] });
      // The holder is never copied their own task.
      expect(open.copies).toEqual([expect.objectContaining({ by: 'tax-huang', personIds: ['finance-liu'], note: '供参阅' })]);

      // A copy gives no verb on the task.
      expect(await refusal(task.executeUpdate(completeTaskUpdate, { args: [{ actor: copied, outcome: 'approve', payload: {} }] }))).toBe('Forbidden');
      expect(await refusal(task.executeUpdate(claimTaskUpdate, { args: [{ actor: copied }] }))).toBe('Forbidden');

      // Copied at completion: the copy is out before the task ends, and outlives it; a person copied before is not copied twice.
      await task.executeUpdate(completeTaskUpdate, {
        args: [{ actor: holder, outcome: 'approve', payload: {}, copyTo: { personIds: ['leader-sun', 'finance-liu'], departmentIds: [] } }],
      });
      // Waited for without result(): that would let the time-skipping server jump to the copies' own (ten-year) timeouts.
      await closed(task);
      const done = await task.query(taskStateQuery);
      expect(done.copies?.map((c) => c.personIds)).toEqual([['finance-liu'], ['leader-sun']]);

      const leaderCopy = h.client.workflow.getHandle(copyIdOf('copy-1/handling', 'leader-sun'));
      expect(await leaderCopy.query(copyStateQuery)).toMatchObject({ status: 'unread', by: 'tax-huang', taskTitle: input.title });
      // Only its person reads a copy.
      expect(await refusal(leaderCopy.executeUpdate(markCopyReadUpdate, { args: [{ actor: copied }] }))).toBe('Forbidden');
      const read = await leaderCopy.executeUpdate(markCopyReadUpdate, { args: [{ actor: alsoCopied }] });
      expect(read.status).toBe('read');
      await closed(leaderCopy);
      expect((await leaderCopy.query(copyStateQuery)).readAt).toBeDefined();

      const financeCopy = h.client.workflow.getHandle(copyIdOf('copy-1/handling', 'finance-liu'));
      await financeCopy.executeUpdate(markCopyReadUpdate, { args: [{ actor: copied }] });
      await closed(financeCopy);
      await recordHistory(task, 'human-task-copied');
      await recordHistory(leaderCopy, 'task-copy-read');
    });

    const events = await eventually(() => h.events(), (all) => all.filter((e) => e.event.type === 'greenlight.task.copy-read').length >= 2, 'the reads');
    const copiedEvents = events.filter((e) => e.event.type === 'greenlight.task.copied');
    expect(copiedEvents.map((e) => e.event.data.recipients)).toEqual([['finance-liu'], ['leader-sun']]);
    expect(JSON.stringify(copiedEvents)).not.toContain('供参阅');
  });
});
