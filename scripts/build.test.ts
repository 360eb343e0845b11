/**
 * The compiled build runs: `npm run build`'s bundles load under plain node, with no TypeScript
 * loader; the prebuilt workflow bundle replays a recorded history of a kind; and the compiled
 * worker and API, on real servers, find their files in the source tree — the worker runs a human
 * task from the prebuilt bundle (its deadlines come from the calendar's data), the API answers
 * /readyz and serves the workbench.
 *
 *   npx jest scripts/build.test.ts
 *
 * The build goes to a folder of its own under .data/, not dist/: beside node_modules as dist/ is,
 * so the bundles find their packages the same way.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { connect } from '@nats-io/transport-node';
import type { HumanTaskInput } from '../contracts/task';
import { startNatsServer, startTemporalDevServer, type NatsServer, type TemporalDevServer } from '../runtime/dev-servers';
import { compiledNodeOptions, rootDir } from '../runtime/compiled';
import { freePort } from '../runtime/free-port';
import { ensureStreams } from '../runtime/streams';
import { humanTask, taskStateQuery } from '../workflows/human-task';
import { eventually } from '../test/harness/eventually';
import { quietLogger } from '../test/harness/workflow-bundle';
import { workflowTracingSinks } from '../runtime/tracing';
import { build, compiledEntries, type BuildResult } from './build';
import { startPostgres, type PostgresServer } from '../runtime/postgres';

let outDir: string;
let built: BuildResult;

// The replay worker in this process says only what went wrong.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this process
}

beforeAll(async () => {
  mkdirSync(join(rootDir, '.data'), { recursive: true });
  outDir = mkdtempSync(join(rootDir, '.data', 'build-test-'));
  built = await build({ outDir, web: false, logger: quietLogger });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** node with no loader of ours: NODE_OPTIONS could carry one in. */
const plainEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', ...extra };
  delete env.NODE_OPTIONS;
  return env;
};

test('every entry is built, and each loads under plain node: a bad setting is refused by its own configuration', () => {
  expect(built.entries).toEqual(compiledEntries.map((e) => join(outDir, e.replace(/\.ts$/, '.js'))));
  for (const file of built.entries) {
    const result = spawnSync(process.execPath, [...compiledNodeOptions, file], { cwd: rootDir, env: plainEnv({ TEMPORAL_ADDRESS: 'not an address' }), encoding: 'utf8', timeout: 20_000 });
    expect({ file, status: result.status, said: /invalid configuration[\s\S]*TEMPORAL_ADDRESS/.test(result.stdout + result.stderr) }).toEqual({ file, status: 1, said: true });
  }
});

test("the prebuilt workflow bundle replays a kind's recorded history", async () => {
  const recorded = JSON.parse(readFileSync(join(rootDir, 'processes/hotline-ticket/histories/hotline-ticket-resolved.json'), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: { codePath: built.workflowBundle }, sinks: workflowTracingSinks() }, historyFromJSON(recorded.history), recorded.workflowId);
});

describe('on real servers', () => {
  let temporal: TemporalDevServer;
  let nats: NatsServer;
  let natsDir: string;
  let postgres: PostgresServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    natsDir = mkdtempSync(join(tmpdir(), 'gl-build-nats-'));
    // The API reads its lists from the record, and waits for its database before it listens.
    [temporal, nats, postgres] = await Promise.all([startTemporalDevServer({ headless: true }), startNatsServer({ storeDir: natsDir }), startPostgres({})]);
    await postgres.createDatabase('greenlight');
    const nc = await connect({ servers: nats.url });
    await ensureStreams(nc);
    await nc.close();
  }, 60_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all([temporal?.stop(), nats?.stop(), postgres?.stop()]);
    rmSync(natsDir, { recursive: true, force: true });
  }, 30_000);

  /** A compiled entry as the stack starts it; its output kept for the assertions and a failure's message. */
  function startCompiled(entry: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [...compiledNodeOptions, join(outDir, entry)], {
      cwd: rootDir,
      env: plainEnv({ TEMPORAL_ADDRESS: temporal.address, NATS_URL: nats.url, GREENLIGHT_DATABASE_URL: postgres.url('greenlight'), ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, output: () => out, exited };
  }

  test('the compiled worker runs a human task from the prebuilt bundle, and the compiled API serves the workbench', async () => {
    const taskQueue = `build-test-${process.pid}`;
    const apiPort = await freePort();
    const worker = startCompiled('workers/main.js', { GREENLIGHT_TASK_QUEUE: taskQueue, GREENLIGHT_WORKFLOW_BUNDLE: built.workflowBundle });
    const api = startCompiled('api/main.js', { GREENLIGHT_TASK_QUEUE: taskQueue, GREENLIGHT_API_PORT: String(apiPort), GREENLIGHT_JWT_SECRET: 'build-test-secret-of-at-least-32-chars' });

    await eventually(async () => worker.output(), (out) => /"state":"RUNNING"/.test(out) || worker.child.exitCode !== null, 'the worker polling', 20_000);
    expect(worker.output()).toContain(`"workflowBundle":"${built.workflowBundle}"`);
    expect(worker.output()).toMatch(/"state":"RUNNING"/);

    const connection = await Connection.connect({ address: temporal.address });
    try {
      const client = new Client({ connection });
      const task: HumanTaskInput = {
        taskKey: 'handling-1', processKind: 'enterpriseRequest', processId: 'req-build-test', title: 'A task on the compiled worker',
        departmentId: 'tax', form: 'requestHandling', outcomes: ['resolved'],
        ladder: { due: { workingDays: 3 }, steps: [{ at: { workingDays: 2 }, kind: 'reminder', light: 'yellow', notify: ['assignee'] }] },
      };
      const handle = await client.workflow.start(humanTask, { taskQueue, workflowId: 'req-build-test/handling-1', args: [task] });
      const state = await eventually(() => handle.query(taskStateQuery), (s) => s.deadlines.length > 1, 'the deadlines from the calendar', 20_000);
      expect(state).toMatchObject({ light: 'green', deadlines: [{ fired: false }, { step: 0, fired: false }] });
      await handle.terminate('the test is done');
    } finally {
      await connection.close();
    }

    await eventually(() => fetch(`http://127.0.0.1:${apiPort}/readyz`).then((r) => r.status, () => 0), (s) => s === 200 || api.child.exitCode !== null, 'the API ready', 20_000);
    const page = await fetch(`http://127.0.0.1:${apiPort}/`);
    expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await page.text()).toMatch(/\/web\/assets\/app\.[0-9a-f]+\.js/);

    for (const p of [worker, api]) p.child.kill('SIGTERM');
    expect({ worker: await worker.exited, api: await api.exited }).toEqual({ worker: 0, api: 0 });
    expect(worker.output()).toContain('"worker stopped"');
    expect(worker.output() + api.output()).not.toMatch(/"level":(50|60)/);
  }, 60_000);

  test('a compiled worker given no prebuilt bundle says it needs one, and stops', async () => {
    const worker = startCompiled('workers/main.js', { GREENLIGHT_TASK_QUEUE: `build-test-${process.pid}-unbundled` });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/cannot load TypeScript: give it the prebuilt bundle \(GREENLIGHT_WORKFLOW_BUNDLE\)/);
  }, 30_000);
});
