/**
 * The API as production runs it: its own process (`api/main.ts`), beside a worker it shares
 * nothing with but Temporal and NATS. The test stack runs both in one process, where whatever
 * the worker registers at start (every kind's forms) is known to the API too; here it is not,
 * so this is where the API must show it learns every kind from the registry on its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../runtime/free-port';
import { eventually } from './harness/eventually';
import { repoRoot } from './harness/harness';
import { JWT_SECRET, startStack, type TestStack } from './harness/stack';

let stack: TestStack;
let api: ChildProcess | undefined;
let apiUrl: string;

beforeAll(async () => {
  stack = await startStack();
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['api/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env, TEMPORAL_ADDRESS: stack.temporalAddress, NATS_URL: stack.natsUrl, GREENLIGHT_TASK_QUEUE: stack.taskQueue,
      GREENLIGHT_JWT_SECRET: JWT_SECRET, GREENLIGHT_API_PORT: String(port), GREENLIGHT_DATABASE_URL: stack.databaseUrl, LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await eventually(() => fetch(`${apiUrl}/readyz`).then((r) => r.status, () => 0), (status) => status === 200, 'the API process', 60_000);
}, 120_000);
afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api?.once('exit', resolve));
    api.kill('SIGTERM');
    await exited;
  }
  await stack?.stop();
}, 60_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body is whatever the test asserts it to be
const call = async (personId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await stack.token(personId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

test("a kind's task is read, extended and completed through an API process of its own", async () => {
  const ticket = {
    id: '12345-api-process', category: 'consultation', title: 'How to apply for a parking permit', description: 'A resident asks.',
    citizen: { name: '王先生', phone: '13700000003' }, departmentId: 'traffic', centerDepartmentId: 'permits',
  };
  expect((await call('permits-feng', 'POST', '/api/processes/hotlineTicket', ticket)).status).toBe(202);
  const signing = encodeURIComponent('12345-api-process/signing');
  const read = await eventually(() => call('traffic-zheng', 'GET', `/api/tasks/${signing}`), (r) => r.status === 200, 'the signing task', 30_000);
  expect(read.body).toMatchObject({ form: 'hotlineTicketSigning', outcomes: ['signed'], departmentId: 'traffic' });
  expect((await call('traffic-zheng', 'POST', `/api/tasks/${signing}/complete`, { outcome: 'signed', payload: {} })).status).toBe(200);

  const handling = encodeURIComponent('12345-api-process/handling-1');
  await eventually(() => call('traffic-zheng', 'GET', `/api/tasks/${handling}`), (r) => r.status === 200 && r.body.dueAt !== undefined, 'the handling task', 30_000);
  const asked = await call('traffic-zheng', 'POST', `/api/tasks/${handling}/extension`, { workingDays: 1, reason: 'the permit office is closed today' });
  expect(asked).toMatchObject({ status: 200, body: { form: 'hotlineTicketHandling', extension: { pending: { workingDays: 1 } } } });
  expect((await call('traffic-head', 'POST', `/api/tasks/${handling}/extension/decision`, { approve: true })).status).toBe(200);
  expect((await call('traffic-zheng', 'GET', '/api/processes/hotlineTicket/12345-api-process')).body.state.status).toBe('handling');
}, 120_000);
