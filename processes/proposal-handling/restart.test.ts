/**
 * A proposal waiting for its follow-up review across a restart: the worker and the Temporal
 * dev server are stopped while the proposal (continued as new) waits, started again on the same
 * SQLite file (on new ports), and the review still opens at its instant. The wait is seconds long here through
 * the `bReviewAfter` setting; a real one lasts months on the same durable timer.
 *
 *   npx jest processes/proposal-handling/restart.test.ts
 */
import type { Actor } from '../../contracts/directory';
import { completeTaskUpdate } from '../../workflows/human-task';
import { proposalHandling, proposalStateQuery } from './workflow';
import { eventually } from '../../test/harness/eventually';
import { waitForEvents } from '../../test/harness/events';
import { restartableServers, startWorker, withClient, type RestartableServers } from '../../test/harness/restartable';

const taskQueue = 'proposal-restart-test';
// Long enough for a loaded 2-core machine to stop the worker and the server and start them again
// before the review is due (checked below), so that its lateness measures the timer, not the restart.
const reviewAfterMs = 40_000;
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
        followUp: { reviews: 1, bReviewAfter: `PT${reviewAfterMs / 1000}S` },
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
  // The timer must have run a while before the restart: a timer armed anew at the restart would
  // then be late by at least that long, which the bound below tells from scheduling delay. This
  // waits for the clock to pass a fixed point, not for something to happen.
  const armedAt = Date.parse(reviewAt) - reviewAfterMs;
  await new Promise((r) => setTimeout(r, Math.max(0, armedAt + 12_000 - Date.now())));
  await worker.stop();
  await servers.stopTemporal();
  // The review was still pending while the server was down.
  const restartedAt = Date.now();
  expect(restartedAt).toBeLessThan(Date.parse(reviewAt));

  address = await servers.startTemporal();
  worker = await startWorker(address, servers.nats, taskQueue);
  try {
    // Back before the instant: had the server come back after it, the review would open at once and prove nothing about the instant.
    expect(Date.now()).toBeLessThan(Date.parse(reviewAt));
    const events = await waitForEvents(servers.nats, (all) => all.some((e) => e.event.subject === `${id}/review-1` && e.event.type === 'greenlight.task.created'), reviewAfterMs + 20_000);
    const opened = events.find((e) => e.event.subject === `${id}/review-1` && e.event.type === 'greenlight.task.created')!;
    const lateMs = Date.parse(opened.event.time) - Date.parse(reviewAt);
    expect(lateMs).toBeGreaterThanOrEqual(0);
    // A timer armed anew at the restart, instead of kept in the file, would be late by as long as it
    // had run before the restart; a kept one is late only by scheduling, a few seconds at most under load.
    const ranBeforeRestartMs = restartedAt - (Date.parse(reviewAt) - reviewAfterMs);
    expect(lateMs).toBeLessThan(Math.min(10_000, ranBeforeRestartMs));
  } finally {
    await worker.stop();
  }
}, 180_000);
