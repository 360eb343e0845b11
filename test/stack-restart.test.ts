/**
 * The embedded stack's promise that a restart keeps every open workflow and timer: a human
 * task's escalation pending while the Temporal dev server and the worker are both down still
 * fires, and reaches NATS, once they are back on the same SQLite file.
 *
 *   npx jest test/stack-restart.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { HumanTaskInput } from '../contracts/task';
import { startNatsServer, startTemporalDevServer, type NatsServer, type TemporalDevServer } from '../runtime/dev-servers';
import { ensureStreams } from '../runtime/streams';
import { humanTask, taskStateQuery } from '../workflows/human-task';
import { createWorker } from '../workers/worker';
import { waitForEvents } from './harness/events';
import { repoRoot } from './harness/harness';
import { workflowBundle } from './harness/workflow-bundle';

const taskQueue = 'stack-restart-test';
let dataDir: string;
let server: TemporalDevServer | undefined;
let natsServer: NatsServer;
let nats: NatsConnection;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gl-restart-'));
  natsServer = await startNatsServer({ storeDir: join(dataDir, 'nats') });
  nats = await connect({ servers: natsServer.url });
  await ensureStreams(nats);
});

afterAll(async () => {
  await server?.stop();
  await nats?.close();
  await natsServer?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startWorker(address: string): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection, namespace: 'default', taskQueue, nats,
    directoryPath: join(repoRoot, 'directory/demo.json'),
    calendarDir: join(repoRoot, 'calendar/data'),
    workflowBundle: await workflowBundle(),
  });
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

const escalateAfter = 'PT8S';
const task: HumanTaskInput = {
  taskKey: 'handling-1',
  processKind: 'enterpriseRequest',
  processId: 'req-restart',
  title: 'A request left open across a restart',
  departmentId: 'tax',
  form: 'requestHandling',
  outcomes: ['resolved'],
  ladder: { due: { duration: escalateAfter }, steps: [{ at: { duration: escalateAfter }, kind: 'escalation', light: 'red', notify: ['assignedLeader'] }] },
};

test('an escalation pending across a restart of the server and the worker still fires at its instant', async () => {
  server = await startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), headless: true });
  const port = Number(server.address.split(':')[1]);
  const workflowId = 'req-restart/handling-1';

  let worker = await startWorker(server.address);
  const dueAt = await withClient(server.address, async (client) => {
    const handle = await client.workflow.start(humanTask, { taskQueue, workflowId, args: [task] });
    return waitFor(async () => (await handle.query(taskStateQuery)).deadlines[1]?.at);
  });
  await worker.stop();
  await server.stop();

  server = await startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), port, headless: true });
  worker = await startWorker(server.address);
  try {
    const events = await waitForEvents(nats, (all) => all.some((e) => e.event.type === 'greenlight.task.escalated'), 30_000);
    const escalated = events.find((e) => e.event.type === 'greenlight.task.escalated')!;
    expect(escalated.event).toMatchObject({ subject: workflowId, time: dueAt, data: { light: 'red', recipients: ['leader-sun'] } });
  } finally {
    await worker.stop();
  }
}, 90_000);

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
