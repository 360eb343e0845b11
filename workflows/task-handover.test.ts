/**
 * 委派 and 转交 on the time-skipping server with a real NATS: a delegated task is the colleague's
 * to act on and comes back to the holder, who completes it; a transferred task is the colleague's.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { recordHistory } from '../test/harness/histories';
import { workingDayLadder } from './blocks/ladder';
import { completeTaskUpdate, delegateTaskUpdate, humanTask, returnDelegationUpdate, transferTaskUpdate } from './human-task';

const holder: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const colleague: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };
const taxHead: Actor = { personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] };

const input = (key: string): HumanTaskInput => ({
  taskKey: 'handling', processKind: 'enterpriseRequest', processId: `handover-${key}`, title: '茶馆发票开具问题',
  departmentId: 'tax', assigneeId: holder.personId, form: 'review', outcomes: ['approve'], ladder: workingDayLadder({ due: 3 }),
});

async function refusal(call: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return err.cause as { type?: string; message: string };
}

describe('委派 and 转交', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z' });
  });
  afterAll(() => h?.stop());

  test('委派: the colleague acts, it comes back, the holder completes', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'handover-1/handling', args: [input('1')] });
      const complete = (actor: Actor) => task.executeUpdate(completeTaskUpdate, { args: [{ actor, outcome: 'approve', payload: {} }] });

      expect((await refusal(task.executeUpdate(delegateTaskUpdate, { args: [{ actor: taxHead, toPersonId: 'finance-liu' }] }))).type).toBe('Forbidden');
      const delegated = await task.executeUpdate(delegateTaskUpdate, { args: [{ actor: holder, toPersonId: 'finance-liu', reason: '请代为核对发票' }] });
      expect(delegated).toMatchObject({ assigneeId: 'finance-liu', delegations: [{ from: 'tax-huang', to: 'finance-liu', reason: '请代为核对发票' }] });

      // While it is out, neither completes it.
      expect(await refusal(complete(colleague))).toMatchObject({ type: 'Conflict', message: expect.stringContaining('委派') });
      expect((await refusal(complete(holder))).type).toMatch(/Conflict|Forbidden/);
      expect((await refusal(task.executeUpdate(returnDelegationUpdate, { args: [{ actor: holder, opinion: '自己交回' }] }))).type).toBe('Forbidden');

      const back = await task.executeUpdate(returnDelegationUpdate, { args: [{ actor: colleague, opinion: '发票已核对无误' }] });
      expect(back.assigneeId).toBe('tax-huang');
      expect(back.delegations?.[0]).toMatchObject({ opinion: '发票已核对无误', returnedAt: expect.any(String) });

      expect((await refusal(complete(colleague))).type).toBe('Forbidden');
      await complete(holder);
      await task.result();
      await recordHistory(task, 'human-task-delegated');
    });
  });

  test('转交: the colleague holds it and completes it', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'handover-2/handling', args: [input('2')] });
      expect((await refusal(task.executeUpdate(transferTaskUpdate, { args: [{ actor: holder, toPersonId: 'tax-huang' }] }))).type).toBe('InvalidRequest');
      const moved = await task.executeUpdate(transferTaskUpdate, { args: [{ actor: holder, toPersonId: 'finance-liu' }] });
      expect(moved).toMatchObject({ assigneeId: 'finance-liu', status: 'claimed' });
      expect((await refusal(task.executeUpdate(transferTaskUpdate, { args: [{ actor: holder, toPersonId: 'tax-head' }] }))).type).toBe('Forbidden');
      await task.executeUpdate(completeTaskUpdate, { args: [{ actor: colleague, outcome: 'approve', payload: {} }] });
      expect((await task.result()).status).toBe('completed');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.transferred'));
    expect(events.find((e) => e.event.type === 'greenlight.task.transferred')?.event.data.recipients).toEqual(['finance-liu']);
  });
});
