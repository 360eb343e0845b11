/**
 * `greenlight calendar import` on 2027, on the real stack: a request's handling task is due
 * provisionally (2027 has no official data, so the statutory rules count: Spring Festival and
 * its Article 6 compensation days); the year's schedule is imported; the running task is told,
 * its deadline moves to what the schedule says, the provisional mark goes, and the events say so.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingCalendar } from '../calendar';
import type { HumanTaskInput, TaskState } from '../contracts/task';
import { eventually } from '../test/harness/eventually';
import { waitForEvents } from '../test/harness/events';
import { startStack, type TestStack } from '../test/harness/stack';
import { humanTask, taskStateQuery } from '../workflows/human-task';
import { importCalendarFile } from './calendar';
import { refreshProvisionalDeadlines } from './calendar-refresh';

let stack: TestStack;
const calendarDir = mkdtempSync(join(tmpdir(), 'gl-calendar-import-'));
const scheduleFile = join(mkdtempSync(join(tmpdir(), 'gl-schedule-')), '2027.json');

/** A 2027 schedule in the shape of the State Council's notice — made up for the test, not the notice. */
const schedule2027 = {
  year: 2027,
  source: 'test: a made-up 2027 arrangement',
  holidays: {
    '2027-01-01': "New Year's Day",
    ...Object.fromEntries(['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => [`2027-02-${d}`, 'Spring Festival'])),
    '2027-04-05': 'Tomb-sweeping Day',
    ...Object.fromEntries(['01', '02', '03', '04', '05'].map((d) => [`2027-05-${d}`, 'Labour Day'])),
    '2027-06-09': 'Dragon Boat Festival',
    '2027-09-15': 'Mid-autumn Festival',
    ...Object.fromEntries(['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2027-10-${d}`, 'National Day'])),
  },
  workdays: { '2027-02-20': 'Spring Festival', '2027-10-09': 'National Day' },
};

beforeAll(async () => {
  expect(WorkingCalendar.load({ dataDir: calendarDir }).coveredYears()).not.toContain(2027);
  writeFileSync(scheduleFile, JSON.stringify(schedule2027, null, 2));
  stack = await startStack({ calendarDir });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(calendarDir, { recursive: true, force: true });
  rmSync(join(scheduleFile, '..'), { recursive: true, force: true });
}, 60_000);

test('a request due provisionally in the Spring Festival of 2027 is due by the imported schedule once it is taken in', async () => {
  const task: HumanTaskInput = {
    taskKey: 'handling-1',
    processKind: 'enterpriseRequest',
    processId: 'req-2027-import',
    title: 'A request handed in on Thursday 2027-02-04, before the Spring Festival',
    departmentId: 'tax',
    form: 'requestHandling',
    outcomes: ['resolved'],
    clockStartsAt: '2027-02-04T02:00:00Z', // 10:00 in Shanghai
    ladder: { due: { workingDays: 3 }, steps: [{ at: { workingDays: 3 }, kind: 'escalation', light: 'red', notify: ['departmentHead'] }] },
  };
  const workflowId = 'req-2027-import/handling-1';
  const handle = await stack.client.workflow.start(humanTask, { taskQueue: stack.taskQueue, workflowId, args: [task] });
  const before = await eventually(() => handle.query(taskStateQuery), (s: TaskState) => s.dueAt !== undefined, 'deadlines');
  // Statutory rules: 02-05..02-08 and the compensation days 02-09/10 off; 02-11, 02-12, then Monday 02-15.
  expect(before).toMatchObject({ dueAt: '2027-02-15T16:00:00.000Z', provisional: true });

  const out: string[] = [];
  const code = await importCalendarFile(scheduleFile, {}, {
    dataDir: calendarDir,
    // The task's provisional mark reaches the visibility index a moment after it is set.
    refresh: (print) => eventually(() => refreshProvisionalDeadlines(stack.client, print), (n) => n >= 1, 'the task to be listed as provisional'),
  }, (line) => out.push(line));
  expect(code).toBe(0);
  expect(out[0]).toBe(`imported 2027 into ${join(calendarDir, '2027.json')}: 25 holiday(s), 2 adjusted working day(s)`);
  expect(out).toContain(`recomputing ${workflowId}`);

  // The schedule: 02-05..02-13 off, Sunday 02-14 not worked; 02-15, 02-16, then Wednesday 02-17.
  const after = await eventually(() => handle.query(taskStateQuery), (s: TaskState) => !s.provisional, 'recomputed deadlines');
  expect(after).toMatchObject({ dueAt: '2027-02-17T16:00:00.000Z', provisional: false });
  expect(after.deadlines.every((d) => !d.provisional)).toBe(true);
  expect(after.history.map((h) => h.type)).toContain('deadlines-recomputed');

  const events = await waitForEvents(stack.nats, (all) => all.some((e) => e.event.subject === workflowId && e.event.type === 'greenlight.task.deadlines-recomputed'));
  const mine = events.filter((e) => e.event.subject === workflowId).map((e) => ({ type: e.event.type, data: e.event.data as Record<string, unknown> }));
  expect(mine.find((e) => e.type === 'greenlight.task.created')?.data).toMatchObject({ dueAt: '2027-02-15T16:00:00.000Z', provisional: true });
  expect(mine.find((e) => e.type === 'greenlight.task.deadlines-recomputed')?.data).toMatchObject({ dueAt: '2027-02-17T16:00:00.000Z', provisional: false });
  await handle.terminate('test done');
});
