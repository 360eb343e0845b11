/**
 * 离职交接 in the engine, on the time-skipping server with a real NATS: the 改派 of a handover
 * (`ifHeldBy`) moves a task only while the person who leaves holds it, never one out with them
 * on a 委派; and the handover is recorded as one event, `gl.evt.person.handed-over`.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import { personHandoverWorkflowId, type PersonHandover } from '../contracts/handover';
import type { HumanTaskInput } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { recordHistory } from '../test/harness/histories';
import { workingDayLadder } from './blocks/ladder';
import { delegateTaskUpdate, humanTask, reassignTaskUpdate } from './human-task';
import { personHandover } from './person-handover';

const colleague: Actor = { personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] };
const admin: Actor = { personId: 'admin', departments: [], roles: ['admin'] };

const input = (key: string, assigneeId: string): HumanTaskInput => ({
  taskKey: 'handling', processKind: 'enterpriseRequest', processId: `leave-${key}`, title: '茶馆发票开具问题',
  departmentId: 'tax', assigneeId, form: 'review', outcomes: ['approve'], ladder: workingDayLadder({ due: 3 }),
});

async function refusal(call: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return err.cause as { type?: string; message: string };
}

describe('离职交接', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z' });
  });
  afterAll(() => h?.stop());

  test("a handover's 改派 moves a task only while the person holds it, and not while it is out with them on a 委派", async () => {
    await h.runWorker(async () => {
      const start = (key: string, assigneeId: string) => h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: `leave-${key}/handling`, args: [input(key, assigneeId)] });
      const handOver = (task: Awaited<ReturnType<typeof start>>) => task.executeUpdate(reassignTaskUpdate, {
        args: [{ actor: admin, toPersonId: 'tax-ma', reason: '离职交接：调离', ifHeldBy: 'tax-huang' }],
      });

      const theirs = await start('1', 'tax-huang');
      const moved = await handOver(theirs);
      expect(moved).toMatchObject({ assigneeId: 'tax-ma', status: 'claimed' });
      expect(moved.history.at(-1)).toMatchObject({ type: 'reassigned', actorId: 'admin', detail: { reason: '离职交接：调离', from: { assigneeId: 'tax-huang' } } });

      const another = await start('2', 'tax-head');
      expect(await refusal(handOver(another))).toMatchObject({ type: 'Conflict', message: 'the task is no longer held by tax-huang' });

      const delegated = await start('3', 'tax-head');
      await delegated.executeUpdate(delegateTaskUpdate, { args: [{ actor: colleague, toPersonId: 'tax-huang' }] });
      expect(await refusal(handOver(delegated))).toMatchObject({ type: 'Conflict', message: expect.stringContaining('delegation (委派) from tax-head') });
      // Without `ifHeldBy`, the head's 改派 is as it was.
      expect(await another.executeUpdate(reassignTaskUpdate, { args: [{ actor: colleague, toPersonId: 'tax-ma' }] })).toMatchObject({ assigneeId: 'tax-ma' });
      await recordHistory(theirs, 'human-task-handed-over');
    });
  });

  test('the handover is recorded as one event: who, from whom, to whom, which tasks', async () => {
    await h.runWorker(async () => {
      const handover: PersonHandover = { handoverId: 'h-1', actorId: 'admin', personId: 'tax-huang', toPersonId: 'tax-ma', moved: ['leave-1/handling'], refused: ['leave-3/handling'] };
      const run = await h.client.workflow.start(personHandover, { taskQueue: h.taskQueue, workflowId: personHandoverWorkflowId(handover), args: [handover] });
      await run.result();
      const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.person.handed-over'));
      const recorded = events.filter((e) => e.event.type === 'greenlight.person.handed-over');
      expect(recorded).toHaveLength(1);
      expect(recorded[0].subject).toBe('gl.evt.person.handed-over');
      expect(recorded[0].event).toMatchObject({ id: 'handover/tax-huang/h-1#1', source: 'greenlight/people', data: handover });
      await recordHistory(run, 'person-handover');
    });
  });
});
