/**
 * runTask on the time-skipping server: the process lists the task while it is open, the task's
 * ladder runs, and the process gets the completion, the worst light and the task's id.
 */
import type { HumanTaskInput } from '../../contracts/task';
import { eventually } from '../../test/harness/eventually';
import { startHarness, type Harness } from '../../test/harness/harness';
import { complete, openedTask } from '../../test/fixtures/blocks/tasks';
import { probeStateQuery } from '../../test/fixtures/blocks/workflows';
import { taskStateQuery } from '../human-task';
import type { TaskRun } from './task';

/** Monday 2026-11-02, 09:00 in Shanghai. */
const MONDAY = '2026-11-02T01:00:00Z';

describe('a human task run to its completion', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY, workflowsPath: require.resolve('../../test/fixtures/blocks/workflows') });
  });
  afterAll(() => h?.stop());

  test('listed while open, its light reached yellow, its completion returned', async () => {
    const input: HumanTaskInput = {
      taskKey: 'handling', processKind: 'probe', processId: 'probe-task', title: 'a leaking roof in a public housing block',
      departmentId: 'housing', form: 'review', outcomes: ['approve', 'reject'],
      ladder: { due: { workingDays: 2 }, steps: [{ at: { duration: 'PT2H' }, kind: 'reminder', light: 'yellow', notify: ['assignee'] }] },
    };
    const result = await h.runWorker(async () => {
      const probe = await h.client.workflow.start('taskProbe', { taskQueue: h.taskQueue, workflowId: 'probe-task', args: [input] });
      await eventually(() => probe.query(probeStateQuery), (s) => s.openTaskIds.length > 0, 'the task listed');
      expect((await probe.query(probeStateQuery)).openTaskIds).toEqual(['probe-task/handling']);
      const opened = await openedTask(h.client, 'probe-task/handling');
      expect(opened).toMatchObject({ status: 'open', light: 'green', dueAt: '2026-11-04T16:00:00.000Z' });

      await h.env.sleep('3 hours');
      await eventually(() => h.client.workflow.getHandle('probe-task/handling').query(taskStateQuery), (s) => s.light === 'yellow', 'the yellow light');
      await complete(h.client, 'probe-task/handling', 'approve', { comment: 'repair ordered' });
      return probe.result() as Promise<{ run: TaskRun; openTaskIdsAfter: string[] }>;
    });
    expect(result.run).toMatchObject({
      taskId: 'probe-task/handling',
      light: 'yellow',
      completion: { outcome: 'approve', actorId: 'housing-staff', payload: { comment: 'repair ordered' } },
    });
    expect(result.openTaskIdsAfter).toEqual([]);

    const events = await h.events((all) => all.some((e) => e.event.subject === 'probe-task/handling' && e.event.type === 'greenlight.task.completed'));
    expect(events.filter((e) => e.event.subject === 'probe-task/handling').map((e) => e.event.type)).toEqual([
      'greenlight.task.created', 'greenlight.task.light-changed', 'greenlight.task.reminded', 'greenlight.task.completed',
    ]);
  });
});
