/**
 * The 12345 hotline ticket on the time-skipping server, with the real calendar and the demo
 * directory: 住建局 (`housing`: head housing-head, staff housing-wu, assigned leader leader-qian)
 * handles, 行政审批局 (`permits`, staff permits-feng) stands in for the hotline center.
 *
 * Each scenario has its own harness, so its clock starts where the test says.
 */
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../contracts/directory';
import type { TaskState } from '../../contracts/task';
import { startHarness, type Harness } from '../../test/harness/harness';
import { eventually } from '../../test/harness/eventually';
import { recordHistory } from '../../test/harness/histories';
import type { StoredEvent } from '../../test/harness/events';
import {
  claimTaskUpdate, completeTaskUpdate, decideExtensionUpdate, requestExtensionUpdate, returnTaskUpdate, taskStateQuery, withdrawTaskUpdate,
} from '../../workflows/human-task';
import type { HotlineTicket } from './contract';
import { hotlineTicketDefinition } from './definition';
import { hotlineTicket, ticketStateQuery } from './workflow';

const histories = join(__dirname, 'histories');
const housingStaff: Actor = { personId: 'housing-wu', departments: ['housing'], roles: ['staff'] };
const housingHead: Actor = { personId: 'housing-head', departments: ['housing'], roles: ['departmentHead', 'staff'] };
const center: Actor = { personId: 'permits-feng', departments: ['permits'], roles: ['staff'] };

const CITIZEN = { name: '张女士', phone: '13800000001' };

function ticket(id: string, category: HotlineTicket['category'] = 'consultation'): HotlineTicket {
  return {
    id,
    category,
    title: category === 'complaint' ? '小区电梯长期故障' : '物业维修基金如何申请',
    description: 'The caller asks about the residential building they live in.',
    citizen: CITIZEN,
    departmentId: 'housing',
    centerDepartmentId: 'permits',
  };
}

/** Waits for the ticket to list the task, and for the task's deadlines; returns the task's handle. */
async function openTask(h: Harness, t: WorkflowHandle, key: string): Promise<WorkflowHandle> {
  const taskId = `${t.workflowId}/${key}`;
  await eventually(() => t.query(ticketStateQuery), (s) => s.openTaskIds.includes(taskId), `task ${key}`);
  const task = h.client.workflow.getHandle(taskId);
  await eventually(() => task.query(taskStateQuery), (s: TaskState) => s.deadlines.length > 0, `deadlines of ${key}`);
  return task;
}
const dueOf = async (task: WorkflowHandle) => (await task.query(taskStateQuery)).dueAt;
const complete = (task: WorkflowHandle, actor: Actor, outcome: string, payload: Record<string, unknown> = {}) =>
  task.executeUpdate(completeTaskUpdate, { args: [{ actor, outcome, payload }] });
const askExtension = (task: WorkflowHandle, actor: Actor, workingDays: number, reason: string) =>
  task.executeUpdate(requestExtensionUpdate, { args: [{ actor, workingDays, reason }] });
const decideExtension = (task: WorkflowHandle, actor: Actor, approve: boolean, reason?: string) =>
  task.executeUpdate(decideExtensionUpdate, { args: [{ actor, approve, reason }] });
/** Why an Update was refused, as the task said it. */
const refusedWith = (update: Promise<unknown>) => update.then(() => 'accepted', (err: { cause?: { message?: string } }) => err.cause?.message);
const start = (h: Harness, input: HotlineTicket) =>
  h.client.workflow.start(hotlineTicket, { taskQueue: h.taskQueue, workflowId: input.id, args: [input] });
const sleepUntil = async (h: Harness, iso: string) => h.env.sleep(Date.parse(iso) - (await h.env.currentTimeMs()));

/** The ticket's own events, without the `greenlight.hotlineticket.` prefix. */
const ticketSteps = (events: StoredEvent[], id: string) =>
  events.filter((e) => e.event.subject === id).map((e) => e.event.type.replace('greenlight.hotlineticket.', ''));
/** Every ladder event of the ticket's tasks: type, time, task, recipients. */
const ladderOf = (events: StoredEvent[], id: string) => events
  .filter((e) => e.event.data.processId === id && /\.(reminded|escalated)$/.test(e.event.type))
  .map((e) => [e.event.type.replace('greenlight.task.', ''), e.event.time, String(e.event.subject).slice(id.length + 1), e.event.data.recipients]);
const closed = (id: string) => (all: StoredEvent[]) => all.some((e) => e.event.subject === id && e.event.type === 'greenlight.hotlineticket.closed');

/** Every event the ticket emitted is declared in its definition. */
function expectDeclared(events: StoredEvent[], id: string) {
  for (const step of ticketSteps(events, id)) expect(hotlineTicketDefinition.events).toContain(`hotlineticket.${step}`);
}

/** No event of the ticket carries the citizen's name or phone. */
function expectNoPersonalData(events: StoredEvent[], id: string) {
  const text = JSON.stringify(events.filter((e) => String(e.event.subject).startsWith(id)));
  expect(text).not.toContain(CITIZEN.phone);
  expect(text).not.toContain(CITIZEN.name);
}

describe('a consultation dispatched on Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('signed and handled in time, called back satisfied, closed', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-happy'));
      const signing = await openTask(h, t, 'signing');
      expect(await dueOf(signing)).toBe('2026-11-03T16:00:00.000Z'); // end of Tue 11-03: 1 working day
      expect(await t.query(ticketStateQuery)).toMatchObject({
        status: 'signing', assignedLeaderId: 'leader-qian', citizen: CITIZEN, description: 'The caller asks about the residential building they live in.',
      });
      await complete(signing, housingStaff, 'signed');

      const handling = await openTask(h, t, 'handling-1');
      expect(await dueOf(handling)).toBe('2026-11-05T16:00:00.000Z'); // end of Thu 11-05: 3 working days from signing
      expect(await t.query(ticketStateQuery)).toMatchObject({ status: 'handling', handlingDays: 3, round: 1 });
      // Whoever signed handles it: assigned to them, not offered to the department again.
      expect(await handling.query(taskStateQuery)).toMatchObject({ status: 'claimed', assigneeId: 'housing-wu' });
      await complete(handling, housingStaff, 'handled', { summary: 'explained how the owners apply to the fund' });

      const callback = await openTask(h, t, 'callback-1');
      expect((await callback.query(taskStateQuery)).departmentId).toBe('permits');
      expect(await t.query(ticketStateQuery)).toMatchObject({ status: 'callback' });
      await complete(callback, center, 'satisfied');
      expect(await t.result()).toMatchObject({ status: 'closed', resolution: 'resolved', light: 'green', openTaskIds: [] });
      await recordHistory(t, 'hotline-ticket-resolved', histories);
    });
    const events = await h.events(closed('12345-happy'));
    expect(ticketSteps(events, '12345-happy')).toEqual(['dispatched', 'signed', 'handled', 'called-back', 'closed']);
    expect(ladderOf(events, '12345-happy')).toEqual([]);
    expectNoPersonalData(events, '12345-happy');
  });

  test('撤回: the handler takes the handling back before the callback; once the center has claimed it, too late', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-withdraw'));
      await complete(await openTask(h, t, 'signing'), housingStaff, 'signed');
      const handling = await openTask(h, t, 'handling-1');
      const due = await dueOf(handling);
      await complete(handling, housingStaff, 'handled', { summary: 'answered the wrong question' });
      const withdraw = (task: WorkflowHandle, fromTaskId: string) =>
        task.executeUpdate(withdrawTaskUpdate, { args: [{ actor: housingStaff, fromTaskId, reason: '答非所问，重新办理' }] });
      await withdraw(await openTask(h, t, 'callback-1'), '12345-withdraw/handling-1');
      const reopened = await openTask(h, t, 'handling-1:w1');
      expect(await reopened.query(taskStateQuery)).toMatchObject({ status: 'claimed', assigneeId: 'housing-wu', dueAt: due });
      await complete(reopened, housingStaff, 'handled', { summary: 'explained how the owners apply to the fund' });
      const callback = await openTask(h, t, 'callback-1:w1');
      await callback.executeUpdate(claimTaskUpdate, { args: [{ actor: center }] });
      expect(await refusedWith(withdraw(callback, '12345-withdraw/handling-1:w1'))).toMatch(/too late/);
      await complete(callback, center, 'satisfied');
      expect(await t.result()).toMatchObject({ status: 'closed', resolution: 'resolved', round: 1 });
      await recordHistory(t, 'hotline-ticket-withdrawn', histories);
    });
    const events = await h.events(closed('12345-withdraw'));
    expect(ticketSteps(events, '12345-withdraw')).toEqual(['dispatched', 'signed', 'handled', 'withdrawn', 'handled', 'called-back', 'closed']);
    expectNoPersonalData(events, '12345-withdraw');
  });
});

describe('a consultation returned to its handling (退回) by the center on Wednesday 2026-11-04', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('the handling reopens to its handler with the reason, due three working days from the return, its rungs firing then', async () => {
    const REASON = '答复未说明申请所需材料，请补充后再回访';
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-return'));
      await complete(await openTask(h, t, 'signing'), housingStaff, 'signed');
      const handling = await openTask(h, t, 'handling-1');
      expect(await dueOf(handling)).toBe('2026-11-05T16:00:00.000Z');
      await complete(handling, housingStaff, 'handled', { summary: 'told the caller to ask the property company' });
      const callback = await openTask(h, t, 'callback-1');
      expect((await callback.query(taskStateQuery)).returnTargets)
        .toEqual([{ step: 'handling', title: '办理', taskId: '12345-return/handling-1', completedBy: 'housing-wu' }]);

      await sleepUntil(h, '2026-11-04T02:00:00Z');
      // Only the center's people may return it: not the handler.
      expect(await refusedWith(callback.executeUpdate(returnTaskUpdate, { args: [{ actor: housingStaff, toStep: 'handling', reason: REASON }] })))
        .toMatch(/not offered/);
      await callback.executeUpdate(returnTaskUpdate, { args: [{ actor: center, toStep: 'handling', reason: REASON }] });

      const reopened = await openTask(h, t, 'handling-1:r1');
      // Three working days from Wednesday's return: Thursday, Friday, Monday; not the first handling's Thursday.
      expect(await reopened.query(taskStateQuery)).toMatchObject({
        status: 'claimed', assigneeId: 'housing-wu', dueAt: '2026-11-09T16:00:00.000Z', returnedFrom: { by: 'permits-feng', reason: REASON },
      });
      expect(await t.query(ticketStateQuery)).toMatchObject({ status: 'handling', round: 1 });
      await sleepUntil(h, '2026-11-10T16:00:01Z');
      await complete(reopened, housingStaff, 'handled', { summary: 'listed the materials the owners bring to the fund office' });
      await complete(await openTask(h, t, 'callback-1:r1'), center, 'satisfied');
      expect(await t.result()).toMatchObject({ status: 'closed', resolution: 'resolved', round: 1 });
      await recordHistory(t, 'hotline-ticket-returned', histories);
    });
    const events = await h.events(closed('12345-return'));
    expect(ticketSteps(events, '12345-return')).toEqual(['dispatched', 'signed', 'handled', 'returned', 'handled', 'called-back', 'closed']);
    expectDeclared(events, '12345-return');
    // The first callback's reminder, then the reopened handling's rungs at the instants counted from the return: none of the first handling's.
    expect(ladderOf(events, '12345-return')).toEqual([
      ['reminded', '2026-11-03T16:00:00.000Z', 'callback-1', ['permits-head', 'permits-feng']],
      ['reminded', '2026-11-06T16:00:00.000Z', 'handling-1:r1', ['housing-wu']],
      ['escalated', '2026-11-09T16:00:00.000Z', 'handling-1:r1', ['housing-head']],
      ['escalated', '2026-11-10T16:00:00.000Z', 'handling-1:r1', ['housing-wu', 'leader-qian']],
    ]);
    const returned = events.find((e) => e.event.type === 'greenlight.task.returned' && e.event.subject === '12345-return/callback-1');
    expect(returned?.event.data).toMatchObject({ actorId: 'permits-feng', recipients: ['housing-wu'], detail: { toStep: 'handling', reason: REASON } });
    expectNoPersonalData(events, '12345-return');
  });
});

describe('a complaint dispatched on Friday 2026-09-25, before National Day', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-09-25T02:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('is due 13 working days after signing: the end of Tuesday 10-20, the holiday not counted', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-complaint', 'complaint'));
      const signing = await openTask(h, t, 'signing');
      expect(await dueOf(signing)).toBe('2026-09-28T16:00:00.000Z'); // the weekend does not count: end of Mon 09-28
      await complete(signing, housingStaff, 'signed');
      const handling = await openTask(h, t, 'handling-1');
      expect(await dueOf(handling)).toBe('2026-10-20T16:00:00.000Z');
      expect(await t.query(ticketStateQuery)).toMatchObject({ category: 'complaint', handlingDays: 13 });
      await complete(handling, housingStaff, 'handled', { summary: 'the elevator was repaired' });
      await complete(await openTask(h, t, 'callback-1'), center, 'satisfied');
      expect(await t.result()).toMatchObject({ status: 'closed', resolution: 'resolved' });
      await recordHistory(t, 'hotline-ticket-complaint', histories);
    });
  });
});

describe('a sign-for overdue, from Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('not signed for: red to the head at the end of Tue 11-03, chased the next working day to the unit and the assigned leader', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-unsigned'));
      const signing = await openTask(h, t, 'signing');
      await sleepUntil(h, '2026-11-04T16:00:01Z');
      expect((await signing.query(taskStateQuery)).light).toBe('red');
      await complete(signing, housingStaff, 'signed');
      await openTask(h, t, 'handling-1');
      expect(await t.query(ticketStateQuery)).toMatchObject({ status: 'handling', light: 'red' });
      await t.cancel();
    });
    const events = await h.events((all) => all.filter((e) => e.event.subject === '12345-unsigned/signing' && e.event.type === 'greenlight.task.escalated').length === 2);
    expect(ladderOf(events, '12345-unsigned')).toEqual([
      ['escalated', '2026-11-03T16:00:00.000Z', 'signing', ['housing-head']],
      ['escalated', '2026-11-04T16:00:00.000Z', 'signing', ['housing-head', 'housing-wu', 'leader-qian']],
    ]);
    const signed = events.find((e) => e.event.subject === '12345-unsigned' && e.event.type === 'greenlight.hotlineticket.signed');
    expect(signed?.event.data).toMatchObject({ by: 'housing-wu', late: true });
  });
});

describe('a handling overdue, from Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('not handled: reminder the day before, red to the head at the deadline, the chase the next working day reaches the assigned leader', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-late'));
      await complete(await openTask(h, t, 'signing'), housingStaff, 'signed');
      const handling = await openTask(h, t, 'handling-1');
      expect(await dueOf(handling)).toBe('2026-11-05T16:00:00.000Z'); // end of Thu 11-05: 3 working days from Mon
      await handling.executeUpdate(claimTaskUpdate, { args: [{ actor: housingStaff }] });
      await sleepUntil(h, '2026-11-06T16:00:01Z');
      await complete(handling, housingStaff, 'handled', { summary: 'done, late' });
      await complete(await openTask(h, t, 'callback-1'), center, 'satisfied');
      expect(await t.result()).toMatchObject({ status: 'closed', resolution: 'resolved', light: 'red' });
      await recordHistory(t, 'hotline-ticket-handling-overdue', histories);
    });
    const events = await h.events(closed('12345-late'));
    expect(ladderOf(events, '12345-late').filter(([, , task]) => task === 'handling-1')).toEqual([
      ['reminded', '2026-11-04T16:00:00.000Z', 'handling-1', ['housing-wu']],
      ['escalated', '2026-11-05T16:00:00.000Z', 'handling-1', ['housing-head']],
      ['escalated', '2026-11-06T16:00:00.000Z', 'handling-1', ['housing-wu', 'leader-qian']],
    ]);
    const chase = events.find((e) => e.event.subject === '12345-late/handling-1' && e.event.time === '2026-11-06T16:00:00.000Z');
    expect(chase?.event.data).toMatchObject({ roles: ['assignee', 'assignedLeader'], light: 'red' });
    expectNoPersonalData(events, '12345-late');
  });
});


describe('an extension approved, from Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('asked on the handling task before its deadline, approved by the department head: the deadline moves by the working days asked for', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-extended'));
      await complete(await openTask(h, t, 'signing'), housingStaff, 'signed');
      const handling = await openTask(h, t, 'handling-1');
      expect(await dueOf(handling)).toBe('2026-11-05T16:00:00.000Z');
      await askExtension(handling, housingStaff, 2, 'the owners must vote first');
      expect(await refusedWith(decideExtension(handling, housingStaff, true))).toBe("only the departmentHead of the task's department decides an extension");
      await decideExtension(handling, housingHead, true, 'two more days');

      // The same task, still with the clerk who signed, now due at the end of Mon 11-09: 3 + 2 working days.
      const moved = await eventually(() => handling.query(taskStateQuery), (s: TaskState) => s.dueAt === '2026-11-09T16:00:00.000Z', 'the moved deadline');
      expect(moved).toMatchObject({ status: 'claimed', assigneeId: 'housing-wu' });
      expect((await t.query(ticketStateQuery)).openTaskIds).toEqual(['12345-extended/handling-1']);
      await complete(handling, housingStaff, 'handled', { summary: 'the fund was drawn after the vote' });
      await complete(await openTask(h, t, 'callback-1'), center, 'satisfied');
      expect(await t.result()).toMatchObject({ status: 'closed', resolution: 'resolved', handlingDays: 5, extensionDays: 2 });
      await recordHistory(t, 'hotline-ticket-extension-approved', histories);
    });
    const events = await h.events(closed('12345-extended'));
    expect(ticketSteps(events, '12345-extended')).toEqual(['dispatched', 'signed', 'handled', 'called-back', 'closed']);
    const task = events.filter((e) => e.event.subject === '12345-extended/handling-1').map((e) => e.event.type.replace('greenlight.task.', ''));
    expect(task).toEqual(['created', 'extension-requested', 'extension-approved', 'deadline-extended', 'completed']);
    const asked = events.find((e) => e.event.subject === '12345-extended/handling-1' && e.event.type === 'greenlight.task.extension-requested');
    expect(asked?.event.data).toMatchObject({ recipients: ['housing-head'], detail: { workingDays: 2 } });
    expectDeclared(events, '12345-extended');
  });
});

describe('an extension refused, from Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('refused by the head: the deadline stays; asked again after the deadline: refused at once', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-refused'));
      await complete(await openTask(h, t, 'signing'), housingStaff, 'signed');
      const handling = await openTask(h, t, 'handling-1');
      expect(await refusedWith(askExtension(handling, housingStaff, 4, 'busy'))).toBe('最多还能延期 3 个工作日，请减少延长工作日数');
      await askExtension(handling, housingStaff, 3, 'busy');
      await decideExtension(handling, housingHead, false, 'a consultation needs no more time');
      expect(await dueOf(handling)).toBe('2026-11-05T16:00:00.000Z');

      await sleepUntil(h, '2026-11-06T02:00:00Z'); // Fri 10:00: the deadline has passed
      await eventually(() => handling.query(taskStateQuery), (s: TaskState) => s.light === 'red', 'overdue');
      expect(await refusedWith(askExtension(handling, housingStaff, 1, 'still busy'))).toBe('办理期限已过：延期须在期限之前申请');
      await complete(handling, housingStaff, 'handled', { summary: 'answered' });
      await complete(await openTask(h, t, 'callback-1'), center, 'satisfied');
      expect(await t.result()).toMatchObject({ status: 'closed', handlingDays: 3, extensionDays: 0 });
      await recordHistory(t, 'hotline-ticket-extension-refused', histories);
    });
    const events = await h.events(closed('12345-refused'));
    const refusal = events.find((e) => e.event.subject === '12345-refused/handling-1' && e.event.type === 'greenlight.task.extension-refused');
    expect(refusal?.event.data).toMatchObject({ actorId: 'housing-head', detail: { workingDays: 3, reason: 'a consultation needs no more time' } });
    expect(events.filter((e) => e.event.type === 'greenlight.task.extension-requested' && e.event.subject === '12345-refused/handling-1')).toHaveLength(1);
    expectDeclared(events, '12345-refused');
  });
});

describe('a dissatisfied citizen, from Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('dissatisfied: redone with a fresh deadline; dissatisfied again: escalated to the assigned leader and closed unresolved', async () => {
    await h.runWorker(async () => {
      const t = await start(h, ticket('12345-redo'));
      await complete(await openTask(h, t, 'signing'), housingStaff, 'signed');
      await complete(await openTask(h, t, 'handling-1'), housingStaff, 'handled', { summary: 'first answer' });
      const callback = await openTask(h, t, 'callback-1');
      await sleepUntil(h, '2026-11-03T02:00:00Z'); // Tue 10:00
      await complete(callback, center, 'dissatisfied', { reason: 'the answer did not help' });

      const redo = await openTask(h, t, 'handling-2');
      expect(await dueOf(redo)).toBe('2026-11-06T16:00:00.000Z'); // end of Fri 11-06: 3 working days from Tue
      expect(await t.query(ticketStateQuery)).toMatchObject({ status: 'handling', round: 2, departmentId: 'housing' });
      await complete(redo, housingStaff, 'handled', { summary: 'second answer' });
      await complete(await openTask(h, t, 'callback-2'), center, 'dissatisfied', { reason: 'still not solved' });
      expect(await t.result()).toMatchObject({ status: 'closed', resolution: 'unresolved', round: 2 });
      await recordHistory(t, 'hotline-ticket-unresolved', histories);
    });
    const events = await h.events(closed('12345-redo'));
    expect(ticketSteps(events, '12345-redo')).toEqual([
      'dispatched', 'signed', 'handled', 'called-back', 'redone', 'handled', 'called-back', 'escalated', 'closed',
    ]);
    const escalated = events.find((e) => e.event.subject === '12345-redo' && e.event.type === 'greenlight.hotlineticket.escalated');
    expect(escalated?.event.data.recipients).toEqual(['leader-qian']);
    // The redo starts one level higher: the department head is told when it opens.
    const redoCreated = events.find((e) => e.event.subject === '12345-redo/handling-2' && e.event.type === 'greenlight.task.created');
    expect(redoCreated?.event.data.recipients).toContain('housing-head');
    // Each callback, for the accountability report's satisfaction (its definition's measures).
    const closing = events.find((e) => e.event.subject === '12345-redo' && e.event.type === 'greenlight.hotlineticket.closed');
    expect((closing?.event.data.process as { facts?: string[] }).facts).toEqual(['callbackDissatisfied/callback-1', 'callbackDissatisfied/callback-2']);
    expectNoPersonalData(events, '12345-redo');
    expectDeclared(events, '12345-redo');
  });
});
