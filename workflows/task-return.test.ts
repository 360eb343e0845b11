/**
 * 退回 on the time-skipping server with a real NATS and China's calendar, through the returnable
 * block inside a minimal process: a review of a parallel group (会签) returns the process to the
 * draft; the other review is cancelled with the reason, the draft reopens to whoever drafted it
 * with the reason shown, and its rungs fire at the instants computed from the reopening.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkingCalendar } from '../calendar';
import type { Actor } from '../contracts/directory';
import type { TaskState } from '../contracts/task';
import { eventually } from '../test/harness/eventually';
import { startHarness, type Harness } from '../test/harness/harness';
import { recordHistory } from '../test/harness/histories';
import { openedTask } from '../test/fixtures/blocks/tasks';
import { completeTaskUpdate, returnTaskUpdate, taskStateQuery } from './human-task';
import { taskVerbs } from './task-access';

const drafter: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const finance: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };
const housing: Actor = { personId: 'housing-wu', departments: ['housing'], roles: ['staff'] };
const REASON = '预算口径有误，请重新起草';

async function refusal(call: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return err.cause as { type?: string; message: string };
}

describe('退回', () => {
  let h: Harness;
  const calendar = WorkingCalendar.load();
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z', workflowsPath: require.resolve('../test/fixtures/blocks/workflows') });
  });
  afterAll(() => h?.stop());

  test('out of a parallel group: the sibling cancelled with the reason, the step reopened to its doer, its rungs at their new instants', async () => {
    const sleepUntil = async (instant: string) => h.env.sleep(Math.max(0, Date.parse(instant) - (await h.env.currentTimeMs())));
    const task = (id: string) => h.client.workflow.getHandle(id);
    const approve = (id: string, actor: Actor) => task(id).executeUpdate(completeTaskUpdate, { args: [{ actor, outcome: 'approve', payload: {} }] });
    const returnTo = (id: string, actor: Actor, toStep: string, reason = REASON) => task(id).executeUpdate(returnTaskUpdate, { args: [{ actor, toStep, reason }] });

    const result = await h.runWorker(async () => {
      const probe = await h.client.workflow.start('returnableProbe', { taskQueue: h.taskQueue, workflowId: 'rt-1', args: ['tax', ['finance', 'housing']] });
      const firstDraft = await openedTask(h.client, 'rt-1/draft');
      expect(firstDraft.returnTargets).toBeUndefined();
      await approve('rt-1/draft', drafter);
      const review = await openedTask(h.client, 'rt-1/review-finance');
      await openedTask(h.client, 'rt-1/review-housing');
      expect(review.returnTargets).toEqual([{ step: 'draft', title: '起草', taskId: 'rt-1/draft', completedBy: drafter.personId }]);
      expect(taskVerbs(finance, review, Date.now()).verbs).toContain('returnTo');
      expect(taskVerbs(drafter, review, Date.now()).verbs).not.toContain('returnTo');

      // Only its holder, only to a step offered, only with a reason.
      expect((await refusal(returnTo('rt-1/review-finance', drafter, 'draft'))).type).toBe('Forbidden');
      expect(await refusal(returnTo('rt-1/review-finance', finance, 'intake'))).toMatchObject({ type: 'Forbidden', message: expect.stringContaining('draft') });
      expect((await refusal(returnTo('rt-1/review-finance', finance, 'draft', ' '))).type).toBe('InvalidRequest');

      // Two days on (Wednesday 10:00 in Beijing), finance sends it back while housing has not answered.
      await sleepUntil('2026-11-04T02:00:00Z');
      const returned = await returnTo('rt-1/review-finance', finance, 'draft');
      expect(returned).toMatchObject({
        status: 'cancelled',
        returned: { by: finance.personId, toStep: 'draft', toTitle: '起草', toTaskId: 'rt-1/draft', completedBy: drafter.personId, reason: REASON },
      });
      const returnedAt = returned.returned?.at as string;
      expect(returnedAt.slice(0, 16)).toBe('2026-11-04T02:00');
      await recordHistory(task('rt-1/review-finance'), 'human-task-returned');

      const sibling = await eventually(() => task('rt-1/review-housing').query(taskStateQuery), (s: TaskState) => s.status === 'cancelled', 'housing cancelled');
      expect(sibling.cancelledByReturn).toMatchObject({ by: finance.personId, toStep: 'draft', reason: REASON });
      expect(sibling.history[sibling.history.length - 1]).toMatchObject({ type: 'cancelled', detail: { returnedBy: finance.personId, toStep: 'draft', reason: REASON } });
      expect((await task('rt-1/review-housing').describe()).status.name).toBe('CANCELLED');
      await recordHistory(task('rt-1/review-housing'), 'human-task-cancelled-by-return');

      // Reopened to the drafter, the reason shown; its ladder computed again from the reopening.
      const reopened = await openedTask(h.client, 'rt-1/draft:r1');
      expect(reopened).toMatchObject({ status: 'claimed', assigneeId: drafter.personId, returnedFrom: { by: finance.personId, reason: REASON } });
      // Friday and Monday's ends in Beijing, from Wednesday's return; the first draft's were Wednesday's and Thursday's.
      const expected = [2, 3].map((n) => Date.parse(calendar.addWorkingDays(returnedAt, n).due));
      const rungsOf = (s: TaskState) => s.deadlines.filter((d) => d.step >= 0).sort((a, b) => a.step - b.step).map((d) => Date.parse(d.at));
      expect(rungsOf(reopened)).toEqual(expected);
      expect(expected.map((e) => new Date(e).toISOString())).toEqual(['2026-11-06T16:00:00.000Z', '2026-11-09T16:00:00.000Z']);
      expect(rungsOf(firstDraft)).toEqual([Date.parse('2026-11-04T16:00:00Z'), Date.parse('2026-11-05T16:00:00Z')]);

      await sleepUntil(new Date(expected[1] + 1000).toISOString());
      const fired = await eventually(() => task('rt-1/draft:r1').query(taskStateQuery), (s: TaskState) => s.light === 'red', 'both rungs fired');
      const at = (type: string) => Date.parse(fired.history.find((e) => e.type === type)?.at as string);
      // Fired when its timer came: at the instant, give the few milliseconds the worker takes.
      expect([at('reminded') - expected[0], at('escalated') - expected[1]].every((late) => late >= 0 && late < 1000)).toBe(true);

      // Drafted again, the reviews follow under keys of their own, offered the return again.
      await approve('rt-1/draft:r1', drafter);
      const again = await openedTask(h.client, 'rt-1/review-finance:r1');
      expect(again.returnTargets).toEqual([{ step: 'draft', title: '起草', taskId: 'rt-1/draft:r1', completedBy: drafter.personId }]);
      await approve('rt-1/review-finance:r1', finance);
      await openedTask(h.client, 'rt-1/review-housing:r1');
      await approve('rt-1/review-housing:r1', housing);
      return probe.result() as Promise<{ draft: { taskId: string }; decision: { approved: boolean }; returns: string[] }>;
    });
    expect(result.draft.taskId).toBe('rt-1/draft:r1');
    expect(result.decision.approved).toBe(true);
    expect(result.returns).toEqual([`${finance.personId} → draft: ${REASON}`]);

    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.escalated' && e.event.data.taskId === 'rt-1/draft:r1'));
    const of = (type: string, taskId: string) => events.find((e) => e.event.type === `greenlight.task.${type}` && e.event.data.taskId === taskId)?.event;
    // Whoever drafted is told, with the reason; housing's staff are told why their review ended.
    expect(of('returned', 'rt-1/review-finance')?.data).toMatchObject({ actorId: finance.personId, recipients: [drafter.personId], detail: { toStep: 'draft', reason: REASON } });
    expect(of('cancelled', 'rt-1/review-housing')?.data).toMatchObject({ recipients: expect.arrayContaining([housing.personId]), detail: { toStep: 'draft', reason: REASON } });
    expect(Date.parse(of('reminded', 'rt-1/draft:r1')?.time as string)).toBe(Date.parse('2026-11-06T16:00:00Z'));
    expect(Date.parse(of('escalated', 'rt-1/draft:r1')?.time as string)).toBe(Date.parse('2026-11-09T16:00:00Z'));
  });
});
