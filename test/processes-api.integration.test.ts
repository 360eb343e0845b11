/**
 * The routes every registered kind gets from the registry, on the real stack: what kinds there
 * are, start (202, the same id again, 400, 403), list and get (with who may read), and the
 * OpenAPI document showing each kind's contract.
 */
import { startStack, type TestStack } from './harness/stack';
import { eventually } from './harness/eventually';
import { definitions } from '../processes/registry';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const request = (id: string) => ({
  id,
  enterprise: { name: 'A bakery on Renmin Road' },
  category: 'tax',
  title: 'The invoice machine rejects the new tax rate',
  description: 'The bakery cannot issue invoices since Monday.',
  liaisonId: 'liaison-ye',
});

test('GET /api/processes lists every registered kind with its route, subject, forms and events', async () => {
  const res = await stack.call('tax-huang', 'GET', '/api/processes');
  expect(res.status).toBe(200);
  expect(res.body.kinds.map((k: { kind: string }) => k.kind)).toEqual(definitions.map((d) => d.kind));
  expect(res.body.kinds).toContainEqual(expect.objectContaining({
    kind: 'enterpriseRequest',
    route: '/api/processes/enterpriseRequest',
    startSubject: 'gl.cmd.request.submit',
    forms: { requestHandling: ['resolved', 'transferred'], requestConfirmation: ['satisfied', 'notSatisfied'] },
    events: expect.arrayContaining(['request.submitted', 'request.closed']),
  }));
  expect((await stack.call(undefined, 'GET', '/api/processes')).status).toBe(401);
});

test('a process started on its generic route runs, is listed for its department and read as its definition allows', async () => {
  const started = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-generic-1'));
  expect(started).toEqual({ status: 202, body: { id: 'req-generic-1', existing: false } });
  const again = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-generic-1'));
  expect(again).toEqual({ status: 202, body: { id: 'req-generic-1', existing: true } });

  const read = await eventually(() => stack.call('tax-huang', 'GET', '/api/processes/enterpriseRequest/req-generic-1'),
    (r) => r.status === 200 && r.body.state.status === 'handling', 'the request routed to tax');
  expect(read.body).toMatchObject({ kind: 'enterpriseRequest', id: 'req-generic-1', execution: 'RUNNING', state: { departmentId: 'tax', liaisonId: 'liaison-ye' } });
  expect(read.body.title).toBe('The invoice machine rejects the new tax rate');

  // Another department's staff may not read it, nor see it listed; the leader of the department sees it.
  expect((await stack.call('traffic-zheng', 'GET', '/api/processes/enterpriseRequest/req-generic-1')).status).toBe(404);
  const listed = await eventually(() => stack.call('tax-huang', 'GET', '/api/processes/enterpriseRequest?status=handling'),
    (r) => r.body.processes.some((p: { id: string }) => p.id === 'req-generic-1'), 'the list');
  expect(listed.body.processes.find((p: { id: string }) => p.id === 'req-generic-1')).toMatchObject({ status: 'handling', departmentId: 'tax', light: 'green' });
  const othersList = await stack.call('traffic-zheng', 'GET', '/api/processes/enterpriseRequest');
  expect(othersList.body.processes.some((p: { id: string }) => p.id === 'req-generic-1')).toBe(false);
  const leaderList = await stack.call('leader-sun', 'GET', '/api/processes/enterpriseRequest?department=tax');
  expect(leaderList.body.processes.some((p: { id: string }) => p.id === 'req-generic-1')).toBe(true);

  // A request is not a project: the id under another kind's route is not found.
  expect((await stack.call('admin', 'GET', '/api/processes/projectApproval/req-generic-1')).status).toBe(404);
  expect((await stack.call('admin', 'GET', '/api/processes/enterpriseRequest/no-such-request')).status).toBe(404);
});

test('a start that breaks the contract or the directory is a 400 naming the fields; a start by the wrong person a 403', async () => {
  const bad = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', { ...request('req-generic-bad'), category: 'weather', liaisonId: 'tax-huang' });
  expect(bad.status).toBe(400);
  expect(bad.body.details.map((i: { path: string }) => i.path)).toEqual(['category']);
  const notLiaison = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', { ...request('req-generic-bad'), liaisonId: 'tax-huang' });
  expect(notLiaison.status).toBe(400);
  expect(notLiaison.body.details).toEqual([{ path: 'liaisonId', message: 'tax-huang is not a liaison in the directory' }]);
  const forbidden = await stack.call('liaison-xu', 'POST', '/api/processes/enterpriseRequest', request('req-generic-bad'));
  expect(forbidden.status).toBe(403);
  expect(forbidden.body.error).toBe('only the liaison who collected the request (or an admin) may submit it');
  expect((await stack.call('admin', 'GET', '/api/processes/enterpriseRequest/req-generic-bad')).status).toBe(404);
  expect((await stack.call('admin', 'POST', '/api/processes/noSuchKind', {})).status).toBe(404);
});

test('the OpenAPI document shows each kind its routes with its own start contract', async () => {
  const doc = (await fetch(`${stack.apiUrl}/docs/json`).then((r) => r.json())) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  for (const d of definitions) {
    expect(Object.keys(doc.paths[`/api/processes/${d.kind}`] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths[`/api/processes/${d.kind}/{id}`] ?? {})).toEqual(['get']);
  }
  expect(JSON.stringify(doc.paths['/api/processes/enterpriseRequest'].post.requestBody)).toContain('liaisonId');
  expect(JSON.stringify(doc.paths['/api/processes/projectApproval'].post.requestBody)).toContain('assignedLeaderId');
});
