/**
 * The embedded stack's promise that a restart keeps every open workflow and timer: a timer
 * pending while the Temporal dev server and the worker are both down still fires once they are
 * back on the same SQLite file.
 *
 *   npx jest test/stack-restart.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startTemporalDevServer, type TemporalDevServer } from '../runtime/dev-servers';

const timerMs = 8_000;
const taskQueue = 'stack-restart-test';

let dataDir: string;
let server: TemporalDevServer | undefined;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  dataDir = mkdtempSync(join(tmpdir(), 'gl-restart-'));
  workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/timer-workflow'), logger: new DefaultLogger('ERROR') });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startWorker(address: string): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

async function withClient<T>(address: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await fn(new Client({ connection }));
  } finally {
    await connection.close();
  }
}

test('a timer pending across a restart of the server and the worker still fires', async () => {
  server = await startTemporalDevServer({ dataDir, headless: true });
  const { address } = server;
  const port = Number(address.split(':')[1]);
  const workflowId = `timer-${Date.now()}`;

  let worker = await startWorker(address);
  await withClient(address, async (client) => {
    const handle = await client.workflow.start('timerWorkflow', { taskQueue, workflowId, args: [timerMs] });
    await waitFor(async () => (await handle.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes) ?? false);
  });
  await worker.stop();
  await server.stop();

  server = await startTemporalDevServer({ dataDir, port, headless: true });
  worker = await startWorker(server.address);
  try {
    await withClient(server.address, async (client) => {
      const handle = client.workflow.getHandle(workflowId);
      await expect(handle.result()).resolves.toBe('timer fired');
      const history = await handle.fetchHistory();
      expect(history.events?.some((e) => e.timerFiredEventAttributes)).toBe(true);
      const { startTime, closeTime } = await handle.describe();
      expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(timerMs);
    });
  } finally {
    await worker.stop();
  }
}, 45_000);

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
