/**
 * Faults on the real servers (issue 14): while ladders fire, NATS is stopped (for 25 s, across
 * every rung of every ladder) and then the Temporal dev server is restarted on its database (the
 * worker with it). Every event and every notification is then counted by id: none may be lost,
 * none stored twice.
 *
 *   npx jest test/faults.integration.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import pino from 'pino';
import type { HumanTaskInput } from '../contracts/task';
import { runNotifier } from '../notifier/notifier';
import { startNatsServer, startTemporalDevServer, type NatsServer, type TemporalDevServer } from '../runtime/dev-servers';
import { ensureStreams } from '../runtime/streams';
import { humanTask } from '../workflows/human-task';
import { eventually } from './harness/eventually';
import { storedEvents } from './harness/events';
import { repoRoot } from './harness/harness';
import { startWorker, withClient } from './harness/restartable';

const taskQueue = 'faults-test';
const TASKS = 6;
const NATS_DOWN_MS = 25_000;
const task = (i: number): HumanTaskInput => ({
  taskKey: 'handling-1', processKind: 'enterpriseRequest', processId: `req-fault-${i}`, title: `Fault ${i}`, departmentId: 'tax',
  form: 'requestHandling', outcomes: ['resolved'],
  // The rungs fire while NATS is down: their events and notifications must wait, not vanish.
  ladder: {
    due: { duration: 'PT20S' },
    steps: [
      { at: { duration: 'PT6S' }, kind: 'reminder', light: 'yellow', notify: ['assignee', 'departmentHead'] },
      { at: { duration: 'PT12S' }, kind: 'escalation', light: 'red', notify: ['departmentHead'] },
    ],
  },
});

const countBy = (ids: string[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

test('NATS down while ladders fire, then Temporal restarted on its database: no event and no notification lost or doubled', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gl-faults-'));
  const logger = pino({ level: 'silent' });
  let natsServer: NatsServer | undefined = await startNatsServer({ storeDir: join(dataDir, 'nats') });
  const natsPort = Number(new URL(natsServer.url).port);
  let temporal: TemporalDevServer | undefined = await startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), headless: true });
  const temporalPort = Number(temporal.address.split(':')[1]);
  const nats: NatsConnection = await connect({ servers: natsServer.url, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  await ensureStreams(nats);
  let worker = await startWorker(temporal.address, nats, taskQueue);
  const notifier = await runNotifier(nats, join(repoRoot, 'directory/demo.json'), logger);
  try {
    await withClient(temporal.address, async (client) => {
      for (let i = 0; i < TASKS; i++) await client.workflow.start(humanTask, { taskQueue, workflowId: `req-fault-${i}/handling-1`, args: [task(i)] });
    });
    await eventually(() => storedEvents(nats), (e) => e.filter((x) => x.event.type === 'greenlight.task.created').length === TASKS, 'the tasks created');

    await natsServer.stop();
    natsServer = undefined;
    await new Promise((r) => setTimeout(r, NATS_DOWN_MS));
    natsServer = await startNatsServer({ storeDir: join(dataDir, 'nats'), port: natsPort });

    // Then the server and the worker go down together and come back on the same database.
    await worker.stop();
    await temporal.stop();
    temporal = await startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), port: temporalPort, headless: true });
    worker = await startWorker(temporal.address, nats, taskQueue);

    const events = await eventually(() => storedEvents(nats), (e) => e.filter((x) => x.event.type === 'greenlight.task.escalated').length >= TASKS, 'every escalation', 120_000);
    // At least the reminder's and the escalation's to the department head, for each task.
    const notifications = await eventually(() => storedEvents(nats, 'GL_NOTIFY', 'gl.notify.>'), (n) => n.length >= 2 * TASKS, 'every notification', 60_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const finalEvents = await storedEvents(nats);
    const finalNotifications = await storedEvents(nats, 'GL_NOTIFY', 'gl.notify.>');
    const eventIds = countBy(finalEvents.map((e) => e.event.id));
    const notificationIds = countBy(finalNotifications.map((n) => n.event.id));
    const ofTask = (i: number, all: typeof finalEvents) => all.filter((e) => JSON.stringify(e.event).includes(`req-fault-${i}/handling-1`));
    const perTask = (type: string) => Array.from({ length: TASKS }, (_, i) => ofTask(i, finalEvents).filter((e) => e.event.type === type).length);
    const typesOf = (i: number) => ofTask(i, finalEvents).map((e) => e.event.type).sort();
    const figures = {
      events: finalEvents.length, distinctEvents: eventIds.size, duplicatedEvents: [...eventIds.values()].filter((n) => n > 1).length,
      notifications: finalNotifications.length, distinctNotifications: notificationIds.size, duplicatedNotifications: [...notificationIds.values()].filter((n) => n > 1).length,
    };
    console.log(`faults: ${JSON.stringify(figures)}`);
    expect(events.length).toBeGreaterThan(0);
    expect(notifications.length).toBeGreaterThan(0);
    expect(figures.duplicatedEvents).toBe(0);
    expect(figures.duplicatedNotifications).toBe(0);
    // Lost: each task's created, reminder and escalation each stored exactly once.
    expect(perTask('greenlight.task.created')).toEqual(Array(TASKS).fill(1));
    expect(perTask('greenlight.task.escalated')).toEqual(Array(TASKS).fill(1));
    // Every task went through the same ladder: the same events, and as many notifications, for each.
    for (let i = 1; i < TASKS; i++) expect(typesOf(i)).toEqual(typesOf(0));
    const notified = Array.from({ length: TASKS }, (_, i) => ofTask(i, finalNotifications).length);
    expect(notified.every((n) => n === notified[0] && n >= 2)).toBe(true);
    expect(finalNotifications.length).toBe(notified.reduce((a, b) => a + b, 0));
  } finally {
    await notifier.stop().catch(() => undefined);
    await worker.stop().catch(() => undefined);
    await nats.close();
    await temporal?.stop();
    await natsServer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 300_000);
