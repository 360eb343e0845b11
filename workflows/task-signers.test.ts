/**
 * Asking opinions before deciding (前加签) and taking an asked person off (减签) on the
 * time-skipping server with a real NATS: the task cannot be completed until each has answered,
 * in any order; a person not yet answered is taken off, never the last. 后加签: the holder's
 * decision waits for the approval of each named, and one who disagrees sends it back. A kind
 * forbidding verbs on its task: refused, and not offered.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import { ForbiddableVerb, type HumanTaskInput } from '../contracts/task';
import { startHarness, type Harness } from '../test/harness/harness';
import { recordHistory } from '../test/harness/histories';
import { workingDayLadder } from './blocks/ladder';
import {
  addSignersUpdate, answerSignUpdate, chaseTaskUpdate, completeTaskUpdate, copyTaskUpdate, delegateTaskUpdate, humanTask, removeSignerUpdate, signAfterUpdate, taskStateQuery,
} from './human-task';
import { taskVerbs } from './task-access';
import { forbiddableVerbs } from './task-requests';

const clerk: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
const finance: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };
const housing: Actor = { personId: 'housing-wu', departments: ['housing'], roles: ['staff'] };
const traffic: Actor = { personId: 'traffic-zheng', departments: ['traffic'], roles: ['staff'] };

const input = (key: string): HumanTaskInput => ({
  taskKey: 'handling', processKind: 'enterpriseRequest', processId: `signers-${key}`, title: '茶馆门前停车位的诉求',
  departmentId: 'tax', assigneeId: clerk.personId, form: 'review', outcomes: ['approve'], ladder: workingDayLadder({ due: 3 }),
});

async function refusal(call: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return err.cause as { type?: string; message: string };
}

describe('前加签 and 减签', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:30:00Z' });
  });
  afterAll(() => h?.stop());

  test('opinions answered in any order; the task waits for each; one taken off, never the last', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'signers-1/handling', args: [input('1')] });
      const complete = () => task.executeUpdate(completeTaskUpdate, { args: [{ actor: clerk, outcome: 'approve', payload: {} }] });

      expect((await refusal(task.executeUpdate(addSignersUpdate, { args: [{ actor: finance, personIds: ['housing-wu'] }] }))).type).toBe('Forbidden');
      const asked = await task.executeUpdate(addSignersUpdate, {
        args: [{ actor: clerk, personIds: ['finance-liu', 'housing-wu', 'traffic-zheng'], note: '请就停车位占用提出意见' }],
      });
      expect(asked.signers?.map((s) => [s.personId, s.status])).toEqual([['finance-liu', 'pending'], ['housing-wu', 'pending'], ['traffic-zheng', 'pending']]);
      expect((await refusal(task.executeUpdate(addSignersUpdate, { args: [{ actor: clerk, personIds: ['housing-wu'] }] }))).type).toBe('Conflict');

      expect(await refusal(complete())).toMatchObject({ type: 'Conflict', message: expect.stringContaining('finance-liu, housing-wu, traffic-zheng') });

      // Answered out of the order asked.
      await task.executeUpdate(answerSignUpdate, { args: [{ actor: housing, opinion: '同意，建议限时停放' }] });
      expect((await refusal(task.executeUpdate(answerSignUpdate, { args: [{ actor: housing, opinion: '再说一次' }] }))).type).toBe('Forbidden');
      expect((await refusal(task.executeUpdate(answerSignUpdate, { args: [{ actor: clerk, opinion: '自问自答' }] }))).type).toBe('Forbidden');

      // 减签: someone answered cannot be taken off; someone waited for can.
      expect((await refusal(task.executeUpdate(removeSignerUpdate, { args: [{ actor: clerk, personId: 'housing-wu' }] }))).type).toBe('Conflict');
      const removed = await task.executeUpdate(removeSignerUpdate, { args: [{ actor: clerk, personId: 'traffic-zheng', reason: '交警意见已在卷' }] });
      expect(removed.signers?.find((s) => s.personId === 'traffic-zheng')?.status).toBe('removed');
      expect((await refusal(task.executeUpdate(answerSignUpdate, { args: [{ actor: traffic, opinion: '晚了' }] }))).type).toBe('Forbidden');

      expect(await refusal(complete())).toMatchObject({ type: 'Conflict', message: expect.stringContaining('finance-liu') });
      const answered = await task.executeUpdate(answerSignUpdate, { args: [{ actor: finance, opinion: '无意见' }] });
      expect(answered.signers?.filter((s) => s.status === 'answered').map((s) => [s.personId, s.opinion]))
        .toEqual([['finance-liu', '无意见'], ['housing-wu', '同意，建议限时停放']]);

      await complete();
      await task.result();
      await recordHistory(task, 'human-task-signers');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.completed' && e.event.data.taskId === 'signers-1/handling'));
    const mine = events.filter((e) => e.event.data.taskId === 'signers-1/handling').map((e) => e.event.type.replace('greenlight.task.', ''));
    expect(mine).toEqual(['created', 'signers-added', 'sign-answered', 'signer-removed', 'sign-answered', 'completed']);
    const added = events.find((e) => e.event.type === 'greenlight.task.signers-added');
    expect(added?.event.data.recipients).toEqual(['finance-liu', 'housing-wu', 'traffic-zheng']);
    expect(JSON.stringify(events)).not.toContain('限时停放');
  });

  test('the last person asked is never taken off', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'signers-2/handling', args: [input('2')] });
      await task.executeUpdate(addSignersUpdate, { args: [{ actor: clerk, personIds: ['finance-liu'] }] });
      expect(await refusal(task.executeUpdate(removeSignerUpdate, { args: [{ actor: clerk, personId: 'finance-liu' }] })))
        .toMatchObject({ type: 'Conflict', message: expect.stringContaining('last') });
      await task.terminate('test over');
    });
  });

  test('后加签: the decision waits for each named; one who disagrees sends it back; all agreeing complete it as the holder\'s', async () => {
    await h.runWorker(async () => {
      const task = await h.client.workflow.start(humanTask, { taskQueue: h.taskQueue, workflowId: 'signers-3/handling', args: [input('3')] });
      const signAfter = (personIds: string[]) => task.executeUpdate(signAfterUpdate, {
        args: [{ actor: clerk, outcome: 'approve', payload: {}, personIds, note: '请审核办理意见' }],
      });
      expect((await refusal(task.executeUpdate(signAfterUpdate, { args: [{ actor: finance, outcome: 'approve', payload: {}, personIds: ['housing-wu'] }] }))).type).toBe('Forbidden');
      expect((await refusal(task.executeUpdate(signAfterUpdate, { args: [{ actor: clerk, outcome: 'nope', payload: {}, personIds: ['housing-wu'] }] }))).type).toBe('InvalidOutcome');

      const put = await signAfter(['finance-liu', 'housing-wu']);
      expect(put).toMatchObject({ status: 'claimed', pendingDecision: { outcome: 'approve', actorId: clerk.personId } });
      expect(taskVerbs(clerk, put, Date.now()).verbs).not.toContain('complete');
      expect(taskVerbs(finance, put, Date.now()).verbs).toContain('answerSign');
      expect(await refusal(task.executeUpdate(completeTaskUpdate, { args: [{ actor: clerk, outcome: 'approve', payload: {} }] })))
        .toMatchObject({ type: 'Conflict', message: expect.stringContaining('finance-liu, housing-wu') });
      expect((await refusal(task.executeUpdate(answerSignUpdate, { args: [{ actor: finance, opinion: '同意' }] }))).type).toBe('InvalidRequest');

      // One disagrees: the decision comes back, the other is no longer waited for.
      await task.executeUpdate(answerSignUpdate, { args: [{ actor: housing, opinion: '同意', agree: true }] });
      const back = await task.executeUpdate(answerSignUpdate, { args: [{ actor: finance, opinion: '依据不足，请补充', agree: false }] });
      expect(back.pendingDecision).toBeUndefined();
      expect(back.status).toBe('claimed');
      expect(taskVerbs(clerk, back, Date.now()).verbs).toEqual(expect.arrayContaining(['complete', 'signAfter']));

      // Put again, to three, answered in another order; 减签 of one; the last agreeing completes it.
      await signAfter(['finance-liu', 'housing-wu', 'traffic-zheng']);
      await task.executeUpdate(removeSignerUpdate, { args: [{ actor: clerk, personId: 'housing-wu', reason: '不必再审' }] });
      await task.executeUpdate(answerSignUpdate, { args: [{ actor: traffic, opinion: '同意', agree: true }] });
      expect(await task.query(taskStateQuery)).toMatchObject({ status: 'claimed' });
      const done = await task.executeUpdate(answerSignUpdate, { args: [{ actor: finance, opinion: '补充后同意', agree: true }] });
      expect(done).toMatchObject({ status: 'completed', completion: { outcome: 'approve', actorId: clerk.personId } });
      expect(done.history.at(-1)).toMatchObject({ type: 'completed', actorId: clerk.personId, detail: { signedAfter: ['finance-liu', 'traffic-zheng'] } });
      const result = await task.result();
      expect(result).toMatchObject({ status: 'completed', completion: { outcome: 'approve', actorId: clerk.personId } });
      await recordHistory(task, 'human-task-signed-after');
    });
    const events = await h.events((all) => all.some((e) => e.event.type === 'greenlight.task.completed' && e.event.data.taskId === 'signers-3/handling'));
    const mine = events.filter((e) => e.event.data.taskId === 'signers-3/handling');
    // The approvers named are told; the holder is told each answer, the disagreement among them.
    expect(mine.find((e) => e.event.type === 'greenlight.task.signers-added')?.event.data.recipients).toEqual(['finance-liu', 'housing-wu']);
    const disagreed = mine.find((e) => e.event.type === 'greenlight.task.sign-answered' && (e.event.data.detail as { agree?: boolean }).agree === false);
    expect(disagreed?.event.data.recipients).toEqual([clerk.personId]);
    expect(mine.at(-1)?.event.data).toMatchObject({ actorId: clerk.personId, detail: { outcome: 'approve', signedAfter: ['finance-liu', 'traffic-zheng'] } });
  });

  test('a kind forbids verbs on its task: each refused, none offered', async () => {
    expect([...forbiddableVerbs].sort()).toEqual([...ForbiddableVerb.options].sort());
    await h.runWorker(async () => {
      const forbid = ['chase', 'copy', 'addSigners', 'signAfter', 'delegate'] as const;
      const task = await h.client.workflow.start(humanTask, {
        taskQueue: h.taskQueue, workflowId: 'signers-4/handling', args: [{ ...input('4'), initiatorId: 'liaison-xu', verbs: { forbid: [...forbid] } }],
      });
      const liaison: Actor = { personId: 'liaison-xu', departments: [], roles: ['liaison'] };
      const refusals = await Promise.all([
        refusal(task.executeUpdate(chaseTaskUpdate, { args: [{ actor: liaison }] })),
        refusal(task.executeUpdate(copyTaskUpdate, { args: [{ actor: clerk, personIds: ['finance-liu'], departmentIds: [] }] })),
        refusal(task.executeUpdate(addSignersUpdate, { args: [{ actor: clerk, personIds: ['finance-liu'] }] })),
        refusal(task.executeUpdate(signAfterUpdate, { args: [{ actor: clerk, outcome: 'approve', payload: {}, personIds: ['finance-liu'] }] })),
        refusal(task.executeUpdate(delegateTaskUpdate, { args: [{ actor: clerk, toPersonId: 'finance-liu' }] })),
      ]);
      expect(refusals.map((r) => r.type)).toEqual(forbid.map(() => 'Forbidden'));
      expect(refusals.every((r) => r.message.includes('forbids'))).toBe(true);
      const state = await task.query(taskStateQuery);
      expect(state.forbiddenVerbs).toEqual(forbid);
      const offered = [...taskVerbs(clerk, state, Date.now()).verbs, ...taskVerbs(liaison, state, Date.now()).verbs];
      expect(offered.filter((v) => (forbid as readonly string[]).includes(v))).toEqual([]);
      expect(offered).toEqual(expect.arrayContaining(['complete', 'transfer']));
      await task.terminate('test over');
    });
  });
});
