import { mayReadTask } from './policy';
import { inboxQuery } from './task-service';

test("a person's inbox: their own tasks, or those offered to a role they hold in their departments", () => {
  const query = inboxQuery({ personId: 'tax-head', departments: ['tax'], roles: ['departmentHead', 'staff'] }, { light: 'red', limit: 10 });
  expect(query).toBe(
    "GlEntityKind = 'task' AND ExecutionStatus = 'Running' AND GlStatus IN ('open', 'claimed') AND "
    + "(GlAssignee = 'tax-head' OR GlCandidateGroups IN ('dept:tax:role:departmentHead', 'dept:tax:role:staff')) AND GlLight = 'red'",
  );
});

test('quotes in ids cannot break out of the visibility query', () => {
  const query = inboxQuery({ personId: "x' OR 1=1 --", departments: [], roles: [] }, { limit: 10 });
  expect(query).toContain("GlAssignee = 'x\\' OR 1=1 --'");
});

test('leaders and admins oversee every task; others see their own departments', () => {
  expect(mayReadTask({ personId: 'leader-sun', departments: [], roles: ['leader'] }, { departmentId: 'tax' })).toBe(true);
  expect(mayReadTask({ personId: 'finance-liu', departments: ['finance'], roles: ['staff'] }, { departmentId: 'tax' })).toBe('this task belongs to another department');
  expect(mayReadTask({ personId: 'tax-huang', departments: ['tax'], roles: ['staff'] }, { departmentId: 'tax' })).toBe(true);
});
