/**
 * The embedded stack's promise that a restart keeps every open workflow and timer: a human
 * task's escalation pending while the Temporal dev server and the worker are both down still
 * fires, and reaches NATS, once they are back on the same SQLite file.
 *
 *   npx jest test/stack-restart.test.ts
 */
import type { HumanTaskInput } from '../contracts/task';
import { humanTask, taskStateQuery } from '../workflows/human-task';
import { eventually } from './harness/eventually';
import { waitForEvents } from './harness/events';
import { restartableServers, startWorker, withClient, type RestartableServers } from './harness/restartable';

const taskQueue = 'stack-restart-test';
let servers: RestartableServers;

beforeAll(async () => {
  servers = await restartableServers('restart');
});
afterAll(() => servers?.stop());

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
  let address = await servers.startTemporal();
  const workflowId = 'req-restart/handling-1';

  let worker = await startWorker(address, servers.nats, taskQueue);
  const dueAt = await withClient(address, async (client) => {
    const handle = await client.workflow.start(humanTask, { taskQueue, workflowId, args: [task] });
    const state = await eventually(() => handle.query(taskStateQuery), (s) => s.deadlines.length > 1, 'the deadlines');
    return state.deadlines[1].at;
  });
  await worker.stop();
  await servers.stopTemporal();

  address = await servers.startTemporal();
  worker = await startWorker(address, servers.nats, taskQueue);
  try {
    const events = await waitForEvents(servers.nats, (all) => all.some((e) => e.event.type === 'greenlight.task.escalated'), 30_000);
    const escalated = events.find((e) => e.event.type === 'greenlight.task.escalated')!;
    expect(escalated.event).toMatchObject({ subject: workflowId, time: dueAt, data: { light: 'red', recipients: ['leader-sun'] } });
  } finally {
    await worker.stop();
  }
}, 90_000);
