/**
 * 代理 (agent), through the API on the real stack (Temporal dev server, NATS, the worker, the
 * record): the tax clerk names a colleague of the finance office her agent for a period around
 * now; her task reaches the agent's inbox marked as hers; the agent completes it, and the task's
 * history and the process's timeline say it was done for her. Named for a period that has not
 * begun, nothing reaches the agent. Each period is set explicitly around the present: no waiting.
 * The command line names, shows and clears an agent as staff would type it.
 *
 *   npx jest test/agent.integration.test.ts
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { recordedProcess } from '../records/reads';
import { eventually } from './harness/eventually';
import { claimedHandlingTask, taskPath, taxRequest } from './harness/tax-request';
import { repoRoot } from './harness/harness';
import { JWT_SECRET, startStack, type TestStack } from './harness/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const task = taskPath;
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const request = taxRequest;

const handlingTask = (id: string) => claimedHandlingTask(stack, id);

const inboxOf = async (personId: string) => (await stack.call(personId, 'GET', '/api/tasks?limit=100')).body.tasks as Array<{ taskId: string; forPersonId?: string }>;

test('naming an agent: each person their own (an admin anyone\'s); the refusals name the field', async () => {
  const agent = '/api/people/tax-huang/agent';
  expect((await stack.call('tax-huang', 'GET', agent)).body).toEqual({ personId: 'tax-huang' });
  // Someone else may not name, read or clear her agent.
  expect((await stack.call('tax-head', 'POST', agent, { agentId: 'tax-head', from: hours(-1), until: hours(1) })).status).toBe(403);
  expect((await stack.call('finance-liu', 'GET', agent)).status).toBe(403);
  expect((await stack.call('finance-liu', 'POST', `${agent}/clear`)).status).toBe(403);

  const unknown = await stack.call('tax-huang', 'POST', agent, { agentId: 'nobody-here', from: hours(-1), until: hours(1) });
  expect(unknown.status).toBe(400);
  expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'agentId' })]);
  const herself = await stack.call('tax-huang', 'POST', agent, { agentId: 'tax-huang', from: hours(-1), until: hours(1) });
  expect(herself.status).toBe(400);
  expect(herself.body.error).toContain('代理人不能是本人');
  const inAnHour = hours(1);
  const backwards = await stack.call('tax-huang', 'POST', agent, { agentId: 'finance-liu', from: inAnHour, until: inAnHour });
  expect(backwards.status).toBe(400);
  expect(backwards.body.details).toEqual([expect.objectContaining({ path: 'until' })]);

  const byAdmin = await stack.call('admin', 'POST', agent, { agentId: 'tax-head', from: hours(-1), until: hours(1) });
  expect(byAdmin.status).toBe(200);
  expect(byAdmin.body.agent).toMatchObject({ agentId: 'tax-head', setBy: 'admin', active: true });
  expect((await stack.call('tax-huang', 'POST', `${agent}/clear`)).status).toBe(204);
  expect((await stack.call('tax-huang', 'GET', agent)).body).toEqual({ personId: 'tax-huang' });
});

test("代理: the agent's inbox holds the principal's task, marked; the agent completes it, recorded 代…办理; outside the period, nothing", async () => {
  // Named for a period that begins in an hour: nothing reaches the agent yet.
  const later = await stack.call('tax-huang', 'POST', '/api/people/tax-huang/agent', { agentId: 'finance-liu', from: hours(1), until: hours(48) });
  expect(later.body.agent).toMatchObject({ agentId: 'finance-liu', setBy: 'tax-huang', active: false });
  const taskId = await handlingTask('req-agent-1');
  expect((await inboxOf('finance-liu')).some((t) => t.taskId === taskId)).toBe(false);
  expect((await stack.call('finance-liu', 'GET', task(taskId))).status).toBe(404);
  expect((await stack.call('finance-liu', 'POST', `${task(taskId)}/complete`, { outcome: 'resolved', payload: { summary: '代办' } })).status).toBe(404);

  // The period holds now: her task is the agent's too, marked as hers.
  expect((await stack.call('tax-huang', 'POST', '/api/people/tax-huang/agent', { agentId: 'finance-liu', from: hours(-1), until: hours(48) })).body.agent.active).toBe(true);
  const reached = (await inboxOf('finance-liu')).find((t) => t.taskId === taskId);
  expect(reached).toMatchObject({ taskId, forPersonId: 'tax-huang' });
  // Her own inbox still holds it as hers.
  expect((await inboxOf('tax-huang')).find((t) => t.taskId === taskId)?.forPersonId).toBeUndefined();

  const seen = await stack.call('finance-liu', 'GET', task(taskId));
  expect(seen.status).toBe(200);
  expect(seen.body.forPersonId).toBe('tax-huang');
  expect(seen.body.verbs).toContain('complete');

  const done = await stack.call('finance-liu', 'POST', `${task(taskId)}/complete`, { outcome: 'resolved', payload: { summary: '已代为办结' } });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ outcome: 'resolved', actorId: 'tax-huang', agentId: 'finance-liu' });
  const after = await stack.call('tax-huang', 'GET', task(taskId));
  expect(after.body.history[after.body.history.length - 1]).toMatchObject({ type: 'completed', actorId: 'tax-huang', agentId: 'finance-liu' });
  // The process's timeline as the record keeps it says so too: the completion's event names the agent.
  const recorded = await eventually(() => recordedProcess(stack.record.db, 'enterpriseRequest', 'req-agent-1'),
    (p) => p?.timeline.some((e) => e.event === 'task.completed') === true, 'the completion in the record');
  expect(recorded?.timeline.find((e) => e.event === 'task.completed')?.detail).toMatchObject({ actorId: 'tax-huang', agentId: 'finance-liu' });

  // Cleared: her next task reaches only her.
  expect((await stack.call('tax-huang', 'POST', '/api/people/tax-huang/agent/clear')).status).toBe(204);
  const next = await handlingTask('req-agent-2');
  expect((await inboxOf('finance-liu')).some((t) => t.taskId === next)).toBe(false);
  expect((await stack.call('finance-liu', 'GET', task(next))).status).toBe(404);
});

test("the agent reaches what reaches the principal's inbox, no more: an offered task claimed for her; a leader's agent reads nothing the leader merely oversees", async () => {
  expect((await stack.call('tax-huang', 'POST', '/api/people/tax-huang/agent', { agentId: 'finance-liu', from: hours(-1), until: hours(1) })).status).toBe(200);
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-agent-3'))).status).toBe(202);
  const taskId = 'req-agent-3/handling-1';
  // Offered to the tax bureau's staff, held by nobody: it reaches her agent, marked as hers.
  const reached = await eventually(() => inboxOf('finance-liu'), (tasks) => tasks.some((t) => t.taskId === taskId), "the offered task in the agent's inbox");
  expect(reached.find((t) => t.taskId === taskId)).toMatchObject({ forPersonId: 'tax-huang', offered: true });
  const claimed = await stack.call('finance-liu', 'POST', `${task(taskId)}/claim`);
  expect(claimed.status).toBe(200);
  expect(claimed.body.assigneeId).toBe('tax-huang');
  expect(claimed.body.history[claimed.body.history.length - 1]).toMatchObject({ type: 'claimed', actorId: 'tax-huang', agentId: 'finance-liu' });

  // The leader reads every task; his agent, only what would be in his inbox: not this one.
  expect((await stack.call('leader-sun', 'GET', task(taskId))).status).toBe(200);
  expect((await stack.call('leader-sun', 'POST', '/api/people/leader-sun/agent', { agentId: 'housing-wu', from: hours(-1), until: hours(1) })).status).toBe(200);
  expect((await stack.call('housing-wu', 'GET', task(taskId))).status).toBe(404);
  expect((await stack.call('housing-wu', 'POST', `${task(taskId)}/chase`, {})).status).toBe(404);
  expect((await stack.call('leader-sun', 'POST', '/api/people/leader-sun/agent/clear')).status).toBe(204);
  expect((await stack.call('tax-huang', 'POST', '/api/people/tax-huang/agent/clear')).status).toBe(204);
});

test('greenlight agent set|show|clear, as a person types it for themselves', async () => {
  const env = { ...process.env, GREENLIGHT_API_URL: stack.apiUrl, GREENLIGHT_JWT_SECRET: JWT_SECRET };
  const greenlight = (...args: string[]) => promisify(execFile)(join(repoRoot, 'bin/greenlight'), args, { env })
    .then(({ stdout }) => ({ stdout, stderr: '', code: 0 }), (e: { stdout: string; stderr: string; code: number }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }));
  // Days in China: from the first day's start to the last day's end.
  const set = await greenlight('agent', 'set', 'housing-wu', '--agent', 'housing-head', '--from', '2027-01-04', '--until', '2027-01-08', '--as', 'housing-wu', '--json');
  expect(set.code).toBe(0);
  expect(JSON.parse(set.stdout).agent).toMatchObject({ agentId: 'housing-head', from: '2027-01-03T16:00:00.000Z', until: '2027-01-08T16:00:00.000Z', setBy: 'housing-wu' });
  expect((await greenlight('agent', 'show', 'housing-wu', '--as', 'housing-wu')).stdout).toContain('housing-wu 的代理人：housing-head，2027-01-04 至 2027-01-08');
  const refused = await greenlight('agent', 'set', 'housing-wu', '--agent', 'housing-head', '--from', '2027-01-04', '--until', '2027-01-08', '--as', 'housing-head');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('403');
  expect((await greenlight('agent', 'clear', 'housing-wu', '--as', 'housing-wu')).stdout).toContain('已取消代理');
  expect((await greenlight('agent', 'show', 'housing-wu', '--as', 'housing-wu')).stdout).toContain('未指定代理人');
});
