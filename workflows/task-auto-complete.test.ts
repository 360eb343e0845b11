/**
 * 超时自动处理 on the time-skipping server: a rung that declares an outcome completes the task
 * still open, by no one, and the record says it was automatic and under which rule; a task
 * completed in time is not touched; a rung naming an outcome the task lacks is refused.
 */
import type { HumanTaskInput, TaskResult } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { recordHistory } from '../test/harness/histories';
import { completeTaskUpdate, humanTask, taskStateQuery } from './human-task';
import { withTaskDefaults } from './task-requests';

const RULE = '超时默认同意（低风险社会投资项目）';
const input = (key: string, outcome = 'approve'): HumanTaskInput => ({
  taskKey: 'review', processKind: 'projectApproval', processId: `auto-${key}`, title: '小型仓储项目备案审查',
  departmentId: 'permits', form: 'review', outcomes: ['approve', 'reject'],
  ladder: {
    due: { duration: 'PT2H' },
    steps: [
      { at: { duration: 'PT1H' }, kind: 'reminder', light: 'yellow', notify: ['assignee'] },
      { at: { duration: 'PT2H' }, kind: 'escalation', light: 'red', notify: ['departmentHead'], autoComplete: { outcome, rule: RULE } },
    ],
  },
});

describe('超时自动处理', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z' });
  });
  afterAll(() => h?.stop());

  test('the rung completes the open task with its outcome, recorded as automatic under its rule', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'auto-1/review', args: [input('1')] });
      const result = await task.result() as Extract<TaskResult, { status: 'completed' }>;
      const state = await task.query(taskStateQuery);
      expect(result.completion).toMatchObject({
        outcome: 'approve', actorId: 'system', at: state.deadlines.find((d) => d.step === 1)?.at, automatic: { step: 1, rule: RULE },
      });
      expect(state.history.find((e) => e.type === 'completed')).toMatchObject({ detail: { outcome: 'approve', automatic: true, rule: RULE, step: 1 } });
      await recordHistory(task, 'human-task-auto-completed');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.completed' && e.event.data.taskId === 'auto-1/review'));
    const done = events.find((e) => e.event.type === 'greenlight.task.completed' && e.event.data.taskId === 'auto-1/review');
    expect(done?.event.data.detail).toEqual({ outcome: 'approve', automatic: true, rule: RULE });
  });

  test('a task completed before the rung is not touched', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'auto-2/review', args: [input('2')] });
      await task.executeUpdate(completeTaskUpdate, { args: [{ actor: { personId: 'permits-feng', departments: ['permits'], roles: ['staff'] }, outcome: 'reject', payload: { reason: '材料不符' } }] });
      const result = await task.result() as Extract<TaskResult, { status: 'completed' }>;
      expect(result.completion).toMatchObject({ outcome: 'reject', actorId: 'permits-feng' });
      expect(result.completion.automatic).toBeUndefined();
    });
  });

  test('a rung naming an outcome the task lacks is refused', () => {
    expect(() => withTaskDefaults(input('3', 'waived'))).toThrow('a rung completes the task with "waived", which is not one of its outcomes');
  });
});
