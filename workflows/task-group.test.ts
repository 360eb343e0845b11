/**
 * The task-group building block on the time-skipping server: all must approve (会签), any one
 * decides (或签), n of m; the group is decided as soon as it can be, and the tasks whose
 * answers no longer count are cancelled.
 */
import type { Actor } from '../contracts/directory';
import type { HumanTaskInput } from '../contracts/task';
import { eventually } from '../test/harness/eventually';
import { startHarness, type Harness } from '../test/harness/harness';
import { completeTaskUpdate, taskStateQuery } from './human-task';
import { approvalsNeeded, decide, type GroupDecision } from './task-group';

const departments = ['tax', 'finance', 'permits'] as const;
const heads: Record<string, Actor> = Object.fromEntries(departments.map((d) => [d, { personId: `${d}-head`, departments: [d], roles: ['departmentHead', 'staff'] }]));

function review(processId: string, department: string): HumanTaskInput {
  return {
    taskKey: `review-${department}`, processKind: 'jointReview', processId, title: `joint review by ${department}`,
    departmentId: department, form: 'review', outcomes: ['approve', 'reject'],
    ladder: { due: { workingDays: 5 }, steps: [] },
  };
}

test('the rule arithmetic: decided as soon as the outcome cannot change', () => {
  expect(approvalsNeeded({ rule: 'all', approve: 'approve' }, 3)).toBe(3);
  expect(approvalsNeeded({ rule: 'any', approve: 'approve' }, 3)).toBe(1);
  expect(() => approvalsNeeded({ rule: 'atLeast', approve: 'approve', n: 4 }, 3)).toThrow('1 ≤ n ≤ 3');
  expect(decide(2, 1, 0, 3)).toBeUndefined();
  expect(decide(2, 2, 1, 3)).toBe(true);
  expect(decide(2, 0, 2, 3)).toBe(false);
});

describe('tasks in parallel with a completion rule', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workflowsPath: require.resolve('../test/fixtures/task-group-workflows') });
  });
  afterAll(() => h?.stop());

  async function run(processId: string, rule: object, answers: Array<[string, 'approve' | 'reject']>): Promise<GroupDecision> {
    return h.runWorker(async () => {
      const group = await h.client.workflow.start('taskGroupProbe', {
        taskQueue: h.taskQueue, workflowId: processId, args: [departments.map((d) => review(processId, d)), rule],
      });
      for (const [department, outcome] of answers) {
        const task = h.client.workflow.getHandle(`${processId}/review-${department}`);
        await eventually(() => task.query(taskStateQuery), (s) => s.deadlines.length > 0, `the ${department} review`);
        const payload = outcome === 'approve' ? {} : { reason: 'not ready' };
        await task.executeUpdate(completeTaskUpdate, { args: [{ actor: heads[department], outcome, payload }] });
      }
      return group.result() as Promise<GroupDecision>;
    });
  }

  test('会签: all three approve', async () => {
    const decision = await run('joint-all', { rule: 'all', approve: 'approve' }, [['tax', 'approve'], ['finance', 'approve'], ['permits', 'approve']]);
    expect(decision).toMatchObject({ approved: true, cancelledTaskIds: [] });
    expect(decision.completions).toHaveLength(3);
  });

  test('会签: one rejection decides at once and cancels the reviews still open', async () => {
    const decision = await run('joint-veto', { rule: 'all', approve: 'approve' }, [['finance', 'reject']]);
    expect(decision.approved).toBe(false);
    expect(decision.cancelledTaskIds.sort()).toEqual(['joint-veto/review-permits', 'joint-veto/review-tax']);
  });

  test('或签: the first approval decides', async () => {
    const decision = await run('joint-any', { rule: 'any', approve: 'approve' }, [['permits', 'approve']]);
    expect(decision).toMatchObject({ approved: true, completions: [{ taskId: 'joint-any/review-permits' }] });
    expect(decision.cancelledTaskIds).toHaveLength(2);
  });

  test('2 of 3: a rejection and two approvals', async () => {
    const decision = await run('joint-two', { rule: 'atLeast', approve: 'approve', n: 2 }, [['tax', 'reject'], ['finance', 'approve'], ['permits', 'approve']]);
    expect(decision).toMatchObject({ approved: true, cancelledTaskIds: [] });
  });
});
