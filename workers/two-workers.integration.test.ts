/**
 * Scaling out: two workers on one task queue share the work, and nothing is processed twice.
 * Forty human tasks escalate a few seconds after they start, on a real Temporal dev server and a
 * real NATS server; each worker records the events its publish activity sent. Both workers must
 * have published some, and every task's `created` and `escalated` events were published exactly
 * once, by one worker, and stored once in the stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { PublishRequest } from '../activities';
import type { HumanTaskInput } from '../contracts/task';
import { startNatsServer, startTemporalDevServer, type NatsServer, type TemporalDevServer } from '../runtime/dev-servers';
import { ensureStreams } from '../runtime/streams';
import { humanTask } from '../workflows/human-task';
import { repoRoot } from '../test/harness/harness';
import { workflowBundle } from '../test/harness/workflow-bundle';
import { allActivities } from './activities';
import { calendarSource } from '../calendar/calendar-source';
import { workflowTracingSinks } from '../runtime/tracing';

const TASKS = 40;
jest.setTimeout(40_000);

describe('two workers on one task queue', () => {
  let dataDir: string;
  let temporal: TemporalDevServer;
  let natsServer: NatsServer;
  let nats: NatsConnection;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gl-two-workers-'));
    [temporal, natsServer] = await Promise.all([
      startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), headless: true }),
      startNatsServer({ storeDir: join(dataDir, 'nats') }),
    ]);
    nats = await connect({ servers: natsServer.url });
    await ensureStreams(nats);
  });
  afterAll(async () => {
    await nats?.close();
    await Promise.all([temporal?.stop(), natsServer?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the tasks are shared between them and every event is published once', async () => {
    const taskQueue = 'greenlight-two-workers';
    const published = new Map<string, string[]>();
    const bundle = await workflowBundle();
    const connections: NativeConnection[] = [];
    const worker = async (name: string) => {
      const connection = await NativeConnection.connect({ address: temporal.address });
      connections.push(connection);
      const activities = allActivities({ nats, directoryPath: join(repoRoot, 'directory/demo.json'), calendar: calendarSource(join(repoRoot, 'calendar/data')) });
      return Worker.create({
        connection, namespace: temporal.namespace, taskQueue, identity: name, workflowBundle: bundle, sinks: workflowTracingSinks(),
        activities: {
          ...activities,
          publishEvents: async (requests: PublishRequest[]) => {
            for (const r of requests) published.set(r.draft.id, [...(published.get(r.draft.id) ?? []), name]);
            return activities.publishEvents(requests);
          },
        },
      });
    };
    const workers = [await worker('worker-a'), await worker('worker-b')];
    const clientConnection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection: clientConnection, namespace: temporal.namespace });
    const ladder: HumanTaskInput['ladder'] = {
      due: { duration: 'PT4S' },
      steps: [{ at: { duration: 'PT4S' }, kind: 'escalation', light: 'red', notify: ['departmentHead'] }],
    };
    const run = Date.now().toString(36);
    const ids = Array.from({ length: TASKS }, (_, i) => `two-${run}-${i}`);
    try {
      const work = (async () => {
        await Promise.all(ids.map((id) => client.workflow.start(humanTask, {
          taskQueue, workflowId: `${id}/handling`,
          args: [{ taskKey: 'handling', processKind: 'bench', processId: id, title: id, departmentId: 'tax', form: 'requestHandling', outcomes: ['resolved'], ladder }],
        })));
        const deadline = Date.now() + 25_000;
        while (ids.some((id) => !published.has(`${id}/handling#3`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      })();
      await Promise.all(workers.map((w) => w.runUntil(work)));
    } finally {
      await clientConnection.close();
      await Promise.all(connections.map((c) => c.close()));
    }

    // Each task publishes #1 created, then at its deadline #2 light-changed and #3 escalated.
    const byWorker = new Map<string, Set<string>>();
    for (const [eventId, names] of published) {
      expect({ eventId, names }).toEqual({ eventId, names: [names[0]] });
      const taskId = eventId.split('#')[0];
      byWorker.set(names[0], new Set([...(byWorker.get(names[0]) ?? []), taskId]));
    }
    const escalated = ids.filter((id) => published.has(`${id}/handling#3`));
    expect(escalated).toHaveLength(TASKS);
    expect([...byWorker.keys()].sort()).toEqual(['worker-a', 'worker-b']);
    for (const tasks of byWorker.values()) expect(tasks.size).toBeGreaterThan(0);
    const info = await jetstreamManager(nats).then((m) => m.streams.info('GL_EVENTS'));
    expect(info.state.messages).toBe(published.size);
  });
});
