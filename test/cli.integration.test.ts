/**
 * The command line as staff and operators use it, against the real stack: submit a request
 * from a file (on NATS), see it in the inbox, complete it, follow the request, take it back (撤回), mint a token;
 * a completion the API could not confirm in time (202) sent again with its key until confirmed.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { HumanTaskInput } from '../contracts/task';
import { humanTask } from '../workflows/human-task';
import { eventually } from './harness/eventually';
import { repoRoot } from './harness/harness';
import { startWorker } from './harness/restartable';
import { JWT_SECRET, startApi, startStack, type TestStack } from './harness/stack';

const run = promisify(execFile);
let stack: TestStack;
const dir = mkdtempSync(join(tmpdir(), 'gl-cli-'));

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function greenlight(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return greenlightAt(stack.apiUrl, ...args);
}

async function greenlightAt(apiUrl: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const env = { ...process.env, GREENLIGHT_API_URL: apiUrl, GREENLIGHT_JWT_SECRET: JWT_SECRET, NATS_URL: stack.natsUrl };
  try {
    const { stdout, stderr } = await run(join(repoRoot, 'bin/greenlight'), args, { env });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

test('start, tasks, complete and show, as a liaison and a handler would type them', async () => {
  const file = join(dir, 'tea-house.json');
  writeFileSync(file, JSON.stringify({
    id: 'req-cli-1', enterprise: { name: '名门世家大益茶馆' }, category: 'parkingAndTraffic',
    title: 'Customers cannot park', description: 'Short-stay spaces are needed.', liaisonId: 'liaison-ye',
  }));
  const submitted = await greenlight('start', 'enterpriseRequest', file);
  expect(submitted.stdout).toMatch(/published req-cli-1 to gl.cmd.request.submit/);

  const inbox = await eventually(() => greenlight('tasks', '--as', 'traffic-zheng'), (r) => r.stdout.includes('req-cli-1/handling-1'), 'the task in the inbox');
  // The deadline as people say it, in Shanghai time (the year only when it is not this one): the end of a working day is its 24:00, and what is left in working days.
  expect(inbox.stdout).toMatch(/^green\s+(\d{4}年)?\d{1,2}月\d{1,2}日 周. 24:00 还剩 \d+ 个工作日\s+req-cli-1\/handling-1\s+Customers cannot park/m);

  const refused = await greenlight('complete', 'req-cli-1/handling-1', 'resolved', '--as', 'traffic-zheng', '--payload', '{"summary":""}');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/400: 请改正后再提交：请填写办理情况（做了什么）/);

  const done = await greenlight('complete', 'req-cli-1/handling-1', 'resolved', '--as', 'traffic-zheng', '--payload', '{"summary":"ten spaces marked"}', '--key', 'cli-1');
  expect(done.code).toBe(0);
  expect(JSON.parse(done.stdout)).toMatchObject({ outcome: 'resolved', actorId: 'traffic-zheng' });
  // The same command again with the same key is the same completion, not a second one or a conflict.
  const again = await greenlight('complete', 'req-cli-1/handling-1', 'resolved', '--as', 'traffic-zheng', '--payload', '{"summary":"ten spaces marked"}', '--key', 'cli-1');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toEqual(JSON.parse(done.stdout));

  const followed = await eventually(() => greenlight('show', 'enterpriseRequest', 'req-cli-1', '--as', 'liaison-ye'), (r) => r.stdout.includes('running, confirming'), 'the confirmation step');
  expect(followed.stdout).toMatch(/submitted[\s\S]*routed[\s\S]*resolved/);

  // 撤回 before the liaison confirms: the handling reopens to the handler.
  expect((await greenlight('withdraw', 'req-cli-1/handling-1', '--as', 'traffic-zheng')).code).not.toBe(0);
  const withdrawn = await greenlight('withdraw', 'req-cli-1/handling-1', '--as', 'traffic-zheng', '--note', '标线还没划完');
  expect(withdrawn.stdout).toMatch(/已撤回 req-cli-1\/handling-1: the next step req-cli-1\/confirmation-1 is cancelled/);
  await eventually(() => greenlight('tasks', '--as', 'traffic-zheng'), (r) => r.stdout.includes('req-cli-1/handling-1:w1'), 'the handling reopened');
}, 90_000);

test('bad usage says what is wrong and exits 2; a bad submission file is refused before it is sent', async () => {
  const unknown = await greenlight('frobnicate');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ id: 'req-cli-bad', category: 'weather' }));
  const bad = await greenlight('start', 'enterpriseRequest', file);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toMatch(/category: Invalid option/);
}, 60_000);

describe('a completion the API could not confirm in time', () => {
  // An API that waits 1 s on the worker (8 s by default), and tasks on a queue no worker polls until the test starts one.
  const queue = 'cli-held-back';
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ url, close } = await startApi(stack, { deadlineMs: 1_000 }));
  });
  afterAll(() => close?.());

  const heldBackTask = async (processId: string) => {
    const input: HumanTaskInput = {
      taskKey: 'handling-1', processKind: 'enterpriseRequest', processId, title: 'A task whose worker is held back', departmentId: 'tax',
      form: 'requestHandling', outcomes: ['resolved'], ladder: { due: { duration: 'P1D' }, steps: [] },
    };
    const workflowId = `${processId}/handling-1`;
    await stack.client.workflow.start(humanTask, { taskQueue: queue, workflowId, args: [input], memo: { title: input.title } });
    return workflowId;
  };

  test('202: sent again with the same key after the time the API gives, until the worker answers 200; the task is completed once', async () => {
    const id = await heldBackTask('req-cli-202');
    const args = ['complete', id, 'resolved', '--as', 'tax-huang', '--payload', '{"summary":"refund explained"}', '--key', 'cli-202'];
    const child = spawn(join(repoRoot, 'bin/greenlight'), args, {
      env: { ...process.env, GREENLIGHT_API_URL: url, GREENLIGHT_JWT_SECRET: JWT_SECRET },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    // The first answer is 202 (no worker): the CLI says so and waits; only then does a worker start on the queue.
    await eventually(async () => stderr, (s) => s.includes('已提交，正在确认'), 'the CLI saying it is confirming', 20_000);
    expect(stdout).toBe('');
    const worker = await startWorker(stack.temporalAddress, stack.nats, queue);
    try {
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/已提交，正在确认（第 1 次）/);
      expect(JSON.parse(stdout)).toMatchObject({ outcome: 'resolved', actorId: 'tax-huang', payload: { summary: 'refund explained' } });
      const state = await stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(id)}`);
      expect(state.body).toMatchObject({ status: 'completed', completion: { outcome: 'resolved', actorId: 'tax-huang' } });
      expect(state.body.history.filter((h: { type: string }) => h.type === 'completed')).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  }, 90_000);

  test('not confirmed within --wait: exits 3 with the key and the command that asks again', async () => {
    const id = await heldBackTask('req-cli-unconfirmed');
    const gaveUp = await greenlightAt(url, 'complete', id, 'resolved', '--as', 'tax-huang', '--payload', '{"summary":"it\'s done"}', '--wait', '1');
    expect(gaveUp.code).toBe(3);
    expect(gaveUp.stdout).toBe('');
    const key = /--key (\S+)/.exec(gaveUp.stderr)?.[1];
    expect(key).toBeDefined();
    expect(gaveUp.stderr).toContain('仍未确认');
    expect(gaveUp.stderr).toContain(`greenlight complete ${id} resolved --as tax-huang --payload '{"summary":"it'\\''s done"}' --key ${key}`);
  }, 60_000);
});
