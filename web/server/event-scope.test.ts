import { eventScope } from './event-scope';

const event = (data: Record<string, unknown>) => new TextEncoder().encode(JSON.stringify({ subject: 'req-1', data }));
const clerk = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] as const };

test("a clerk hears of their departments' tasks and their own, a leader of everything, and no event's text is passed on", () => {
  const sees = eventScope({ ...clerk, roles: [...clerk.roles] });
  expect(sees('gl.evt.task.created', event({ taskId: 'req-1/handling-1', departmentId: 'tax', title: 'secret' })))
    .toEqual({ type: 'task.created', taskId: 'req-1/handling-1', processId: 'req-1', processKind: undefined, light: undefined });
  expect(sees('gl.evt.task.created', event({ taskId: 'req-2/handling-1', departmentId: 'housing' }))).toBeUndefined();
  expect(sees('gl.evt.task.reassigned', event({ taskId: 'req-3/handling-1', departmentId: 'housing', assigneeId: 'tax-huang' }))).toBeDefined();
  expect(sees('gl.evt.project.light-changed', event({ departmentId: 'drc' }))).toBeUndefined();
  expect(sees('gl.evt.task.created', new TextEncoder().encode('not json'))).toBeUndefined();
  const leader = eventScope({ personId: 'leader-zhao', departments: [], roles: ['leader'] });
  expect(leader('gl.evt.project.light-changed', event({ departmentId: 'drc', light: 'red' }))).toMatchObject({ light: 'red' });
});

test('an agent (代理) hears of the tasks of whom they stand in for, as their inbox reaches them; not all a leader oversees', () => {
  const event = (data: Record<string, unknown>) => new TextEncoder().encode(JSON.stringify({ subject: 'req-1/handling-1', data }));
  const agent = { personId: 'finance-liu', departments: ['finance'], roles: ['staff' as const] };
  const clerk = { personId: 'tax-huang', departments: ['tax'], roles: ['staff' as const], agentId: 'finance-liu' };
  const leader = { personId: 'leader-sun', departments: [], roles: ['leader' as const], agentId: 'finance-liu' };
  const taxTask = event({ taskId: 'req-1/handling-1', departmentId: 'tax' });
  expect(eventScope(agent)('gl.evt.task.created', taxTask)).toBeUndefined();
  expect(eventScope(agent, () => [clerk])('gl.evt.task.created', taxTask)).toMatchObject({ taskId: 'req-1/handling-1' });
  expect(eventScope(agent, () => [leader])('gl.evt.task.created', taxTask)).toBeUndefined();
  expect(eventScope(agent, () => [leader])('gl.evt.task.claimed', event({ taskId: 'req-1/handling-1', departmentId: 'tax', assigneeId: 'leader-sun' }))).toMatchObject({ type: 'task.claimed' });
});
