/**
 * The embedded stack's promise that a restart keeps every open workflow and timer: a human
 * task's escalation pending while the Temporal dev server and the worker are both down still
 * fires, and reaches NATS, once they are back on the same SQLite file. The server does not stop:
 * it is killed (SIGKILL), as a crash would end it, on its write-ahead-logged file
 * (runtime/dev-servers.ts devServerSqlitePragmas).
 *
 *   npx jest test/stack-restart.test.ts
 */
import { openSync, readSync, closeSync } from 'node:fs';
import type { HumanTaskInput } from '../contracts/task';
import { humanTask, taskStateQuery } from '../workflows/human-task';
import { eventually } from './harness/eventually';
import { storedEvents, waitForEvents } from './harness/events';
import { restartableServers, startWorker, withClient, type RestartableServers } from './harness/restartable';

const taskQueue = 'stack-restart-test';
let servers: RestartableServers;

beforeAll(async () => {
  servers = await restartableServers('restart');
});
afterAll(() => servers?.stop());

// Long enough for the worker and the server to stop before it, on a loaded machine; checked below.
const escalateAfter = 'PT15S';
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
  let address = await servers.startTemporal();
  const workflowId = 'req-restart/handling-1';

  let worker = await startWorker(address, servers.nats, taskQueue);
  // The last state the worker reported before it stopped (a query needs a running worker).
  const pendingAtShutdown = await withClient(address, async (client) => {
    const handle = await client.workflow.start(humanTask, { taskQueue, workflowId, args: [task] });
    return eventually(() => handle.query(taskStateQuery), (s) => s.deadlines.length > 1, 'the deadlines');
  });
  const dueAt = pendingAtShutdown.deadlines[1].at;
  await worker.stop();
  // SQLite's header says WAL with 2 at bytes 18 and 19 (1 for a rollback journal).
  const header = Buffer.alloc(20);
  const fd = openSync(servers.dbFile(), 'r');
  readSync(fd, header, 0, 20, 0);
  closeSync(fd);
  expect([header[18], header[19]]).toEqual([2, 2]);
  await servers.killTemporal();
  const stoppedAt = Date.now();
  // The escalation had not fired when the server went down: its instant was still ahead, its
  // timer pending, nothing on NATS. Otherwise this test would prove nothing about the restart.
  expect(Date.parse(dueAt)).toBeGreaterThan(stoppedAt);
  expect(pendingAtShutdown).toMatchObject({ light: 'green', deadlines: [{ fired: false }, { step: 0, fired: false }] });
  expect(pendingAtShutdown.history.map((e) => e.type)).not.toContain('escalated');
  expect((await storedEvents(servers.nats)).map((e) => e.event.type)).not.toContain('greenlight.task.escalated');

  address = await servers.startTemporal();
  worker = await startWorker(address, servers.nats, taskQueue);
  try {
    const events = await waitForEvents(servers.nats, (all) => all.some((e) => e.event.type === 'greenlight.task.escalated'), 30_000);
    const escalated = events.find((e) => e.event.type === 'greenlight.task.escalated')!;
    expect(escalated.event).toMatchObject({ subject: workflowId, time: dueAt, data: { light: 'red', recipients: ['leader-sun'] } });
    // The event is stamped with the deadline; when it actually fired is in the task's own record.
    const firedAt = await withClient(address, async (client) => {
      const state = await client.workflow.getHandle(workflowId).query(taskStateQuery);
      return state.history.find((e) => e.type === 'escalated')?.at;
    });
    expect(Date.parse(firedAt as string)).toBeGreaterThanOrEqual(Math.max(Date.parse(dueAt), stoppedAt));
  } finally {
    await worker.stop();
  }
}, 90_000);
