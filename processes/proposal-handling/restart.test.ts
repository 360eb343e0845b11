/**
 * A proposal waiting for its follow-up review across a restart: the worker and the Temporal
 * dev server are stopped while the proposal (continued as new) waits, started again on the same
 * SQLite file, and the review still opens at its instant. The wait is seconds long here through
 * the `bReviewAfter` setting; a real one lasts months on the same durable timer.
 *
 *   npx jest test/proposal-restart.test.ts
 */
import type { Actor } from '../../contracts/directory';
import { completeTaskUpdate } from '../../workflows/human-task';
import { proposalHandling, proposalStateQuery } from './workflow';
import { eventually } from '../../test/harness/eventually';
import { waitForEvents } from '../../test/harness/events';
import { restartableServers, startWorker, withClient, type RestartableServers } from '../../test/harness/restartable';

const taskQueue = 'proposal-restart-test';
let servers: RestartableServers;

beforeAll(async () => {
  servers = await restartableServers('proposal-restart');
});
afterAll(() => servers?.stop());

const drcStaff: Actor = { personId: 'drc-chen', departments: ['drc'], roles: ['staff'] };
const committee: Actor = { personId: 'cppcc-yang', departments: ['cppcc'], roles: ['committeeStaff'] };

test('a follow-up review pending across a restart of the server and the worker opens at its instant', async () => {
  let address = await servers.startTemporal();
  const id = 'P-restart';

  let worker = await startWorker(address, servers.nats, taskQueue);
  const reviewAt = await withClient(address, async (client) => {
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
  await servers.stopTemporal();
  expect(Date.parse(reviewAt)).toBeGreaterThan(Date.now());

  address = await servers.startTemporal();
  worker = await startWorker(address, servers.nats, taskQueue);
  try {
    const events = await waitForEvents(servers.nats, (all) => all.some((e) => e.event.subject === `${id}/review-1` && e.event.type === 'greenlight.task.created'), 40_000);
    const opened = events.find((e) => e.event.subject === `${id}/review-1` && e.event.type === 'greenlight.task.created')!;
    const lateMs = Date.parse(opened.event.time) - Date.parse(reviewAt);
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(3_000);
  } finally {
    await worker.stop();
  }
}, 120_000);
