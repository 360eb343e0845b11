/**
 * CPPCC proposals on the time-skipping server with the real calendar: the path to A, a B moved
 * to A by its follow-up review half a year later, a C kept through its reviews, the redo after
 * dissatisfaction, a key proposal's ladder reaching its supervising leaders, and a reply
 * deadline in the Spring Festival of 2027 recomputed when that year's data arrives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../contracts/directory';
import type { ProposalState, RegisterProposal } from './contract';
import type { TaskState } from '../../contracts/task';
import { GlCategory, GlProposalFacts } from '../../contracts/search-attributes';
import type { StoredEvent } from '../../test/harness/events';
import { startHarness, type Harness } from '../../test/harness/harness';
import { recordHistory } from '../../test/harness/histories';
import { calendarUpdatedSignal, completeTaskUpdate, taskStateQuery } from '../../workflows/human-task';
import { proposalHandling, proposalStateQuery } from './workflow';

const drcStaff: Actor = { personId: 'drc-chen', departments: ['drc'], roles: ['staff'] };
const financeStaff: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };
const committee: Actor = { personId: 'cppcc-yang', departments: ['cppcc'], roles: ['committeeStaff'] };

function proposal(id: string, extra: Partial<RegisterProposal> = {}): RegisterProposal {
  return {
    id,
    title: '关于优化重点项目并联审批的建议',
    text: 'Run the approvals of key projects in parallel and publish their progress.',
    proposers: ['张委员', '李委员'],
    leadUnitId: 'drc',
    ...extra,
  };
}

/** Polls `read` until `ok`; each read is bounded too, since a query that meets a run just continued as new may get no answer. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    let timer: NodeJS.Timeout | undefined;
    const value = await Promise.race([read(), new Promise<undefined>((r) => { timer = setTimeout(() => r(undefined), 2000); })]).catch(() => undefined);
    clearTimeout(timer);
    if (value !== undefined && ok(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The proposal's latest run: a run continued as new answers queries under the same id. */
const latest = (h: Harness, id: string) => h.client.workflow.getHandle(id);
const stateOf = (h: Harness, id: string) => latest(h, id).query(proposalStateQuery);

async function openedTask(h: Harness, id: string, key: string): Promise<WorkflowHandle> {
  await until(() => stateOf(h, id), (s) => s.openTaskIds.includes(`${id}/${key}`), `task ${key}`);
  const task = h.client.workflow.getHandle(`${id}/${key}`);
  await until(() => task.query(taskStateQuery), (s: TaskState) => s.deadlines.length > 0, `deadlines of ${key}`);
  return task;
}

/**
 * Waits until the proposal has continued as new after `runId` and then reads its state. Polls
 * describe, not the query: a query that meets the very moment a run continues as new can stay
 * unanswered on the test server and hold its time skipping.
 */
async function continuedAfter(h: Harness, id: string, runId: string): Promise<{ runId: string; state: ProposalState }> {
  const next = await until(() => latest(h, id).describe(), (d) => d.runId !== runId && d.status.name === 'RUNNING', 'the run continued as new');
  return { runId: next.runId, state: await stateOf(h, id) };
}

const complete = (task: WorkflowHandle, actor: Actor, outcome: string, payload: Record<string, unknown>) =>
  task.executeUpdate(completeTaskUpdate, { args: [{ actor, outcome, payload }] });

const sleepUntil = async (h: Harness, instant: string) => h.env.sleep(Math.max(0, Date.parse(instant) - (await h.env.currentTimeMs())));

const proposalSteps = (events: StoredEvent[], id: string) =>
  events.filter((e) => e.event.subject === id && e.event.type.startsWith('greenlight.proposal.')).map((e) => e.event.type.replace('greenlight.proposal.', ''));

const closed = (id: string) => (all: StoredEvent[]) => all.some((e) => e.event.type === 'greenlight.proposal.closed' && e.event.subject === id);

describe('a proposal registered on Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('takes the full path to A: the co-unit\'s opinion, a reply on time, the proposers satisfied, closed', async () => {
    const id = 'P2026-001';
    const final = await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, { taskQueue: h.taskQueue, workflowId: id, args: [proposal(id, { coUnitIds: ['finance'] })] });
      const reply = await openedTask(h, id, 'reply-1');
      const replyState = await reply.query(taskStateQuery);
      // Three calendar months: Tuesday 2027-02-02 is a working day (provisional: 2027 has no official data yet).
      expect(replyState).toMatchObject({ departmentId: 'drc', dueAt: '2027-02-02T16:00:00.000Z', provisional: true });
      await complete(await openedTask(h, id, 'opinion-finance'), financeStaff, 'given', { opinion: 'the finance office will fund a pilot' });
      await expect(complete(reply, drcStaff, 'B', { reply: 'planned' })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/计划完成日期/) } });
      await complete(reply, drcStaff, 'A', { reply: 'adopted: parallel approvals start in December' });
      const rating = await openedTask(h, id, 'satisfaction-1');
      expect((await rating.query(taskStateQuery)).departmentId).toBe('cppcc');
      await expect(complete(rating, drcStaff, 'satisfied', {})).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not offered/) } });
      await complete(rating, committee, 'satisfied', {});
      const result = await run.result();
      await recordHistory(run, 'proposal-to-a-with-opinion');
      return result;
    });
    expect(final).toMatchObject({ status: 'closed', class: 'A', repliedClass: 'A', repliedOnTime: true, satisfaction: 'satisfied', reviewsDone: 0 });
    const events = await h.events(closed(id));
    expect(proposalSteps(events, id)).toEqual(['registered', 'opinion-given', 'replied', 'satisfaction', 'closed']);
    const opinion = events.find((e) => e.event.subject === id && e.event.type === 'greenlight.proposal.opinion-given');
    // The opinion goes to the lead unit.
    expect(opinion?.event.data).toMatchObject({ unitId: 'finance', recipients: ['drc-head', 'drc-chen'] });
  });

});

describe('a proposal whose proposers are not satisfied, registered on Monday 2026-11-02', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('not satisfied: the lead unit answers again within a month, and the second rating stands', async () => {
    const id = 'P2026-002';
    const final = await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, { taskQueue: h.taskQueue, workflowId: id, args: [proposal(id)] });
      await complete(await openedTask(h, id, 'reply-1'), drcStaff, 'A', { reply: 'adopted' });
      await complete(await openedTask(h, id, 'satisfaction-1'), committee, 'notSatisfied', { reason: 'nothing has changed on site' });
      const redo = await openedTask(h, id, 'reply-2');
      const redoState = await redo.query(taskStateQuery);
      const now = new Date(await h.env.currentTimeMs()).toISOString().slice(0, 10);
      // One calendar month from today (still 2026-11-02 in Shanghai): the end of Wednesday 12-02.
      expect(now).toBe('2026-11-02');
      expect(redoState.dueAt).toBe('2026-12-02T16:00:00.000Z');
      await complete(redo, drcStaff, 'A', { reply: 'adopted, and the site was visited with the proposers' });
      await complete(await openedTask(h, id, 'satisfaction-2'), committee, 'basicallySatisfied', {});
      const result = await run.result();
      await recordHistory(run, 'proposal-redone-after-dissatisfaction');
      return result;
    });
    expect(final).toMatchObject({ status: 'closed', class: 'A', replyRound: 2, satisfaction: 'basicallySatisfied' });
    const events = await h.events(closed(id));
    expect(proposalSteps(events, id)).toEqual(['registered', 'replied', 'satisfaction', 'replied', 'satisfaction', 'closed']);
    const ratings = events.filter((e) => e.event.subject === id && e.event.type === 'greenlight.proposal.satisfaction').map((e) => e.event.data.rating);
    expect(ratings).toEqual(['notSatisfied', 'basicallySatisfied']);
  });

});

describe('a proposal whose proposers do not answer, registered on Monday 2026-11-02', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('no rating within 10 working days is recorded as no answer', async () => {
    const id = 'P2026-003';
    const final = await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, { taskQueue: h.taskQueue, workflowId: id, args: [proposal(id)] });
      await complete(await openedTask(h, id, 'reply-1'), drcStaff, 'A', { reply: 'adopted' });
      const rating = await openedTask(h, id, 'satisfaction-1');
      expect((await rating.query(taskStateQuery)).dueAt).toBe('2026-11-16T16:00:00.000Z');
      await sleepUntil(h, '2026-11-16T16:01:00Z');
      const result = await run.result();
      await recordHistory(run, 'proposal-no-rating');
      return result;
    });
    expect(final).toMatchObject({ status: 'closed', class: 'A', satisfaction: 'noAnswer' });
    const events = await h.events(closed(id));
    const rating = events.find((e) => e.event.subject === id && e.event.type === 'greenlight.proposal.satisfaction');
    expect(rating?.event.data).toMatchObject({ rating: 'noAnswer', deadline: '2026-11-16T16:00:00.000Z' }); // the end of Monday 11-16
    expect(Date.parse(rating?.event.time ?? '') - Date.parse('2026-11-16T16:00:00Z')).toBeLessThan(60_000);
    expect(events.some((e) => e.event.subject === `${id}/satisfaction-1` && e.event.type === 'greenlight.task.cancelled')).toBe(true);
  });
});

describe('a B proposal replied on 2026-11-02 with its plan due 2027-05-06', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('is reviewed at the start of its planned date, six months later, and reclassified to A', async () => {
    const id = 'P2026-010';
    const reviewAt = '2027-05-05T16:00:00.000Z'; // 2027-05-06 00:00 in Shanghai
    const final = await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, { taskQueue: h.taskQueue, workflowId: id, args: [proposal(id)] });
      await complete(await openedTask(h, id, 'reply-1'), drcStaff, 'B', { reply: 'listed in the 2027 plan', plannedCompletion: '2027-05-06' });
      await complete(await openedTask(h, id, 'satisfaction-1'), committee, 'satisfied', {});
      // The wait runs in a fresh run: the registration's run continued as new.
      const waiting = await continuedAfter(h, id, run.firstExecutionRunId);
      expect(waiting.state).toMatchObject({ status: 'followUp', class: 'B', nextReviewAt: reviewAt, openTaskIds: [] });

      await sleepUntil(h, new Date(Date.parse(reviewAt) - 60_000).toISOString());
      expect((await stateOf(h, id)).status).toBe('followUp');
      await sleepUntil(h, new Date(Date.parse(reviewAt) + 60_000).toISOString());
      const review = await openedTask(h, id, 'review-1');
      const reviewState = await review.query(taskStateQuery);
      expect(reviewState.outcomes).toEqual(['A', 'unchanged']);
      expect(Date.parse(reviewState.createdAt) - Date.parse(reviewAt)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(reviewState.createdAt) - Date.parse(reviewAt)).toBeLessThan(60_000);
      await complete(review, drcStaff, 'A', { progress: 'the parallel approval platform is live' });
      const result = await run.result();
      // Both runs: the registration's, which continued as new, and the review's.
      await recordHistory(h.client.workflow.getHandle(id, run.firstExecutionRunId), 'proposal-b-registration-run');
      await recordHistory(latest(h, id), 'proposal-b-review-run');
      return result;
    });
    expect(final).toMatchObject({ status: 'closed', repliedClass: 'B', class: 'A', reviewsDone: 1 });
    const events = await h.events(closed(id));
    expect(proposalSteps(events, id)).toEqual(['registered', 'replied', 'satisfaction', 'follow-up-scheduled', 'reclassified', 'closed']);
    const reclassified = events.find((e) => e.event.subject === id && e.event.type === 'greenlight.proposal.reclassified');
    expect(reclassified?.event.data).toMatchObject({ from: 'B', to: 'A', review: 1 });
    // Event ids stay unique across the runs: each event was stored once.
    const ids = events.filter((e) => e.event.subject === id).map((e) => e.event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a C proposal replied on 2026-11-02, with two reviews configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('is reviewed in the March windows of 2027 and 2028, unchanged, then closed as C', async () => {
    const id = 'P2026-020';
    const windows = ['2027-02-28T16:00:00.000Z', '2028-02-29T16:00:00.000Z'];
    const final = await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, {
        taskQueue: h.taskQueue, workflowId: id, args: [proposal(id, { followUp: { reviews: 2 } })],
      });
      await complete(await openedTask(h, id, 'reply-1'), drcStaff, 'C', { reply: 'not this year', reason: 'the land is not yet available' });
      await complete(await openedTask(h, id, 'satisfaction-1'), committee, 'basicallySatisfied', {});
      let runId = run.firstExecutionRunId;
      for (const [i, at] of windows.entries()) {
        const waiting = await continuedAfter(h, id, runId);
        runId = waiting.runId;
        expect(waiting.state).toMatchObject({ status: 'followUp', nextReviewAt: at });
        await sleepUntil(h, new Date(Date.parse(at) + 60_000).toISOString());
        const review = await openedTask(h, id, `review-${i + 1}`);
        // The review lasts until the window closes at the end of May.
        expect((await review.query(taskStateQuery)).dueAt).toBe(`${2027 + i}-05-31T16:00:00.000Z`);
        expect((await review.query(taskStateQuery)).outcomes).toEqual(['A', 'B', 'unchanged']);
        await complete(review, drcStaff, 'unchanged', { progress: `still waiting for the land (${2027 + i})` });
      }
      return run.result();
    });
    expect(final).toMatchObject({ status: 'closed', class: 'C', repliedClass: 'C', reviewsDone: 2 });
    const events = await h.events(closed(id));
    expect(proposalSteps(events, id)).toEqual([
      'registered', 'replied', 'satisfaction', 'follow-up-scheduled', 'reviewed', 'follow-up-scheduled', 'reviewed', 'closed',
    ]);
    const scheduled = events.filter((e) => e.event.subject === id && e.event.type === 'greenlight.proposal.follow-up-scheduled').map((e) => e.event.data.at);
    expect(scheduled).toEqual(windows);
  });
});

describe('a key proposal registered on Friday 2026-07-03 at 10:00 (+08:00), supervised by the mayor', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-07-03T02:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('its reply ladder tells the mayor at creation, at the yellow a month before, and at the red deadline after National Day', async () => {
    const id = 'P2026-030';
    await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, {
        taskQueue: h.taskQueue, workflowId: id, args: [proposal(id, { key: { supervisingLeaderIds: ['mayor-li'] } })],
      });
      const reply = await openedTask(h, id, 'reply-1');
      // 2026-10-03 is in the National Day holiday: the deadline is the end of the next working day, Thursday 10-08.
      expect((await reply.query(taskStateQuery)).dueAt).toBe('2026-10-08T16:00:00.000Z');
      await sleepUntil(h, '2026-10-08T16:00:01Z');
      await complete(reply, drcStaff, 'A', { reply: 'adopted, late' });
      await complete(await openedTask(h, id, 'satisfaction-1'), committee, 'satisfied', {});
      expect(await run.result()).toMatchObject({ status: 'closed', class: 'A', repliedOnTime: false, light: 'red', key: true });
    });
    const events = await h.events(closed(id));
    const ladder = events
      .filter((e) => e.event.subject === `${id}/reply-1` && /\.(created|reminded|escalated)$/.test(e.event.type))
      .map((e) => [e.event.type, e.event.type.endsWith('created') ? 'at creation' : e.event.time, e.event.data.recipients]);
    expect(ladder).toEqual([
      ['greenlight.task.created', 'at creation', ['drc-head', 'drc-chen', 'mayor-li']],
      ['greenlight.task.reminded', '2026-09-03T16:00:00.000Z', ['drc-head', 'drc-chen', 'mayor-li']],
      ['greenlight.task.escalated', '2026-10-08T16:00:00.000Z', ['drc-head', 'cppcc-head', 'mayor-li']],
    ]);
    const replied = events.find((e) => e.event.subject === id && e.event.type === 'greenlight.proposal.replied');
    expect(replied?.event.data).toMatchObject({ onTime: false, recipients: ['mayor-li'] });
  });
});

describe('a proposal registered on Friday 2026-11-06, before the 2027 holiday arrangement is published', () => {
  let h: Harness;
  let calendarDir: string;
  beforeAll(async () => {
    calendarDir = mkdtempSync(join(tmpdir(), 'gl-calendar-'));
    h = await startHarness({ startAt: '2026-11-06T02:00:00Z', calendarDir });
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(calendarDir, { recursive: true, force: true });
  });

  test('has a provisional reply deadline in the Spring Festival, recomputed when the 2027 data arrives', async () => {
    const id = 'P2026-040';
    await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, { taskQueue: h.taskQueue, workflowId: id, args: [proposal(id)] });
      const reply = await openedTask(h, id, 'reply-1');
      // 2027-02-06 is the first day of the Spring Festival; by the statutory rules the holiday runs to Monday 02-08 and its compensation days to Wednesday 02-10.
      expect(await reply.query(taskStateQuery)).toMatchObject({ dueAt: '2027-02-11T16:00:00.000Z', provisional: true });

      writeFileSync(join(calendarDir, '2027.json'), JSON.stringify({
        year: 2027,
        source: 'test: an arrangement with nine days off and an adjusted working Sunday',
        holidays: Object.fromEntries(['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => [`2027-02-${d}`, 'Spring Festival'])),
        workdays: { '2027-02-14': 'Spring Festival' },
      }));
      await reply.signal(calendarUpdatedSignal);
      const recomputed = await until(() => reply.query(taskStateQuery), (s) => !s.provisional, 'recomputed deadlines');
      expect(recomputed.dueAt).toBe('2027-02-14T16:00:00.000Z');
      expect(recomputed.history.map((e) => e.type)).toContain('deadlines-recomputed');

      await complete(reply, drcStaff, 'A', { reply: 'adopted' });
      await complete(await openedTask(h, id, 'satisfaction-1'), committee, 'satisfied', {});
      expect(await run.result()).toMatchObject({ status: 'closed', repliedOnTime: true });
    });
  });
});

describe('a proposal imported on 2026-11-26 with its B reply already given and rated', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-26T02:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('waits for its follow-up review at the planned date, and counts as moved to A', async () => {
    const id = 'P2026-101';
    const history = {
      repliedAt: '2026-08-20T10:00:00+08:00',
      reply: { class: 'B' as const, reply: 'listed in the smart-city plan', plannedCompletion: '2026-12-01' },
      satisfaction: 'satisfied' as const,
    };
    const final = await h.runWorker(async () => {
      const run = await h.client.workflow.start(proposalHandling, {
        taskQueue: h.taskQueue, workflowId: id, args: [proposal(id, { registeredAt: '2026-05-20T10:00:00+08:00', history })],
      });
      const waiting = await continuedAfter(h, id, run.firstExecutionRunId);
      expect(waiting.state).toMatchObject({
        status: 'followUp', class: 'B', satisfaction: 'satisfied', nextReviewAt: '2026-11-30T16:00:00.000Z', taskIds: [],
      });
      // An imported reply's punctuality is unknown: it is not counted as on time.
      expect(waiting.state.repliedOnTime).toBeUndefined();
      await sleepUntil(h, '2026-11-30T16:01:00Z');
      await complete(await openedTask(h, id, 'review-1'), drcStaff, 'A', { progress: 'the parking app is live' });
      return run.result();
    });
    expect(final).toMatchObject({ status: 'closed', repliedClass: 'B', class: 'A' });
    const described = await latest(h, id).describe();
    expect(described.typedSearchAttributes.get(GlProposalFacts)).toEqual(['replied', 'replied:B', 'satisfaction:satisfied', 'movedToA']);
    expect(described.typedSearchAttributes.get(GlCategory)).toBe('A');
  });
});
