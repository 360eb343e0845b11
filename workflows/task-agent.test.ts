/**
 * 代理 on the time-skipping server with a real NATS: an agent acts as the person they stand in
 * for (the API sends that person's actor with `agentId`), so the task's rules decide as for them;
 * every entry of the task's history written from the agent's actions names the agent, and so do
 * the completion and its event. A person's own actions name nobody else.
 */
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { recordHistory } from '../test/harness/histories';
import { workingDayLadder } from './blocks/ladder';
import { chaseTaskUpdate, claimTaskUpdate, completeTaskUpdate, humanTask, releaseTaskUpdate } from './human-task';

const clerk: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
/** The finance clerk standing in for the tax clerk: the tax clerk's actor, with the agent named. */
const forClerk: Actor = { ...clerk, agentId: 'finance-liu' };
const initiator: Actor = { personId: 'liaison-ye', departments: ['fic'], roles: ['liaison'] };

const input: HumanTaskInput = {
  taskKey: 'handling', processKind: 'enterpriseRequest', processId: 'agent-1', title: '茶馆发票开具问题',
  departmentId: 'tax', form: 'review', outcomes: ['approve'], ladder: workingDayLadder({ due: 3 }), initiatorId: 'liaison-ye',
};

describe('代理', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z' });
  });
  afterAll(() => h?.stop());

  test("the agent claims and completes as the clerk; the history, the completion and its event name the agent", async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'agent-1/handling', args: [input] });
      const claimed = await task.executeUpdate(claimTaskUpdate, { args: [{ actor: forClerk }] });
      // Claimed for the clerk: it is hers, and the record says who did it.
      expect(claimed.assigneeId).toBe('tax-huang');
      expect(claimed.history.at(-1)).toMatchObject({ type: 'claimed', actorId: 'tax-huang', agentId: 'finance-liu' });
      // Her own release and claim name nobody else; a chase by another names no agent.
      await task.executeUpdate(releaseTaskUpdate, { args: [{ actor: clerk }] });
      const own = await task.executeUpdate(claimTaskUpdate, { args: [{ actor: clerk }] });
      expect(own.history.at(-1)).toEqual({ at: expect.any(String), type: 'claimed', actorId: 'tax-huang' });
      const chased = await task.executeUpdate(chaseTaskUpdate, { args: [{ actor: initiator }] });
      expect(chased.history.at(-1)?.agentId).toBeUndefined();

      const done = await task.executeUpdate(completeTaskUpdate, { args: [{ actor: forClerk, outcome: 'approve', payload: {} }] });
      expect(done).toMatchObject({ actorId: 'tax-huang', agentId: 'finance-liu', outcome: 'approve' });
      const result = await task.result();
      expect(result).toMatchObject({ status: 'completed', completion: { actorId: 'tax-huang', agentId: 'finance-liu' } });
      await recordHistory(task, 'human-task-agent');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.completed' && e.event.subject === 'agent-1/handling'));
    const completed = events.find((e) => e.event.type === 'greenlight.task.completed' && e.event.subject === 'agent-1/handling');
    expect(completed?.event.data).toMatchObject({ actorId: 'tax-huang', detail: { outcome: 'approve', agentId: 'finance-liu' } });
  });
});
