/**
 * 撤回 on the time-skipping server with a real NATS, through the withdrawable block inside a
 * minimal process: the completer takes the step back while the next is untouched, the next task
 * ends withdrawn with the reason and the step reopens to them; a withdrawal against the next
 * holder's claim at the same instant has exactly one winner; a kind may forbid it.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { TaskState } from '../contracts/task';
import { eventually } from '../test/harness/eventually';
import { startHarness, type Harness } from '../test/harness/harness';
import { recordHistory } from '../test/harness/histories';
import { openedTask, staffOf } from '../test/fixtures/blocks/tasks';
import type { TaskRun } from './blocks/task';
import { withdrawableQuery } from './blocks/withdrawable';
import { claimTaskUpdate, completeTaskUpdate, taskStateQuery, withdrawTaskUpdate } from './human-task';

const tax = staffOf('tax');
const finance = staffOf('finance');

async function refusal(call: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return err.cause as { type?: string; message: string };
}

/** A claim that lost to a withdrawal: refused by the task, or finding it closed already (the API says 409 to both). */
function lostToWithdrawal(err: unknown): boolean {
  if (err instanceof WorkflowUpdateFailedError) return (err.cause as { type?: string }).type === 'TaskCancelled' && /撤回/.test((err.cause as Error).message);
  return err instanceof Error && /not found|already completed/i.test(err.message);
}

const approve = (client: Client, taskId: string, actor = tax) =>
  client.workflow.getHandle(taskId).executeUpdate(completeTaskUpdate, { args: [{ actor, outcome: 'approve', payload: {} }] });
const withdraw = (client: Client, taskId: string, fromTaskId: string, actor = tax) =>
  client.workflow.getHandle(taskId).executeUpdate(withdrawTaskUpdate, { args: [{ actor, fromTaskId, reason: '材料附错了，撤回重办' }] });

describe('撤回', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z', workflowsPath: require.resolve('../test/fixtures/blocks/workflows') });
  });
  afterAll(() => h?.stop());

  test('taken back while the next is untouched: the next ends withdrawn, the step reopens to its completer', async () => {
    const result = await h.runWorker(async () => {
      const probe = await h.client.workflow.start('withdrawableProbe', { taskQueue: h.taskQueue, workflowId: 'wd-1', args: [['tax', 'finance']] });
      await openedTask(h.client, 'wd-1/review-tax');
      await approve(h.client, 'wd-1/review-tax');
      const next = await openedTask(h.client, 'wd-1/review-finance');
      expect(next.previousStep).toEqual({ taskId: 'wd-1/review-tax', completedBy: tax.personId });
      expect(await probe.query(withdrawableQuery)).toEqual([{ fromTaskId: 'wd-1/review-tax', completedBy: tax.personId, nextTaskId: 'wd-1/review-finance' }]);

      // Not theirs to take back; a chase leaves it untouched.
      expect((await refusal(withdraw(h.client, 'wd-1/review-finance', 'wd-1/review-tax', finance))).type).toBe('Forbidden');
      expect((await refusal(withdraw(h.client, 'wd-1/review-finance', 'wd-1/review-other'))).type).toBe('Forbidden');

      const withdrawn = await withdraw(h.client, 'wd-1/review-finance', 'wd-1/review-tax');
      expect(withdrawn).toMatchObject({ status: 'cancelled', withdrawal: { by: tax.personId, fromTaskId: 'wd-1/review-tax', reason: '材料附错了，撤回重办' } });
      const lateClaim = await h.client.workflow.getHandle('wd-1/review-finance').executeUpdate(claimTaskUpdate, { args: [{ actor: finance }] })
        .then(() => undefined, (e: unknown) => e);
      expect(lostToWithdrawal(lateClaim)).toBe(true);
      await recordHistory(h.client.workflow.getHandle('wd-1/review-finance'), 'human-task-withdrawn');

      // Reopened to them, claimed, under a key of its own; then the next step follows again.
      const reopened = await openedTask(h.client, 'wd-1/review-tax:w1');
      expect(reopened).toMatchObject({ status: 'claimed', assigneeId: tax.personId });
      await approve(h.client, 'wd-1/review-tax:w1');
      const again = await openedTask(h.client, 'wd-1/review-finance:w1');
      expect(again.previousStep).toEqual({ taskId: 'wd-1/review-tax:w1', completedBy: tax.personId });
      await h.client.workflow.getHandle('wd-1/review-finance:w1').executeUpdate(claimTaskUpdate, { args: [{ actor: finance }] });
      expect(await refusal(withdraw(h.client, 'wd-1/review-finance:w1', 'wd-1/review-tax:w1')))
        .toMatchObject({ type: 'Conflict', message: expect.stringContaining('claimed by finance-staff') });
      await approve(h.client, 'wd-1/review-finance:w1', finance);
      return probe.result() as Promise<{ runs: TaskRun[]; withdrawals: string[] }>;
    });
    expect(result.runs.map((r) => r.taskId)).toEqual(['wd-1/review-tax:w1', 'wd-1/review-finance:w1']);
    expect(result.withdrawals).toEqual([`${tax.personId}: 材料附错了，撤回重办`]);
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.withdrawn'));
    const withdrawnEvent = events.find((e) => e.event.type === 'greenlight.task.withdrawn');
    expect(withdrawnEvent?.event.data).toMatchObject({ taskId: 'wd-1/review-finance', status: 'cancelled', actorId: tax.personId, detail: { fromTaskId: 'wd-1/review-tax' } });
    expect(JSON.stringify(withdrawnEvent)).not.toContain('材料附错了');
  });

  test('a withdrawal and the next holder\'s claim at the same instant: exactly one wins, the other is told why', async () => {
    const races = ['wd-race-1', 'wd-race-2', 'wd-race-3', 'wd-race-4'];
    await h.runWorker(async () => {
      for (const id of races) await h.client.workflow.start('withdrawableProbe', { taskQueue: h.taskQueue, workflowId: id, args: [['tax', 'finance']] });
      for (const id of races) {
        await openedTask(h.client, `${id}/review-tax`);
        await approve(h.client, `${id}/review-tax`);
        await openedTask(h.client, `${id}/review-finance`);
      }
      // Half the races send the claim first, half the withdrawal: each pair is sent without waiting for either answer.
      const outcomes = await Promise.all(races.map(async (id, i) => {
        const next = `${id}/review-finance`;
        const claim = () => h.client.workflow.getHandle(next).executeUpdate(claimTaskUpdate, { args: [{ actor: finance }] });
        const take = () => withdraw(h.client, next, `${id}/review-tax`);
        const [first, second] = i % 2 === 0 ? [claim(), take()] : [take(), claim()];
        const [a, b] = await Promise.allSettled([first, second]);
        const [claimed, withdrawn] = i % 2 === 0 ? [a, b] : [b, a];
        const loser = claimed.status === 'rejected' ? claimed.reason : withdrawn.status === 'rejected' ? withdrawn.reason : undefined;
        return {
          winners: [claimed, withdrawn].filter((s) => s.status === 'fulfilled').length,
          loser: loser as unknown,
          state: await h.client.workflow.getHandle(next).query(taskStateQuery) as TaskState,
        };
      }));
      for (const o of outcomes) {
        expect(o.winners).toBe(1);
        if (o.state.withdrawal) expect(lostToWithdrawal(o.loser)).toBe(true);
        else expect((o.loser as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'Conflict', message: expect.stringContaining('too late') });
      }
      for (const id of races) await h.client.workflow.getHandle(id).terminate('race over');
    });
  });

  test('a kind forbids it on the next step: refused, and not offered', async () => {
    await h.runWorker(async () => {
      const probe = await h.client.workflow.start('withdrawableProbe', {
        taskQueue: h.taskQueue, workflowId: 'wd-forbidden', args: [['tax', 'finance'], { forbid: ['withdraw'] }],
      });
      await openedTask(h.client, 'wd-forbidden/review-tax');
      await approve(h.client, 'wd-forbidden/review-tax');
      const next = await openedTask(h.client, 'wd-forbidden/review-finance');
      expect(next.forbiddenVerbs).toEqual(['withdraw']);
      expect(await refusal(withdraw(h.client, 'wd-forbidden/review-finance', 'wd-forbidden/review-tax')))
        .toMatchObject({ type: 'Forbidden', message: expect.stringContaining('forbids') });
      await eventually(() => h.client.workflow.getHandle('wd-forbidden/review-finance').query(taskStateQuery), (s) => s.status === 'open', 'still open');
      await probe.terminate('test over');
    });
  });
});
