/**
 * A proposal waiting for its follow-up review across a restart: the worker and the Temporal
 * dev server are stopped while the proposal (continued as new) waits, started again on the same
 * SQLite file, and the review still opens at its instant. The wait is seconds long here through
 * the `bReviewAfter` setting; a real one lasts months on the same durable timer.
 *
 *   npx jest test/proposal-restart.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Actor } from '../contracts/directory';
import { startNatsServer, startTemporalDevServer, type NatsServer, type TemporalDevServer } from '../runtime/dev-servers';
import { ensureStreams } from '../runtime/streams';
import { completeTaskUpdate } from '../workflows/human-task';
import { proposalHandling, proposalStateQuery } from '../workflows/proposal-handling';
import { createWorker } from '../workers/worker';
import { eventually } from './harness/eventually';
import { waitForEvents } from './harness/events';
import { repoRoot } from './harness/harness';
import { workflowBundle } from './harness/workflow-bundle';

const taskQueue = 'proposal-restart-test';
let dataDir: string;
let server: TemporalDevServer | undefined;
let natsServer: NatsServer;
let nats: NatsConnection;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gl-proposal-restart-'));
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

const drcStaff: Actor = { personId: 'drc-chen', departments: ['drc'], roles: ['staff'] };
const committee: Actor = { personId: 'cppcc-yang', departments: ['cppcc'], roles: ['committeeStaff'] };

test('a follow-up review pending across a restart of the server and the worker opens at its instant', async () => {
  server = await startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), headless: true });
  const port = Number(server.address.split(':')[1]);
  const id = 'P-restart';

  let worker = await startWorker(server.address);
  const reviewAt = await withClient(server.address, async (client) => {
    const run = await client.workflow.start(proposalHandling, {
      taskQueue,
      workflowId: id,
      args: [{
        id, title: 'A proposal waiting across a restart', text: 'x', proposers: ['钱委员'], leadUnitId: 'drc',
        followUp: { reviews: 1, bReviewAfter: 'PT15S' },
      }],
    });
    const complete = (taskKey: string, actor: Actor, outcome: string, payload: Record<string, unknown>) =>
      eventually(() => client.workflow.getHandle(`${id}/${taskKey}`).executeUpdate(completeTaskUpdate, { args: [{ actor, outcome, payload }] }), () => true, taskKey);
    await complete('reply-1', drcStaff, 'B', { reply: 'planned', plannedCompletion: '2099-01-01' });
    await complete('satisfaction-1', committee, 'satisfied', {});
    await eventually(() => client.workflow.getHandle(id).describe(), (d) => d.runId !== run.firstExecutionRunId, 'the run continued as new');
    const state = await eventually(() => client.workflow.getHandle(id).query(proposalStateQuery), (s) => s.status === 'followUp', 'the follow-up wait');
    return state.nextReviewAt as string;
  });
  await worker.stop();
  await server.stop();
  expect(Date.parse(reviewAt)).toBeGreaterThan(Date.now());

  server = await startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), port, headless: true });
  worker = await startWorker(server.address);
  try {
    const events = await waitForEvents(nats, (all) => all.some((e) => e.event.subject === `${id}/review-1` && e.event.type === 'greenlight.task.created'), 40_000);
    const opened = events.find((e) => e.event.subject === `${id}/review-1` && e.event.type === 'greenlight.task.created')!;
    const lateMs = Date.parse(opened.event.time) - Date.parse(reviewAt);
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(3_000);
  } finally {
    await worker.stop();
  }
}, 120_000);
