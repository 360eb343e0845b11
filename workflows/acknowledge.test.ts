/**
 * Acknowledging an escalation (已阅) on the time-skipping server with a real NATS server: only a
 * person the escalation reached may, the light stays, the acknowledgement is in the task's
 * history and on the bus, and the next rung says whether the previous one was acknowledged.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { eventually } from '../test/harness/eventually';
import { recordHistory } from '../test/harness/histories';
import { acknowledgeEscalationUpdate, completeTaskUpdate, humanTask, taskStateQuery } from './human-task';

const taxHead: Actor = { personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] };
const leaderSun: Actor = { personId: 'leader-sun', departments: [], roles: ['leader'] };
const leaderZhao: Actor = { personId: 'leader-zhao', departments: [], roles: ['leader'] };

const input: HumanTaskInput = {
  taskKey: 'handling',
  processKind: 'enterpriseRequest',
  processId: 'req-ack',
  title: 'A tax question from a tea house',
  departmentId: 'tax',
  form: 'requestHandling',
  outcomes: ['resolved'],
  ladder: {
    due: { duration: 'PT1H' },
    steps: [
      { at: { duration: 'PT1H' }, kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'overdue: department head' },
      { at: { duration: 'PT2H' }, kind: 'escalation', notify: ['assignedLeader'], label: 'overdue: assigned leader' },
      { at: { duration: 'PT3H' }, kind: 'escalation', notify: ['assignedLeader'], label: 'chase again' },
    ],
  },
};

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

test('a leader acknowledges an escalation that reached them; the next rung says so', async () => {
  await h.runWorker(async () => {
    const handle = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'req-ack/handling', args: [input] });
    const ack = (actor: Actor, step?: number) => handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ actor, step }] });
    await eventually(() => handle.query(taskStateQuery), (s) => s.deadlines.length > 0, 'deadlines');
    expect(await rejection(ack(taxHead))).toMatch(/no escalation of this task has reached you/);

    await h.env.sleep('61 minutes');
    const first = await eventually(() => handle.query(taskStateQuery), (s) => s.escalations?.[0]?.recipients.length === 1, 'the first escalation published');
    expect(first.escalations?.[0]).toMatchObject({ step: 0, recipients: ['tax-head'], acknowledgements: [] });
    expect(await rejection(ack(leaderSun))).toMatch(/no escalation of this task has reached you/);
    expect(await rejection(ack(taxHead, 1))).toMatch(/rung 1 has not escalated this task/);

    const acknowledged = await ack(taxHead);
    expect(acknowledged.light).toBe('red');
    expect(acknowledged.escalations?.[0].acknowledgements).toEqual([{ personId: 'tax-head', at: expect.any(String) }]);
    expect(acknowledged.history.filter((e) => e.type === 'acknowledged')).toEqual([
      { at: expect.any(String), type: 'acknowledged', actorId: 'tax-head', detail: { step: 0, label: 'overdue: department head' } },
    ]);
    // Again: nothing changes, the first acknowledgement stands.
    expect((await ack(taxHead)).history.filter((e) => e.type === 'acknowledged')).toHaveLength(1);

    await h.env.sleep('60 minutes');
    await eventually(() => handle.query(taskStateQuery), (s) => s.escalations?.[1]?.recipients.length === 1, 'the second escalation published');
    expect(await rejection(ack(leaderZhao, 1))).toMatch(/rung 1's escalation did not reach you/);
    // The leader lets the second pass unacknowledged; the third says so.
    await h.env.sleep('60 minutes');
    await eventually(() => handle.query(taskStateQuery), (s) => s.escalations?.[2]?.recipients.length === 1, 'the third escalation published');
    expect((await ack(leaderSun, 1)).escalations?.[1].acknowledgements).toEqual([{ personId: 'leader-sun', at: expect.any(String) }]);
    await handle.executeUpdate(completeTaskUpdate, { args: [{ actor: taxHead, outcome: 'resolved', payload: { summary: 'done' } }] });
    await handle.result();
    await recordHistory(handle, 'human-task-acknowledged');
  });

  const events = await h.events((all) => all.some((e) => e.event.subject === 'req-ack/handling' && e.event.type === 'greenlight.task.completed'));
  const mine = events.filter((e) => e.event.subject === 'req-ack/handling');
  const escalated = mine.filter((e) => e.event.type === 'greenlight.task.escalated').map((e) => e.event.data);
  expect(escalated.map((d) => (d.detail as { previousEscalation?: unknown } | undefined)?.previousEscalation)).toEqual([
    undefined,
    { step: 0, acknowledged: true, acknowledgedBy: ['tax-head'] },
    { step: 1, acknowledged: false, acknowledgedBy: [] },
  ]);
  const acknowledgements = mine.filter((e) => e.event.type === 'greenlight.task.acknowledged').map((e) => e.event.data);
  expect(acknowledgements).toMatchObject([
    { actorId: 'tax-head', step: 0, light: 'red', detail: { label: 'overdue: department head' } },
    { actorId: 'leader-sun', step: 1, light: 'red', detail: { label: 'overdue: assigned leader' } },
  ]);
});
