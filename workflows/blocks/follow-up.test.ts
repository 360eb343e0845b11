/**
 * followUpAt on the time-skipping server: a case handled in November is reviewed again (回头看)
 * at 00:00 on 2 December in Shanghai. The run continues as new between the two, as a process
 * does before a wait of months; the review opens at the instant itself, not a wait's length
 * after the new run began.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { eventually } from '../../test/harness/eventually';
import { startHarness, type Harness } from '../../test/harness/harness';
import { complete, openedTask } from '../../test/fixtures/blocks/tasks';
import { probeStateQuery } from '../../test/fixtures/blocks/workflows';
import type { TaskRun } from './task';

/** Monday 2026-11-02, 09:00 in Shanghai. */
const MONDAY = '2026-11-02T01:00:00Z';
const REVIEW_AT = '2026-12-01T16:00:00.000Z';

describe('a follow-up review at a later instant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY, workflowsPath: require.resolve('../../test/fixtures/blocks/workflows') });
  });
  afterAll(() => h?.stop());

  const sleepUntil = async (instant: string) => h.env.sleep(Date.parse(instant) - (await h.env.currentTimeMs()));

  test('handled, continued as new, reviewed at the instant', async () => {
    const review = await h.runWorker(async () => {
      const first = await h.client.workflow.start('followUpProbe', { taskQueue: h.taskQueue, workflowId: 'probe-follow', args: [REVIEW_AT] });
      const probe = h.client.workflow.getHandle('probe-follow');
      await openedTask(h.client, 'probe-follow/handling');
      await h.env.sleep('10 days');
      await complete(h.client, 'probe-follow/handling', 'approve');

      // Describe, not query, until the new run is there: a query that meets the very moment a run
      // continues as new can stay unanswered.
      await eventually(() => probe.describe(), (d) => d.runId !== first.firstExecutionRunId && d.status.name === 'RUNNING', 'the run continued as new');
      const waiting = await probe.query(probeStateQuery);
      expect(waiting).toMatchObject({ status: 'followUp', openTaskIds: [] });
      expect(waiting.startedAt.slice(0, 10)).toBe('2026-11-12');

      await sleepUntil('2026-12-01T15:59:00Z');
      expect((await probe.query(probeStateQuery)).openTaskIds).toEqual([]);
      await expect(h.client.workflow.getHandle('probe-follow/follow-up').describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      await h.env.sleep('2 minutes');
      const opened = await openedTask(h.client, 'probe-follow/follow-up');
      // Opened by the timer at the instant: not before it, and within the minute the last skip went
      // past it (a child starts a moment after its parent's timer fired, at the machine's pace). A
      // review counted from the new run's start would open ten days late.
      expect(Date.parse(opened.createdAt) - Date.parse(REVIEW_AT)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(opened.createdAt) - Date.parse(REVIEW_AT)).toBeLessThan(60_000);
      expect(await probe.query(probeStateQuery)).toMatchObject({ status: 'reviewing', openTaskIds: ['probe-follow/follow-up'] });
      await complete(h.client, 'probe-follow/follow-up', 'unchanged', { progress: 'the second phase is half built' });
      return first.result() as Promise<TaskRun>;
    });
    expect(review).toMatchObject({ taskId: 'probe-follow/follow-up', completion: { outcome: 'unchanged', payload: { progress: 'the second phase is half built' } } });
  });

  test('an instant already passed opens the review at once', async () => {
    await h.runWorker(async () => {
      const probe = await h.client.workflow.start('followUpProbe', { taskQueue: h.taskQueue, workflowId: 'probe-past', args: ['2026-11-01T16:00:00.000Z', true] });
      const startedAt = (await eventually(() => probe.query(probeStateQuery), () => true, 'the probe')).startedAt;
      const opened = await openedTask(h.client, 'probe-past/follow-up');
      // Nothing here skips time (queries do not), so the server's clock ran at the real pace: a
      // review that waited for any timer would not have opened within the test's wait at all.
      // A minute's bound says "at once" with room for a loaded machine.
      expect(Date.parse(opened.createdAt) - Date.parse(startedAt)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(opened.createdAt) - Date.parse(startedAt)).toBeLessThan(60_000);
      await complete(h.client, 'probe-past/follow-up', 'A', { progress: 'done' });
      await probe.result();
    });
  });
});
