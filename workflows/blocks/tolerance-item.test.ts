/**
 * runToleranceItem on the time-skipping server with the real calendar (November 2026 has no
 * holidays): a tolerance item approved on Monday 2 November with 5 working days to supply its
 * materials (due at the end of Monday 9) and 5 more of grace (the end of Monday 16).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { eventually } from '../../test/harness/eventually';
import { startHarness, type Harness } from '../../test/harness/harness';
import { complete } from '../../test/fixtures/blocks/tasks';
import { moveDeadlinesSignal, probeStateQuery, supplyUpdate } from '../../test/fixtures/blocks/workflows';
import type { ToleranceOutcome } from './tolerance-item';

/** Monday 2026-11-02, 09:00 in Shanghai. */
const MONDAY = '2026-11-02T01:00:00Z';
const SUPPLEMENT_DUE = '2026-11-09T16:00:00.000Z';
const GRACE_DUE = '2026-11-16T16:00:00.000Z';

describe('a tolerance item and its supplement deadline', () => {
  // Each test starts on that Monday: the server's clock only moves forward.
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ startAt: MONDAY, workflowsPath: require.resolve('../../test/fixtures/blocks/workflows') });
  });
  afterEach(() => h?.stop());

  const start = (id: string) => h.client.workflow.start('toleranceProbe', { taskQueue: h.taskQueue, workflowId: id, args: [5, 5] });
  const sleepUntil = async (instant: string) => h.env.sleep(Date.parse(instant) - (await h.env.currentTimeMs()));
  const statusOf = async (p: WorkflowHandle) => (await p.query(probeStateQuery)).status;
  const untilStatus = (p: WorkflowHandle, status: string) => eventually(() => statusOf(p), (s) => s === status, `status ${status}`);
  /** The events the item published, as [event, time] once it closed. */
  const published = async (id: string) => {
    const events = await h.events((all) => all.some((e) => e.event.subject === id && e.event.type === 'greenlight.tolerance.closed'));
    return events.filter((e) => e.event.subject === id).map((e) => [e.event.type.replace('greenlight.tolerance.', ''), e.event.time, e.event.data.status]);
  };

  test('supplied in time and accepted: no suspension', async () => {
    const outcome = await h.runWorker(async () => {
      const item = await start('tol-in-time');
      const state = await eventually(() => item.query(probeStateQuery), (s) => s.deadlines !== undefined, 'the deadlines');
      expect(state.deadlines).toEqual({ supplementDueAt: SUPPLEMENT_DUE, graceDueAt: GRACE_DUE });
      await h.env.sleep('2 days');
      await item.executeUpdate(supplyUpdate, { args: [['公众参与调查']] });
      await untilStatus(item, 'checking');
      await complete(h.client, 'tol-in-time/supplement-check-1', 'accept', { comment: 'complete' });
      return item.result() as Promise<ToleranceOutcome<string[]>>;
    });
    expect(outcome).toEqual({ outcome: 'supplied', supply: ['公众参与调查'], late: false });
    expect((await published('tol-in-time')).map(([event]) => event)).toEqual(['supplied', 'closed']);
  });

  test('missed: suspended at the deadline; supplied in the grace period but insufficient; withdrawn when the grace ends', async () => {
    const outcome = await h.runWorker(async () => {
      const item = await start('tol-withdrawn');
      await eventually(() => item.query(probeStateQuery), (s) => s.deadlines !== undefined, 'the deadlines');
      await sleepUntil('2026-11-09T15:59:00Z');
      expect(await statusOf(item)).toBe('pending');
      await h.env.sleep('2 minutes');
      await untilStatus(item, 'suspended');

      await item.executeUpdate(supplyUpdate, { args: [['公众参与调查']] });
      await untilStatus(item, 'checking');
      await complete(h.client, 'tol-withdrawn/supplement-check-1', 'insufficient', { reason: 'the survey is unsigned' });
      await untilStatus(item, 'suspended');

      await sleepUntil('2026-11-16T15:59:00Z');
      expect(await statusOf(item)).toBe('suspended');
      await h.env.sleep('2 minutes');
      await untilStatus(item, 'withdrawn');
      return item.result() as Promise<ToleranceOutcome<string[]>>;
    });
    expect(outcome).toEqual({ outcome: 'withdrawn' });
    const events = await published('tol-withdrawn');
    expect(events.map(([event, , status]) => [event, status])).toEqual([
      ['suspended', 'suspended'], ['supplied', 'checking'], ['insufficient', 'suspended'], ['withdrawn', 'withdrawn'], ['closed', 'withdrawn'],
    ]);
    // A deadline's event is dated at the deadline, whenever its timer was handled.
    expect(events[0][1]).toBe(SUPPLEMENT_DUE);
    expect(events[3][1]).toBe(GRACE_DUE);
  });

  test('deadlines moved while waiting (a calendar update): the wait follows them, and a late supply is accepted', async () => {
    const moved = { supplementDueAt: '2026-11-11T16:00:00.000Z', graceDueAt: '2026-11-18T16:00:00.000Z' };
    const outcome = await h.runWorker(async () => {
      const item = await start('tol-moved');
      await eventually(() => item.query(probeStateQuery), (s) => s.deadlines !== undefined, 'the deadlines');
      await item.signal(moveDeadlinesSignal, moved);
      await eventually(() => item.query(probeStateQuery), (s) => s.deadlines?.supplementDueAt === moved.supplementDueAt, 'the moved deadlines');
      await sleepUntil('2026-11-10T00:00:00Z');
      expect(await statusOf(item)).toBe('pending');
      await sleepUntil('2026-11-11T16:01:00Z');
      await untilStatus(item, 'suspended');
      await item.executeUpdate(supplyUpdate, { args: [['公众参与调查']] });
      await complete(h.client, 'tol-moved/supplement-check-1', 'accept');
      return item.result() as Promise<ToleranceOutcome<string[]>>;
    });
    expect(outcome).toEqual({ outcome: 'supplied', supply: ['公众参与调查'], late: true });
    const events = await published('tol-moved');
    expect(events.map(([event, time]) => [event, event === 'suspended' ? time : undefined])).toEqual([
      ['suspended', moved.supplementDueAt], ['supplied', undefined], ['closed', undefined],
    ]);
  });
});
