/**
 * runSequence on the time-skipping server: each task opens only when the one before it is
 * done, is built from the previous completion, and a stopping outcome ends the line there.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { startHarness, type Harness } from '../../test/harness/harness';
import { complete, openedTask } from '../../test/fixtures/blocks/tasks';
import type { SequenceResult } from './sequence';

describe('tasks one after another', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workflowsPath: require.resolve('../../test/fixtures/blocks/workflows') });
  });
  afterAll(() => h?.stop());

  const notStarted = async (taskId: string) => {
    await expect(h.client.workflow.getHandle(taskId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  };

  test('every step approves: three tasks in order, each after the one before', async () => {
    const result = await h.runWorker(async () => {
      const line = await h.client.workflow.start('sequenceProbe', { taskQueue: h.taskQueue, workflowId: 'probe-line', args: [['drc', 'resources', 'permits']] });
      await openedTask(h.client, 'probe-line/review-drc');
      await notStarted('probe-line/review-resources');
      await complete(h.client, 'probe-line/review-drc', 'approve');
      expect(await openedTask(h.client, 'probe-line/review-resources')).toMatchObject({ title: 'review by resources, after drc-staff' });
      await notStarted('probe-line/review-permits');
      await complete(h.client, 'probe-line/review-resources', 'approve');
      expect(await openedTask(h.client, 'probe-line/review-permits')).toMatchObject({ title: 'review by permits, after resources-staff' });
      await complete(h.client, 'probe-line/review-permits', 'approve', { comment: 'permit issued' });
      return line.result() as Promise<SequenceResult>;
    });
    expect(result.stoppedAt).toBeUndefined();
    expect(result.runs.map((r) => [r.taskId, r.completion.outcome])).toEqual([
      ['probe-line/review-drc', 'approve'], ['probe-line/review-resources', 'approve'], ['probe-line/review-permits', 'approve'],
    ]);
  });

  test('a rejection at the second step stops the line: the third task never opens', async () => {
    const result = await h.runWorker(async () => {
      const line = await h.client.workflow.start('sequenceProbe', { taskQueue: h.taskQueue, workflowId: 'probe-stop', args: [['drc', 'resources', 'permits']] });
      await complete(h.client, 'probe-stop/review-drc', 'approve');
      await complete(h.client, 'probe-stop/review-resources', 'reject', { reason: 'the site plan conflicts with the zoning' });
      return line.result() as Promise<SequenceResult>;
    });
    expect(result.stoppedAt).toBe(1);
    expect(result.runs.map((r) => r.completion.outcome)).toEqual(['approve', 'reject']);
    expect(result.runs[1].completion.payload).toEqual({ reason: 'the site plan conflicts with the zoning' });
    await notStarted('probe-stop/review-permits');
  });
});
