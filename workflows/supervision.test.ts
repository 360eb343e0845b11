/**
 * A supervision instruction (督办) on the time-skipping server with a real NATS server and the
 * real calendar: left unanswered, it turns red and escalates back to the leader who issued it at
 * the end of its last working day, neither earlier nor later; the department's head answers, the
 * leader sends it back once and then accepts; only the leader who issued it decides.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { InstructionInput } from '../contracts/instruction';
import { startHarness, type Harness } from '../test/harness/harness';
import { eventually } from '../test/harness/eventually';
import { recordHistory } from '../test/harness/histories';
import { expectRungAt } from '../test/harness/rungs';
import { completeTaskUpdate, taskStateQuery } from './human-task';
import { acceptInstructionUpdate, instructionStateQuery, returnInstructionUpdate, supervisionInstruction } from './supervision';

const leaderQian: Actor = { personId: 'leader-qian', departments: [], roles: ['leader'] };
const housingHead: Actor = { personId: 'housing-head', departments: ['housing'], roles: ['departmentHead', 'staff'] };
const mayor: Actor = { personId: 'mayor-li', departments: [], roles: ['topLeader', 'leader'] };

const input: InstructionInput = {
  processKind: 'projectApproval',
  processId: 'proj-sup',
  text: '请住建局两个工作日内说明施工许可为何尚未办结',
  responseWorkingDays: 2,
  departmentId: 'housing',
  about: 'proj-sup/item-construction-permit',
  issuedBy: 'leader-qian',
  responderId: 'housing-head',
};

let h: Harness;
// Monday 2026-11-02, 09:00 in Shanghai: two working days end at 24:00 on Wednesday 4 November.
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
});
afterAll(() => h?.stop());

async function rejection(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return String((err as WorkflowUpdateFailedError).cause?.message);
}

const escalationsOf = async (id: string) => (await h.events()).filter((e) => e.event.subject === id && e.event.type === 'greenlight.instruction.escalated')
  .map((e) => e.event.data.recipients);

test('an unanswered instruction escalates back to its leader at its deadline; answered, returned once, accepted', async () => {
  await h.runWorker(async () => {
    const id = 'proj-sup/instruction-1';
    const handle = await h.client.workflow.start(supervisionInstruction, { taskQueue: h.taskQueue, workflowId: id, args: [input] });
    const issued = await eventually(() => handle.query(instructionStateQuery), (s) => s.responseTaskId !== undefined, 'the response task');
    expect(issued).toMatchObject({ status: 'awaitingAnswer', light: 'green', dueAt: '2026-11-04T16:00:00.000Z', provisional: false, round: 1 });
    const response = h.client.workflow.getHandle(`${id}/response-1`);
    expect(await response.query(taskStateQuery)).toMatchObject({
      processKind: 'projectApproval', processId: 'proj-sup', assigneeId: 'housing-head', form: 'instructionResponse', dueAt: '2026-11-04T16:00:00.000Z',
    });

    const observe = async () => ({
      light: (await handle.query(instructionStateQuery)).light,
      taskLight: (await response.query(taskStateQuery)).light,
      escalatedTo: await escalationsOf(id),
    });
    await expectRungAt(h.env, '2026-11-04T16:00:00Z', observe,
      { light: 'green', escalatedTo: [] },
      { light: 'red', taskLight: 'red', escalatedTo: [['leader-qian']] });

    expect(await rejection(handle.executeUpdate(acceptInstructionUpdate, { args: [{ actor: leaderQian }] }))).toMatch(/awaits its answer/);
    await response.executeUpdate(completeTaskUpdate, { args: [{ actor: housingHead, outcome: 'answered', payload: { answer: '消防验收意见已补齐，明日发证' } }] });
    await eventually(() => handle.query(instructionStateQuery), (s) => s.status === 'answered', 'the answer');
    expect(await rejection(handle.executeUpdate(acceptInstructionUpdate, { args: [{ actor: mayor }] }))).toMatch(/only leader-qian, who issued this instruction/);
    expect(await rejection(handle.executeUpdate(returnInstructionUpdate, { args: [{ actor: leaderQian, comment: '' }] }))).toMatch(/say what the answer lacks/);
    await handle.executeUpdate(returnInstructionUpdate, { args: [{ actor: leaderQian, comment: '请写明发证日期' }] });

    const second = await eventually(() => handle.query(instructionStateQuery), (s) => s.round === 2 && s.responseTaskId !== undefined, 'the second round');
    // Sent back just after midnight on Thursday 5 November: two more working days, Friday and Monday.
    expect(second).toMatchObject({ status: 'awaitingAnswer', light: 'green', returned: true, dueAt: '2026-11-09T16:00:00.000Z' });
    await h.client.workflow.getHandle(`${id}/response-2`).executeUpdate(completeTaskUpdate, {
      args: [{ actor: housingHead, outcome: 'answered', payload: { answer: '11月5日已发证' } }],
    });
    await eventually(() => handle.query(instructionStateQuery), (s) => s.status === 'answered', 'the second answer');
    expect(await rejection(handle.executeUpdate(returnInstructionUpdate, { args: [{ actor: leaderQian, comment: 'again' }] }))).toMatch(/sent back once/);
    await handle.executeUpdate(acceptInstructionUpdate, { args: [{ actor: leaderQian, comment: '同意' }] });
    const closed = await handle.result();
    expect(closed).toMatchObject({ status: 'accepted', light: 'green', returned: true });
    expect(closed.answers).toMatchObject([
      { round: 1, answer: '消防验收意见已补齐，明日发证', answeredBy: 'housing-head', decision: 'returned', comment: '请写明发证日期' },
      { round: 2, answer: '11月5日已发证', answeredBy: 'housing-head', decision: 'accepted', comment: '同意' },
    ]);
    expect(closed.history.map((e) => e.type)).toEqual(['issued', 'escalated', 'answered', 'returned', 'answered', 'accepted']);
    await recordHistory(handle, 'supervision-instruction');

    const events = await h.events((all) => all.some((e) => e.event.subject === id && e.event.type === 'greenlight.instruction.accepted'));
    expect(events.filter((e) => e.event.subject === id).map((e) => [e.event.type.replace('greenlight.instruction.', ''), e.event.data.recipients])).toEqual([
      ['issued', ['housing-head']],
      ['escalated', ['leader-qian']],
      ['answered', ['leader-qian']],
      ['returned', ['housing-head']],
      ['answered', ['leader-qian']],
      ['accepted', ['housing-head']],
    ]);
  });
});
