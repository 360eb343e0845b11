/**
 * Calendar data added while tasks run: a task whose deadline falls in a year without official
 * data is provisional (in its state and in the inbox's search attributes); once that year's file
 * is added, `greenlight calendar refresh` signals it and its deadline is computed again from
 * the file, no longer provisional.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HumanTaskInput, TaskState } from '../contracts/task';
import { refreshProvisionalDeadlines } from '../cli/calendar-refresh';
import { humanTask, taskStateQuery } from '../workflows/human-task';
import { eventually } from './harness/eventually';
import { startStack, type TestStack } from './harness/stack';

let stack: TestStack;
const calendarDir = mkdtempSync(join(tmpdir(), 'gl-calendar-'));
// A year the calendar package will not hold official data for in decades (it covers 2004–2026 and grows
// one year at a time), pinned so that the exact deadlines below hold on any date the test runs.
const year = 2099;

beforeAll(async () => {
  stack = await startStack({ calendarDir });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(calendarDir, { recursive: true, force: true });
}, 60_000);

test('a provisional deadline is recomputed from the data file once the year is added and the tasks are told', async () => {
  const task: HumanTaskInput = {
    taskKey: 'handling-1',
    processKind: 'enterpriseRequest',
    processId: 'req-provisional',
    title: 'A request due in a year without official data',
    departmentId: 'tax',
    form: 'requestHandling',
    outcomes: ['resolved'],
    clockStartsAt: `${year}-03-02T02:00:00Z`,
    ladder: { due: { workingDays: 3 }, steps: [{ at: { workingDays: 3 }, kind: 'escalation', light: 'red', notify: ['departmentHead'] }] },
  };
  const handle = await stack.client.workflow.start(humanTask, { taskQueue: stack.taskQueue, workflowId: 'req-provisional/handling-1', args: [task] });
  const before = await eventually(() => handle.query(taskStateQuery), (s: TaskState) => s.dueAt !== undefined, 'deadlines');
  expect(before.provisional).toBe(true);
  // Clock starts Monday 2099-03-02 (10:00 in Shanghai); by the statutory rules alone the 3rd working
  // day after it is Thursday 03-05, due at its end (24:00 Shanghai).
  expect(new Date(before.dueAt!).toISOString()).toBe('2099-03-05T16:00:00.000Z');

  // The official file declares the three days after the clock starts to be holidays.
  const holidays = Object.fromEntries([3, 4, 5].map((d) => [`${year}-03-0${d}`, 'a holiday the rules did not know']));
  writeFileSync(join(calendarDir, `${year}.json`), JSON.stringify({ year, holidays, workdays: {} }));

  const out: string[] = [];
  const signalled = await eventually(() => refreshProvisionalDeadlines(stack.client, (l) => out.push(l)), (n) => n >= 1, 'the task to be listed as provisional');
  expect(signalled).toBe(1);
  const after = await eventually(() => handle.query(taskStateQuery), (s: TaskState) => !s.provisional, 'recomputed deadlines');
  // 03-03..03-05 are now holidays: the working days are Friday 03-06, Monday 03-09 and Tuesday 03-10.
  expect(new Date(after.dueAt!).toISOString()).toBe('2099-03-10T16:00:00.000Z');
  expect(after.history.map((h) => h.type)).toContain('deadlines-recomputed');
  await handle.terminate('test done');
});
