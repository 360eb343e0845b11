/**
 * The API's edges on the real stack (issue 14): an id of the wrong thing, control characters in a
 * query, an id another process holds, list filters that would widen, Idempotency-Key replays by
 * others and with other bodies, reassign to no one, racing completions, outages, and Fastify's
 * own answers.
 *
 *   npx jest api/edges.integration.test.ts
 */
import { request as httpRequest } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import type { HumanTaskInput } from '../contracts/task';
import { seedDemo } from '../demo/seed';
import { eventually } from '../test/harness/eventually';
import { JWT_SECRET, startApi, startStack, type TestStack } from '../test/harness/stack';
import { definitions } from '../processes/registry';
import { candidateGroups, humanTask } from '../workflows/human-task';
import { GlCandidateGroups, GlEntityKind } from '../contracts/search-attributes';
import { mintToken } from './auth';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const task = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;
const request = (id: string, title = 'The invoice machine rejects the new tax rate') => ({
  id, enterprise: { name: 'A bakery on Renmin Road' }, category: 'tax', title, description: 'No invoices since Monday.', liaisonId: 'liaison-ye',
});
const taskInput = (processId: string): HumanTaskInput & { departmentId: string } => ({
  taskKey: 'handling-1', processKind: 'enterpriseRequest', processId, title: 'A standalone task', departmentId: 'tax',
  form: 'requestHandling', outcomes: ['resolved'], ladder: { due: { duration: 'P1D' }, steps: [] },
});
/**
 * A bare human task, started straight on Temporal (no process around it). Where no worker polls its
 * queue, it starts with the search attributes its first workflow task would have given it: a task
 * the worker indexed before it went away.
 */
async function standaloneTask(workflowId: string, taskQueue = stack.taskQueue) {
  const input = taskInput(workflowId);
  const indexed = taskQueue === stack.taskQueue ? [] : [
    { key: GlEntityKind, value: 'task' }, { key: GlCandidateGroups, value: candidateGroups(input.departmentId, ['staff']) },
  ];
  await stack.client.workflow.start(humanTask, { taskQueue, workflowId, args: [input], memo: { title: 'A standalone task' }, typedSearchAttributes: indexed });
  return workflowId;
}
/** fetch refuses TRACE: a plain node:http call. */
const rawCall = (method: string, url: string) => new Promise<{ status: number; body: string }>((done, fail) => {
  const req = httpRequest(url, { method }, (res) => {
    let body = '';
    res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => done({ status: res.statusCode ?? 0, body }));
  });
  req.on('error', fail).end();
});
const isProblem = (body: unknown) => typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string';

test('1: a task route given a process id, and a kind route given another kind\'s id, are 404 with a Problem, never a 500', async () => {
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-edges-1'))).status).toBe(202);
  await eventually(() => stack.call('tax-huang', 'GET', task('req-edges-1/handling-1')), (r) => r.status === 200, 'the handling task');
  const calls: Array<[string, string, unknown?]> = [
    ['GET', ''], ['POST', '/claim'], ['POST', '/release'], ['POST', '/reassign', { toDepartmentId: 'traffic' }],
    ['POST', '/extension', { workingDays: 1, reason: 'x' }], ['POST', '/extension/decision', { approve: true }],
    ['POST', '/complete', { outcome: 'resolved', payload: { summary: 'done' } }],
  ];
  for (const [method, suffix, body] of calls) {
    const res = await stack.call('admin', method, `${task('req-edges-1')}${suffix}`, body);
    expect({ suffix, status: res.status, error: res.body.error }).toEqual({ suffix, status: 404, error: 'no task req-edges-1' });
  }
  for (const d of definitions.filter((k) => k.kind !== 'enterpriseRequest')) {
    const res = await stack.call('admin', 'GET', `/api/processes/${d.kind}/req-edges-1`);
    expect(res.status).toBe(404);
    expect(isProblem(res.body)).toBe(true);
  }
  // A task's id under a kind's route is not a process either.
  expect((await stack.call('admin', 'GET', '/api/processes/enterpriseRequest/req-edges-1%2Fhandling-1')).status).toBe(404);
});

test('2: a control character in any query parameter is 400 at once, on every list', async () => {
  const lists = [
    ...['processKind', 'light'].map((p) => `/api/tasks?${p}=%00`),
    ...definitions.flatMap((d) => ['status', 'category', 'department', 'assignedLeader', 'light', 'order'].map((p) => `/api/processes/${d.kind}?${p}=a%00b`)),
    '/api/tasks?processKind=%1b%5b31m',
  ];
  const started = Date.now();
  for (const path of lists) {
    const res = await stack.call('admin', 'GET', path);
    expect({ path, status: res.status, problem: isProblem(res.body) }).toEqual({ path, status: 400, problem: true });
  }
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('4: an id another kind holds is 409 without naming it; the same id with another body is 409; the same body is 202 existing', async () => {
  await standaloneTask('req-edges-taken');
  const taken = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-edges-taken'));
  expect(taken.status).toBe(409);
  expect(taken.body.error).toBe('the id req-edges-taken is already taken: choose another');
  expect(JSON.stringify(taken.body)).not.toMatch(/task|humanTask/i);

  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-edges-4'))).body).toEqual({ id: 'req-edges-4', existing: false });
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-edges-4'))).body).toEqual({ id: 'req-edges-4', existing: true });
  const other = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-edges-4', 'Another request entirely'));
  expect(other.status).toBe(409);
  expect(other.body.error).toMatch(/exists with a different body/);
});

test('5: list filters never widen what a person sees', async () => {
  await seedDemo(stack.nats);
  const everyKindSeeded = await eventually(async () => Promise.all(definitions.map((d) => stack.call('admin', 'GET', `/api/processes/${d.kind}`))),
    (all) => all.every((r) => r.status === 200 && r.body.processes.length > 0), 'the demo data');
  const leaders = [...new Set(everyKindSeeded.flatMap((r) => r.body.processes.map((p: { assignedLeaderId?: string }) => p.assignedLeaderId)).filter(Boolean))];
  const departments = [...new Set(everyKindSeeded.flatMap((r) => r.body.processes.map((p: { departmentId?: string }) => p.departmentId)).filter(Boolean))];
  expect(leaders.length + departments.length).toBeGreaterThan(1);
  let filtered = 0;
  for (const d of definitions) {
    for (const query of [...departments.map((x) => `department=${x}`), ...leaders.map((x) => `assignedLeader=${x}`), 'category=tax', 'order=light']) {
      const res = await stack.call('traffic-zheng', 'GET', `/api/processes/${d.kind}?${query}`);
      expect(res.status).toBe(200);
      for (const p of res.body.processes as Array<{ id: string; departmentId?: string; assignedLeaderId?: string }>) {
        // Listed only if a read allows it: a process traffic answers for, or one that concerns traffic
        // otherwise (a key project with a node of traffic's), which its own page then shows.
        const mine = p.departmentId === 'traffic' || p.assignedLeaderId === 'traffic-zheng'
          || (await stack.call('traffic-zheng', 'GET', `/api/processes/${d.kind}/${encodeURIComponent(p.id)}`)).status === 200;
        expect({ query, id: p.id, mine }).toEqual({ query, id: p.id, mine: true });
      }
      filtered++;
    }
  }
  expect(filtered).toBeGreaterThan(definitions.length);
  const taxFromTraffic = await stack.call('traffic-zheng', 'GET', '/api/processes/enterpriseRequest?department=tax');
  expect(taxFromTraffic.body.processes).toEqual([]);
}, 120_000);

test('6: an Idempotency-Key belongs to one person and one body: replay 200, someone else 409 (a stranger 404), another body 422', async () => {
  const id = await standaloneTask('edges-idem/handling-1');
  const body = { outcome: 'resolved', payload: { summary: 'the rate table was updated' } };
  const key = { 'idempotency-key': 'k-edges-6' };
  const first = await stack.call('tax-huang', 'POST', `${task(id)}/complete`, body, key);
  expect(first.status).toBe(200);
  const replay = await stack.call('tax-huang', 'POST', `${task(id)}/complete`, body, key);
  expect(replay).toEqual(first);
  const colleague = await stack.call('tax-head', 'POST', `${task(id)}/complete`, body, key);
  expect(colleague.status).toBe(409);
  expect(JSON.stringify(colleague.body)).not.toContain('the rate table was updated');
  const stranger = await stack.call('traffic-zheng', 'POST', `${task(id)}/complete`, body, key);
  expect(stranger).toEqual({ status: 404, body: { error: `no task ${id}` } });
  const otherBody = await stack.call('tax-huang', 'POST', `${task(id)}/complete`, { outcome: 'resolved', payload: { summary: 'something else' } }, key);
  expect(otherBody.status).toBe(422);
  expect(otherBody.body.error).toMatch(/Idempotency-Key/);
});

test('8: reassign names an existing department and person, or is 400 naming the field', async () => {
  const id = await standaloneTask('edges-reassign/handling-1');
  const noDept = await stack.call('tax-head', 'POST', `${task(id)}/reassign`, { toDepartmentId: 'weather' });
  expect(noDept.status).toBe(400);
  expect(noDept.body.details).toEqual([{ path: 'toDepartmentId', field: '转交部门', message: '部门名录中没有 weather，请从名录中选择转办部门' }]);
  const noPerson = await stack.call('tax-head', 'POST', `${task(id)}/reassign`, { toPersonId: 'nobody-at-all' });
  expect(noPerson.status).toBe(400);
  expect(noPerson.body.details).toEqual([{ path: 'toPersonId', field: '改派人员', message: '人员名录中没有 nobody-at-all，请从名录中选择改派人员' }]);
  expect((await stack.call('tax-head', 'POST', `${task(id)}/reassign`, { toPersonId: 'tax-huang' })).status).toBe(200);
});

test('9: 20 simultaneous completions of one task: exactly one 200, every other 409', async () => {
  const id = await standaloneTask('edges-race/handling-1');
  await eventually(() => stack.call('tax-huang', 'GET', task(id)), (r) => r.status === 200, 'the task');
  const people = ['tax-huang', 'tax-head'];
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    stack.call(people[i % 2], 'POST', `${task(id)}/complete`, { outcome: 'resolved', payload: { summary: `attempt ${i}` } })));
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([200, ...Array<number>(19).fill(409)]);
  expect(answers.every((a) => isProblem(a.body) || a.status === 200)).toBe(true);
}, 60_000);

describe('10: outages answer promptly', () => {
  test('the worker not answering: a read is 503 with Retry-After, a completion 202 with the key to retry', async () => {
    const app = await startApi(stack, { deadlineMs: 2_000 });
    const { url } = app;
    try {
      // No worker polls this queue: the task exists, its queries and Updates wait forever.
      const id = await standaloneTask('edges-noworker/handling-1', 'edges-no-worker');
      const auth = { authorization: `Bearer ${await mintToken('tax-huang', JWT_SECRET)}`, 'content-type': 'application/json' };
      let t = Date.now();
      const read = await fetch(`${url}${task(id)}`, { headers: auth });
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toBe('5');
      expect(Date.now() - t).toBeLessThan(6_000);
      t = Date.now();
      const done = await fetch(`${url}${task(id)}/complete`, { method: 'POST', headers: { ...auth, 'idempotency-key': 'k-edges-10' }, body: JSON.stringify({ outcome: 'resolved', payload: { summary: 'x' } }) });
      expect(done.status).toBe(202);
      expect(await done.json()).toEqual({ status: 'pending', idempotencyKey: 'k-edges-10', retryAfterSeconds: 5 });
      expect(Date.now() - t).toBeLessThan(6_000);
    } finally {
      await app.close();
    }
  }, 30_000);

  test('Temporal not answering: 503 with Retry-After within a few seconds', async () => {
    const connection = await Connection.lazy({ address: '127.0.0.1:1' });
    const app = await startApi(stack, { deadlineMs: 2_000, client: new Client({ connection }) });
    const { url } = app;
    try {
      const auth = { authorization: `Bearer ${await mintToken('admin', JWT_SECRET)}`, 'content-type': 'application/json' };
      // Inboxes and lists read the record (PostgreSQL), which answers without Temporal.
      for (const path of ['/api/tasks', '/api/processes/enterpriseRequest']) {
        const res = await fetch(`${url}${path}`, { headers: auth });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      // What asks Temporal itself (a task's own state, a start) says 503 with when to retry.
      for (const [method, path, body] of [
        ['GET', task('x/y')],
        ['POST', '/api/processes/enterpriseRequest', request('req-edges-down')],
      ] as Array<[string, string, unknown?]>) {
        const t = Date.now();
        const res = await fetch(`${url}${path}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
        expect({ path, status: res.status, retryAfter: res.headers.get('retry-after') }).toEqual({ path, status: 503, retryAfter: '5' });
        expect(Date.now() - t).toBeLessThan(6_000);
      }
    } finally {
      await app.close();
      await connection.close();
    }
  }, 60_000);
});

test('11: Fastify\'s own 404 is a Problem, TRACE is 405, and the OpenAPI document shows the forms and the directory rules', async () => {
  const missing = await stack.call('admin', 'GET', '/api/no-such-route');
  expect(missing.status).toBe(404);
  expect(Object.keys(missing.body)).toEqual(['error']);
  for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
    const res = await rawCall(method, `${stack.apiUrl}/api/tasks`);
    expect({ method, status: res.status }).toEqual({ method, status: 405 });
    expect(isProblem(JSON.parse(res.body))).toBe(true);
  }
  const doc = (await stack.call(undefined, 'GET', '/docs/json')).body;
  const complete = doc.paths['/api/tasks/{id}/complete'].post;
  const payload = complete.requestBody.content['application/json'].schema.properties.payload;
  expect(payload['x-greenlight-forms'].requestHandling.resolved).toMatchObject({ required: ['summary'] });
  expect(Object.keys(complete.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '401', '403', '404', '409', '422', '503']));
  expect(doc.paths['/api/processes/enterpriseRequest'].post.description).toMatch(/directory rules/);
  expect(doc.paths['/api/tasks/{id}/reassign'].post.summary).toMatch(/must be in the directory/);
});
