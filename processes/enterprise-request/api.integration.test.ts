/**
 * The enterprise request end to end on the real stack: a Temporal dev server and a NATS server
 * started here, the worker, the API, the intake and the notifier. A request submitted on NATS
 * reaches the handling department's inbox, is completed and confirmed over the API, and closes;
 * the ladder (short ISO-duration SLAs from a test directory) reaches the leader's notifications;
 * every API status code is checked as a client would see it.
 */
import { join } from 'node:path';
import { jetstream, DeliverPolicy } from '@nats-io/jetstream';
import { SignJWT, UnsecuredJWT } from 'jose';
import { TaskEventData } from '../../contracts/events';
import { eventually } from '../../test/harness/eventually';
import { storedEvents } from '../../test/harness/events';
import { repoRoot } from '../../test/harness/harness';
import { JWT_SECRET, startStack, type TestStack } from '../../test/harness/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ directoryPath: join(repoRoot, 'test/fixtures/short-sla-directory.json') });
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

function request(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    enterprise: { name: '名门世家大益茶馆', contact: '138-0000-0000' },
    category: 'parkingAndTraffic',
    title: 'Customers cannot park in front of the tea house',
    description: 'The owner asks for short-stay parking spaces near the shop.',
    liaisonId: 'liaison-ye',
    ...overrides,
  };
}

const inbox = (personId: string) => stack.call(personId, 'GET', '/api/tasks').then((r) => r.body.tasks as Array<{ taskId: string; light: string }>);
const encoded = (taskId: string) => encodeURIComponent(taskId);

test('a request submitted on NATS is handled, confirmed and closed through the API; its events are stored in order, once', async () => {
  await jetstream(stack.nats).publish('gl.cmd.request.submit', JSON.stringify(request('req-it-flow')));

  const tasks = await eventually(() => inbox('traffic-zheng'), (t) => t.some((x) => x.taskId === 'req-it-flow/handling-1'), 'the handling task in the inbox');
  expect(tasks.find((t) => t.taskId === 'req-it-flow/handling-1')?.light).toBe('green');
  // Not offered to another department.
  expect((await inbox('tax-huang')).some((t) => t.taskId.startsWith('req-it-flow/'))).toBe(false);

  const view = await stack.call('traffic-zheng', 'GET', '/api/processes/enterpriseRequest/req-it-flow');
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ kind: 'enterpriseRequest', light: 'green', state: { status: 'handling', departmentId: 'traffic' } });
  // What the enterprise asked is in the view, for the handler to read.
  expect(view.body.state.description).toBe('The owner asks for short-stay parking spaces near the shop.');
  expect(view.body.tasks).toEqual([expect.objectContaining({ taskId: 'req-it-flow/handling-1', status: 'open', provisional: false, dueAt: expect.any(String) })]);

  const done = await stack.call('traffic-zheng', 'POST', `/api/tasks/${encoded('req-it-flow/handling-1')}/complete`,
    { outcome: 'resolved', payload: { summary: 'Marked ten short-stay spaces on the side street.' } }, { 'idempotency-key': 'it-flow-1' });
  expect(done.status).toBe(200);

  await eventually(() => inbox('liaison-ye'), (t) => t.some((x) => x.taskId === 'req-it-flow/confirmation-1'), 'the confirmation task');
  const confirmed = await stack.call('liaison-ye', 'POST', `/api/tasks/${encoded('req-it-flow/confirmation-1')}/complete`, { outcome: 'satisfied', payload: {} });
  expect(confirmed.status).toBe(200);

  const closed = await eventually(() => stack.call('liaison-ye', 'GET', '/api/processes/enterpriseRequest/req-it-flow'), (r) => r.body.state?.status === 'closed', 'closing');
  expect(closed.body).toMatchObject({ state: { resolution: 'resolved', openTaskIds: [] }, tasks: [] });
  expect(closed.body.timeline.map((e: { event: string }) => e.event)).toEqual(['submitted', 'routed', 'resolved', 'confirmed', 'closed']);

  const events = (await storedEvents(stack.nats)).filter((e) => String(e.event.data.processId ?? e.event.data.requestId) === 'req-it-flow');
  const ids = events.map((e) => e.event.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const e of events.filter((x) => x.event.type.startsWith('greenlight.task.'))) expect(TaskEventData.safeParse(e.event.data).error).toBeUndefined();
  const lifecycle = events.map((e) => `${e.event.subject}:${e.event.type.replace('greenlight.', '')}`)
    .filter((t) => !/reminded|escalated|light-changed/.test(t));
  expect(lifecycle).toEqual([
    'req-it-flow:request.submitted',
    'req-it-flow:request.routed',
    'req-it-flow/handling-1:task.created',
    'req-it-flow/handling-1:task.completed',
    'req-it-flow:request.resolved',
    'req-it-flow/confirmation-1:task.created',
    'req-it-flow/confirmation-1:task.completed',
    'req-it-flow:request.confirmed',
    'req-it-flow:request.closed',
  ]);
});

test('with a short SLA the whole ladder fires and the leader receives the escalation on gl.notify', async () => {
  await jetstream(stack.nats).publish('gl.cmd.request.submit', JSON.stringify(request('req-it-ladder', { category: 'tax' })));
  const task = await eventually(() => inbox('tax-huang'), (t) => t.some((x) => x.taskId === 'req-it-ladder/handling-1' && x.light === 'red'), 'the light to turn red');
  expect(task.length).toBeGreaterThan(0);

  const js = jetstream(stack.nats);
  const consumer = await js.consumers.get('GL_NOTIFY', { filter_subjects: ['gl.notify.leader-sun'], deliver_policy: DeliverPolicy.All });
  // Read on past other requests' escalations: every task the other tests leave open climbs the same short ladder.
  const notification = await eventually(async () => (await consumer.next({ expires: 1000 }))?.json<Record<string, unknown>>(),
    (n) => n?.taskId === 'req-it-ladder/handling-1', 'the leader notification', 30_000);
  expect(notification).toMatchObject({ personId: 'leader-sun', kind: 'escalation', taskId: 'req-it-ladder/handling-1', light: 'red', label: 'overdue: assigned leader' });

  const head = await js.consumers.get('GL_NOTIFY', { filter_subjects: ['gl.notify.tax-head'], deliver_policy: DeliverPolicy.All });
  const headMessages = await head.fetch({ max_messages: 10, expires: 1500 });
  const kinds: string[] = [];
  for await (const m of headMessages) kinds.push(`${m.json<{ kind: string; taskId: string }>().taskId}:${m.json<{ kind: string }>().kind}`);
  // The head is staff of the department too: told of the task when it opens (a notice), then the reminder and the escalation.
  expect(kinds.filter((k) => k.startsWith('req-it-ladder/'))).toEqual(['req-it-ladder/handling-1:notice', 'req-it-ladder/handling-1:reminder', 'req-it-ladder/handling-1:escalation']);
}, 60_000);

test('a malformed command goes to the dead-letter subject with its errors, and the intake goes on', async () => {
  const js = jetstream(stack.nats);
  await js.publish('gl.cmd.request.submit', JSON.stringify({ id: 'req-it-bad', category: 'weather' }));
  await js.publish('gl.cmd.request.submit', 'not json at all');
  await js.publish('gl.cmd.request.submit', JSON.stringify(request('req-it-after-bad', { category: 'financing' })));
  await eventually(() => inbox('finance-liu'), (t) => t.some((x) => x.taskId === 'req-it-after-bad/handling-1'), 'the valid request after the bad ones');

  const dlq = await js.consumers.get('GL_DLQ', { filter_subjects: ['gl.dlq.request.submit'], deliver_policy: DeliverPolicy.All });
  const letters: Array<{ issues: Array<{ path: string; message: string }>; original: string }> = [];
  for await (const m of await dlq.fetch({ max_messages: 2, expires: 2000 })) letters.push(m.json());
  expect(letters).toHaveLength(2);
  expect(letters[0].issues.map((i) => i.path)).toEqual(expect.arrayContaining(['category', 'title', 'liaisonId']));
  expect(letters[1].issues).toEqual([{ path: '', message: 'the message is not JSON' }]);
});

describe('API status codes', () => {
  // Each test opens its own request, so that each passes alone (-t) and in any order: the 409 test
  // completes its task, which would turn the 400 and 403 checks on a shared one into 409s.
  async function openTask(id: string): Promise<string> {
    const submitted = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request(id, { category: 'permits' }));
    expect(submitted).toEqual({ status: 202, body: { id, existing: false } });
    const taskId = `${id}/handling-1`;
    await eventually(() => inbox('permits-feng'), (t) => t.some((x) => x.taskId === taskId), 'the permits task');
    return taskId;
  }

  test('202: the same id again returns the existing request', async () => {
    await openTask('req-it-202');
    expect(await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-it-202', { category: 'permits' })))
      .toEqual({ status: 202, body: { id: 'req-it-202', existing: true } });
  });

  describe('401 with the reason, for every token the server did not issue to a person it knows', () => {
    const asBearer = async (token: string) => {
      const res = await fetch(`${stack.apiUrl}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { error?: string } };
    };
    const invalid = { status: 401, body: { error: 'invalid or expired token' } };
    // The directory's own person: each token below is refused for how it is made, not for whom it names.
    const sub = 'permits-feng';

    test('a well-formed token for a person in the directory is accepted (the tokens below differ from it in one thing)', async () => {
      expect((await asBearer(await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('1h')
        .sign(new TextEncoder().encode(JWT_SECRET)))).status).toBe(200);
    });

    test('no token, and one that is not a JWT', async () => {
      const none = await stack.call(undefined, 'GET', '/api/tasks');
      expect(none).toEqual({ status: 401, body: { error: expect.stringMatching(/missing bearer token/) } });
      expect(await asBearer('not.a.jwt')).toEqual(invalid);
    });

    test('signed with another secret', async () => {
      const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-of-at-least-thirty-two-characters'));
      expect(await asBearer(forged)).toEqual(invalid);
    });

    test('expired an hour ago, with the right secret', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt(now - 7200).setExpirationTime(now - 3600)
        .sign(new TextEncoder().encode(JWT_SECRET));
      expect(await asBearer(expired)).toEqual(invalid);
    });

    test('unsigned (alg: none)', async () => {
      const unsigned = new UnsecuredJWT({}).setSubject(sub).setIssuedAt().setExpirationTime('1h').encode();
      expect(JSON.parse(Buffer.from(unsigned.split('.')[0], 'base64url').toString())).toEqual({ alg: 'none' });
      expect(await asBearer(unsigned)).toEqual(invalid);
    });

    test('validly signed, for a subject that is not in the directory', async () => {
      expect(await asBearer(await stack.token('nobody-here'))).toEqual({ status: 401, body: { error: 'token subject is not in the directory' } });
    });
  });

  test('400 with the zod issues for a bad body', async () => {
    const taskId = await openTask('req-it-400');
    const res = await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', { id: 'x', category: 'weather' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['id', 'category', 'enterprise']));
    const noOutcome = await stack.call('permits-feng', 'POST', `/api/tasks/${encoded(taskId)}/complete`, { payload: {} });
    expect(noOutcome.status).toBe(400);
    const emptySummary = await stack.call('permits-feng', 'POST', `/api/tasks/${encoded(taskId)}/complete`, { outcome: 'resolved', payload: { summary: ' ' } });
    expect(emptySummary.status).toBe(400);
    expect(emptySummary.body.error).toBe('请改正后再提交：请填写办理情况（做了什么）');
    expect(emptySummary.body.details).toEqual([{ path: 'summary', field: '办理情况（做了什么）', message: '请填写办理情况（做了什么）' }]);
    // A body the route's contract refuses says, in Chinese, which field and what to fix.
    const noReason = await stack.call('permits-feng', 'POST', `/api/tasks/${encoded(taskId)}/extension`, { workingDays: 2 });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toEqual({ error: '请改正后再提交：请填写理由', details: [{ path: 'reason', field: '理由', message: '请填写理由' }] });
    const tooMany = await stack.call('permits-feng', 'POST', `/api/tasks/${encoded(taskId)}/extension`, { workingDays: 61, reason: '需要现场核实' });
    expect(tooMany.body.details).toEqual([{ path: 'workingDays', field: '延长工作日数', message: '延长工作日数不能大于 60' }]);
  });

  test('404 for a task the person may not read, whatever they try; 403 for a start they may not make', async () => {
    const taskId = await openTask('req-it-403-task');
    expect((await stack.call('tax-huang', 'POST', `/api/tasks/${encoded(taskId)}/complete`, { outcome: 'resolved', payload: { summary: 'x' } })).status).toBe(404);
    expect((await stack.call('tax-huang', 'POST', `/api/tasks/${encoded(taskId)}/reassign`, { toDepartmentId: 'tax' })).status).toBe(404);
    expect((await stack.call('tax-huang', 'GET', `/api/tasks/${encoded(taskId)}`)).status).toBe(404);
    // One who may read it and may not do this: the task's own validator answers.
    expect((await stack.call('permits-feng', 'POST', `/api/tasks/${encoded(taskId)}/reassign`, { toDepartmentId: 'tax' })).status).toBe(403);
    expect((await stack.call('tax-huang', 'POST', '/api/processes/enterpriseRequest', request('req-it-403'))).status).toBe(403);
  });

  test('404 for an unknown id', async () => {
    expect((await stack.call('permits-feng', 'GET', `/api/tasks/${encoded('req-none/handling-1')}`)).status).toBe(404);
    expect((await stack.call('permits-feng', 'GET', '/api/processes/enterpriseRequest/req-none')).status).toBe(404);
    expect((await stack.call('permits-feng', 'POST', `/api/tasks/${encoded('req-none/handling-1')}/complete`, { outcome: 'resolved', payload: { summary: 'x' } })).status).toBe(404);
  });

  test('200 twice for one idempotency key; 409 for a task already completed by someone else', async () => {
    const taskId = await openTask('req-it-409');
    const body = { outcome: 'resolved', payload: { summary: 'Issued the permit.' } };
    const first = await stack.call('permits-feng', 'POST', `/api/tasks/${encoded(taskId)}/complete`, body, { 'idempotency-key': 'api-key-1' });
    expect(first.status).toBe(200);
    const retried = await stack.call('permits-feng', 'POST', `/api/tasks/${encoded(taskId)}/complete`, body, { 'idempotency-key': 'api-key-1' });
    expect(retried).toEqual(first);
    const other = await stack.call('permits-head', 'POST', `/api/tasks/${encoded(taskId)}/complete`, body, { 'idempotency-key': 'api-key-2' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatch(/already completed by permits-feng/);
  });
});

test('the OpenAPI document at /docs/json describes every route, its body and its bearer authentication', async () => {
  const res = await fetch(`${stack.apiUrl}/docs/json`);
  expect(res.status).toBe(200);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document, checked field by field below
  const doc: any = await res.json();
  expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
    '/api/tasks', '/api/tasks/{id}', '/api/tasks/{id}/complete', '/api/tasks/{id}/claim', '/api/processes/enterpriseRequest', '/api/processes/enterpriseRequest/{id}',
  ]));
  const submit = doc.paths['/api/processes/enterpriseRequest'].post.requestBody.content['application/json'].schema;
  expect(submit.properties.category.enum).toEqual(['financing', 'propertyServices', 'tax', 'parkingAndTraffic', 'permits', 'other']);
  expect(submit.required).toEqual(expect.arrayContaining(['id', 'enterprise', 'category', 'liaisonId']));
});
