/**
 * A CPPCC proposal end to end on the real stack: registered on NATS by the committee's system,
 * replied B through the API by the lead unit, rated by committee staff, then waiting for its
 * follow-up review; the list and the statistics (Temporal visibility counts) reflect it, and
 * each endpoint answers only those it is open to.
 */
import { jetstream } from '@nats-io/jetstream';
import { eventually } from '../../test/harness/eventually';
import { startStack, type TestStack } from '../../test/harness/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const inbox = (personId: string) => stack.call(personId, 'GET', '/api/tasks').then((r) => r.body.tasks as Array<{ taskId: string }>);
const complete = (personId: string, taskId: string, outcome: string, payload: Record<string, unknown>) =>
  stack.call(personId, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { outcome, payload });

// The statistics count every proposal on the server. Each test waits until the proposals it
// registers are listed, so that a later test's baseline already includes them; the counts are
// then checked as what this proposal adds to the baseline, whatever ran before.
const statsOf = () => stack.call('secretary-wang', 'GET', '/api/processes/proposalHandling/reports/stats').then((r) => r.body);

test('a proposal registered on NATS is replied B, rated, scheduled for review, and counted', async () => {
  const id = '2026-IT-001';
  const before = await statsOf();
  await jetstream(stack.nats).publish('gl.cmd.proposal.register', JSON.stringify({
    id,
    title: '关于建设智慧停车平台的建议',
    text: 'A district parking app that shows free spaces in real time.',
    proposers: ['钱委员'],
    leadUnitId: 'traffic',
    coUnitIds: ['housing'],
    key: { supervisingLeaderIds: ['mayor-li'] },
  }));

  await eventually(() => inbox('traffic-zheng'), (t) => t.some((x) => x.taskId === `${id}/reply-1`), 'the reply task in the lead unit\'s inbox');
  await eventually(() => inbox('housing-wu'), (t) => t.some((x) => x.taskId === `${id}/opinion-housing`), 'the opinion task in the co-unit\'s inbox');
  expect((await complete('housing-wu', `${id}/opinion-housing`, 'given', { opinion: 'the housing bureau will open its car parks' })).status).toBe(200);
  expect((await complete('traffic-zheng', `${id}/reply-1`, 'B', { reply: 'listed in the smart-city plan', plannedCompletion: '2099-06-30' })).status).toBe(200);

  await eventually(() => inbox('cppcc-yang'), (t) => t.some((x) => x.taskId === `${id}/satisfaction-1`), 'the rating task for the committee');
  expect((await complete('cppcc-yang', `${id}/satisfaction-1`, 'satisfied', {})).status).toBe(200);

  const waiting = await eventually(() => stack.call('cppcc-yang', 'GET', `/api/processes/proposalHandling/${id}`), (r) => r.body?.state?.status === 'followUp', 'the follow-up wait');
  expect(waiting.body.state).toMatchObject({
    class: 'B', key: true, satisfaction: 'satisfied', nextReviewAt: '2099-06-29T16:00:00.000Z', openTaskIds: [],
    text: 'A district parking app that shows free spaces in real time.',
  });
  expect(waiting.body.tasks.map((t: { status: string }) => t.status)).toEqual(['completed', 'completed', 'completed']);
  const events = waiting.body.timeline.map((e: { event: string }) => e.event);
  expect(events.filter((e: string) => !e.startsWith('task.'))).toEqual(['registered', 'opinion-given', 'replied', 'satisfaction', 'follow-up-scheduled']);
  expect(events).toContain('task.completed');

  const listed = await eventually(() => stack.call('leader-zhao', 'GET', '/api/processes/proposalHandling?category=B&key=true'), (r) => r.body?.processes?.length === 1, 'the B key proposal in the list');
  expect(listed.body.processes[0]).toMatchObject({ id, category: 'B', departmentId: 'traffic', status: 'followUp' });
  expect((await stack.call('tax-huang', 'GET', '/api/processes/proposalHandling')).body.processes).toEqual([]);

  const stats = await eventually(statsOf, (s) => s?.replied === before.replied + 1, 'the statistics');
  const { satisfied, basicallySatisfied, notSatisfied } = before.satisfaction;
  expect(stats).toMatchObject({
    registered: before.registered + 1, key: before.key + 1, replied: before.replied + 1, repliedOnTime: before.repliedOnTime + 1,
    byClass: { ...before.byClass, B: before.byClass.B + 1 }, byRepliedClass: { ...before.byRepliedClass, B: before.byRepliedClass.B + 1 },
    satisfaction: { ...before.satisfaction, satisfied: satisfied + 1 },
    satisfactionRate: (satisfied + basicallySatisfied + 1) / (satisfied + basicallySatisfied + notSatisfied + 1),
    movedToAByFollowUp: before.movedToAByFollowUp,
  });
  expect((await stack.call('traffic-zheng', 'GET', '/api/processes/proposalHandling/reports/stats')).status).toBe(403);
}, 120_000);

test('only committee staff register proposals; a bad registration is refused with its reasons', async () => {
  const body = { id: '2026-IT-002', title: 't', text: 'x', proposers: ['a'], leadUnitId: 'traffic' };
  expect((await stack.call('traffic-zheng', 'POST', '/api/processes/proposalHandling', body)).status).toBe(403);
  const refused = await stack.call('cppcc-yang', 'POST', '/api/processes/proposalHandling', { ...body, leadUnitId: 'nowhere' });
  expect(refused.status).toBe(400);
  expect(refused.body.details).toEqual([{ path: 'leadUnitId', message: 'unknown unit nowhere' }]);
  expect((await stack.call('cppcc-yang', 'POST', '/api/processes/proposalHandling', body)).body).toEqual({ id: '2026-IT-002', existing: false });
  expect((await stack.call('cppcc-yang', 'POST', '/api/processes/proposalHandling', body)).body).toEqual({ id: '2026-IT-002', existing: true });
  const listed = await eventually(() => stack.call('cppcc-yang', 'GET', '/api/processes/proposalHandling'), (r) => r.body?.processes?.some((p: { id: string }) => p.id === '2026-IT-002'), 'the proposal listed');
  expect(listed.body.processes.filter((p: { id: string }) => p.id === '2026-IT-002')).toHaveLength(1);
});
