/**
 * workingDayLadder: the rungs it builds, and those rungs on a task started on Friday 25
 * September 2026, before a weekend and the National Day holiday, on the time-skipping server.
 */
import { Ladder } from '../../contracts/ladder';
import type { HumanTaskInput } from '../../contracts/task';
import { eventually } from '../../test/harness/eventually';
import { startHarness, type Harness } from '../../test/harness/harness';
import { complete, openedTask } from '../../test/fixtures/blocks/tasks';
import { taskStateQuery } from '../human-task';
import { workingDayLadder } from './ladder';

test('the usual ladder: yellow the day before, red to the head when due, the leader a day later', () => {
  expect(workingDayLadder({ due: 3 })).toEqual({
    due: { workingDays: 3 },
    steps: [
      { at: { workingDays: 2 }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: 'reminder: due tomorrow' },
      { at: { workingDays: 3 }, kind: 'escalation', light: 'red', notify: ['departmentHead'], label: 'overdue: department head' },
      { at: { workingDays: 4 }, kind: 'escalation', light: 'red', notify: ['assignedLeader'], label: 'overdue: assigned leader' },
    ],
  });
  expect(Ladder.safeParse(workingDayLadder({ due: 3 })).success).toBe(true);
});

test('options: an earlier reminder, a later chase, a paused clock; no reminder when due at once', () => {
  const ladder = workingDayLadder({ due: 10, remindBefore: 3, chase: 2, paused: 4 });
  expect(ladder.due).toEqual({ workingDays: 14 });
  expect(ladder.steps.map((s) => [s.at, s.light, s.notify, s.label])).toEqual([
    [{ workingDays: 11 }, 'yellow', ['assignee'], 'reminder: due in 3 working days'],
    [{ workingDays: 14 }, 'red', ['departmentHead'], 'overdue: department head'],
    [{ workingDays: 16 }, 'red', ['assignedLeader'], 'overdue: assigned leader'],
  ]);
  expect(workingDayLadder({ due: 1 }).steps.map((s) => s.kind)).toEqual(['escalation', 'escalation']);
  // The chase (催办) may go to the handler too, copied to the leader.
  expect(workingDayLadder({ due: 3, chaseNotify: ['assignee', 'assignedLeader'] }).steps[2]).toEqual({
    at: { workingDays: 4 }, kind: 'escalation', light: 'red', notify: ['assignee', 'assignedLeader'], label: '催办 (chase): assignee, assignedLeader',
  });
  expect(workingDayLadder({ due: 5, remindBefore: 0 }).steps).toHaveLength(2);
  expect(() => workingDayLadder({ due: 2.5 })).toThrow('due must be a whole number');
  expect(() => workingDayLadder({ due: 3, chase: 0 })).toThrow('chase must be a whole number ≥ 1');
});

describe('on the calendar', () => {
  let h: Harness;
  // Friday 2026-09-25 10:00 in Shanghai.
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-09-25T02:00:00Z', workflowsPath: require.resolve('../../test/fixtures/blocks/workflows') });
  });
  afterAll(() => h?.stop());

  test('a 3-working-day ladder from a Friday: Tuesday, Wednesday, and the Thursday after the holiday', async () => {
    const input: HumanTaskInput = {
      taskKey: 'handling', processKind: 'probe', processId: 'probe-ladder', title: 'a tax question', departmentId: 'tax',
      form: 'review', outcomes: ['approve', 'reject'], ladder: workingDayLadder({ due: 3 }),
    };
    await h.runWorker(async () => {
      const probe = await h.client.workflow.start('taskProbe', { taskQueue: h.taskQueue, workflowId: 'probe-ladder', args: [input] });
      const opened = await openedTask(h.client, 'probe-ladder/handling');
      expect(opened.dueAt).toBe('2026-09-30T16:00:00.000Z');
      expect(opened.deadlines.filter((d) => d.step >= 0).map((d) => d.at)).toEqual([
        '2026-09-29T16:00:00.000Z', '2026-09-30T16:00:00.000Z', '2026-10-08T16:00:00.000Z',
      ]);
      await h.env.sleep(Date.parse('2026-10-08T16:01:00Z') - (await h.env.currentTimeMs()));
      await eventually(() => h.client.workflow.getHandle('probe-ladder/handling').query(taskStateQuery), (s) => s.deadlines.every((d) => d.fired), 'every rung');
      await complete(h.client, 'probe-ladder/handling', 'approve');
      await probe.result();
    });
    const events = await h.events((all) => all.some((e) => e.event.subject === 'probe-ladder/handling' && e.event.type === 'greenlight.task.completed'));
    expect(events.filter((e) => /\.(reminded|escalated)$/.test(e.event.type)).map((e) => [e.event.type, e.event.time, e.event.data.recipients])).toEqual([
      ['greenlight.task.reminded', '2026-09-29T16:00:00.000Z', ['tax-head', 'tax-huang']],
      ['greenlight.task.escalated', '2026-09-30T16:00:00.000Z', ['tax-head']],
      ['greenlight.task.escalated', '2026-10-08T16:00:00.000Z', ['leader-sun']],
    ]);
  });
});
