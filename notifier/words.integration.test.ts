/**
 * What people read, on the real stack (NATS, Temporal, the notifier), off `gl.notify.<person>`:
 * every event someone is told of has its own words and names its process by its title; nobody is
 * told of their own act; "new task" goes only to those who may take it. The demo directory's
 * working-day ladders: nothing here waits for a rung.
 */
import type { Notification } from '../contracts/events';
import { eventually } from '../test/harness/eventually';
import { storedEvents } from '../test/harness/events';
import { startStack, type TestStack } from '../test/harness/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const enc = encodeURIComponent;
const inbox = async (personId: string): Promise<Notification[]> =>
  (await storedEvents(stack.nats, 'GL_NOTIFY', `gl.notify.${personId}`)).map((e) => e.event as unknown as Notification);
/** The notification of `eventType` about `about` (a task or a process) in a person's inbox, once it is there. */
const told = async (personId: string, eventType: string, about: string): Promise<Notification> => {
  const is = (n: Notification) => n.eventType === eventType && (n.taskId === about || n.processId === about || n.id.startsWith(`${about}`));
  const ns = await eventually(() => inbox(personId), (list) => list.some(is), `${eventType} about ${about} in gl.notify.${personId}`, 30_000);
  return ns.find(is) as Notification;
};
const ok = async (r: Promise<{ status: number; body: unknown }>, status = 200) => {
  const answer = await r;
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
  return answer.body as Record<string, unknown>;
};
const lines = (n: Notification) => n.text.split('\n');
/** A deadline as every surface says it, with its provisional mark when its year's holidays are not yet published. */
const instant = String.raw`(\d{4}年)?\d+月\d+日 周[一二三四五六日] \d\d:\d\d(（暂定）)?`;

test('a 督办 round trip: the head is asked in words, the leader reads the answer awaiting review, the head reads the decision; the process by its title', async () => {
  const id = 'req-words-1';
  await ok(stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
    id, enterprise: { name: '名门世家大益茶馆' }, category: 'parkingAndTraffic', title: '茶馆门前无处停车', description: '店主希望在店旁设置临时停车位。', liaisonId: 'liaison-ye',
  }), 202);
  await told('traffic-zheng', 'greenlight.task.created', `${id}/handling-1`);
  const issued = await eventually(() => stack.call('leader-qian', 'POST', `/api/processes/enterpriseRequest/${id}/instructions`, {
    text: '请三个工作日内拿出临时停车方案', responseWorkingDays: 3, departmentId: 'traffic',
  }), (r) => r.status === 202 || r.status === 200, 'the instruction issued');
  const instructionId = issued.body.instructionId as string;

  const asked = await told('traffic-head', 'greenlight.instruction.issued', id);
  expect(lines(asked)[0]).toBe('【督办，请答复】企业诉求「茶馆门前无处停车」');
  expect(asked.text).toContain('\n督办内容：请三个工作日内拿出临时停车方案\n');
  expect(asked.text).toContain('\n下达人：钱副区长 (挂点领导: 住建、自然资源、交通)\n');
  expect(asked.link).toBe(`${stack.apiUrl}/#/instruction/${enc(instructionId)}`);

  await eventually(() => stack.call('traffic-head', 'GET', `/api/instructions/${enc(instructionId)}`), (r) => r.body?.responseTaskId !== undefined, 'the response task');
  await ok(stack.call('traffic-head', 'POST', `/api/instructions/${enc(instructionId)}/answer`, { answer: '已在茶馆旁划设十个临时停车位' }));
  const answered = await told('leader-qian', 'greenlight.instruction.answered', id);
  expect(lines(answered)[0]).toBe('【督办已答复，待您审阅】企业诉求「茶馆门前无处停车」');
  expect(answered.text).toContain('\n督办内容：请三个工作日内拿出临时停车方案\n');
  expect(answered.text).toMatch(/\n答复人：.+\n答复：已在茶馆旁划设十个临时停车位\n/);
  expect(answered.text).not.toMatch(/事项动态|instruction\.answered|req-words-1」/);

  await eventually(() => stack.call('leader-qian', 'POST', `/api/instructions/${enc(instructionId)}/accept`, { comment: '很好，请持续跟进' }), (r) => r.status === 200, 'accepted');
  const accepted = await told('traffic-head', 'greenlight.instruction.accepted', id);
  expect(lines(accepted)[0]).toBe('【督办答复已认可，督办办结】企业诉求「茶馆门前无处停车」');
  expect(accepted.text).toContain('\n意见：很好，请持续跟进\n');
  // Nobody is told of their own act: not the leader of issuing or accepting, not the head of answering.
  expect((await inbox('leader-qian')).filter((n) => ['greenlight.instruction.issued', 'greenlight.instruction.accepted'].includes(n.eventType))).toEqual([]);
  expect((await inbox('traffic-head')).filter((n) => n.eventType === 'greenlight.instruction.answered')).toEqual([]);
}, 120_000);

test('an extension: the head is asked with how long and why; the approval is told once, to the asker, with the new deadline; the head is not told of their own decision', async () => {
  const id = '12345-words-1';
  await ok(stack.call('admin', 'POST', '/api/processes/hotlineTicket', {
    id, category: 'consultation', title: '楼顶漏水如何使用维修基金', description: '居民询问业主如何申请使用专项维修资金修理漏水的屋顶。',
    citizen: { name: '张女士', phone: '13800000001' }, departmentId: 'housing', centerDepartmentId: 'permits',
  }), 202);
  const signing = `${id}/signing`;
  await eventually(() => stack.call('housing-wu', 'POST', `/api/tasks/${enc(signing)}/complete`, { outcome: 'signed', payload: {} }), (r) => r.status === 200, 'signed');
  const handling = `${id}/handling-1`;
  const before = await eventually(() => stack.call('housing-wu', 'GET', `/api/tasks/${enc(handling)}`), (r) => r.status === 200 && r.body.dueAt !== undefined, 'the handling task');
  await ok(stack.call('housing-wu', 'POST', `/api/tasks/${enc(handling)}/extension`, { workingDays: 2, reason: '需业主大会表决' }));

  const asked = await told('housing-head', 'greenlight.task.extension-requested', handling);
  expect(lines(asked)[0]).toBe('【延期申请待审批】工单「办理: 楼顶漏水如何使用维修基金」');
  expect(asked.text).toContain('\n申请延期：2 个工作日\n申请人：吴 (住建局经办)\n原因：需业主大会表决\n');

  await ok(stack.call('housing-head', 'POST', `/api/tasks/${enc(handling)}/extension/decision`, { approve: true, reason: '同意' }));
  const after = await eventually(() => stack.call('housing-wu', 'GET', `/api/tasks/${enc(handling)}`), (r) => r.body.dueAt !== before.body.dueAt, 'the deadline moved');
  const extended = await told('housing-wu', 'greenlight.task.deadline-extended', handling);
  expect(lines(extended)[0]).toBe('【延期已批准，办理时限已更新】工单「办理: 楼顶漏水如何使用维修基金」');
  expect(extended.dueAt).toBe(after.body.dueAt);
  expect(extended.text).toMatch(new RegExp(`\\n办理时限：${instant}\\u3000还剩 \\d+ 个工作日\\n`));
  expect(extended.text).toContain('\n批准人：住建局局长\n');
  // One notice of the approval, with the new deadline: none with the old one.
  const aboutIt = (ns: Notification[]) => ns.filter((n) => n.taskId === handling && ['greenlight.task.extension-approved', 'greenlight.task.deadline-extended'].includes(n.eventType));
  expect(aboutIt(await inbox('housing-wu')).map((n) => n.eventType)).toEqual(['greenlight.task.deadline-extended']);
  expect(aboutIt(await inbox('housing-head'))).toEqual([]);
  expect((await inbox('housing-wu')).filter((n) => n.eventType === 'greenlight.task.extension-requested')).toEqual([]);
}, 120_000);

test('a key proposal is named by its title; its supervising leader is told the task was handed out, the lead unit that it has a new task', async () => {
  const id = '2026-words-1';
  await ok(stack.call('cppcc-yang', 'POST', '/api/processes/proposalHandling', {
    id, title: '关于推进重大项目并联审批的建议', text: '建议各审批部门并联办理重大项目审批事项。', proposers: ['张委员'],
    leadUnitId: 'drc', coUnitIds: ['permits'], key: { supervisingLeaderIds: ['mayor-li'] },
  }), 202);
  const registered = await told('mayor-li', 'greenlight.proposal.registered', id);
  expect(lines(registered)[0]).toBe('【提案交办】政协提案「关于推进重大项目并联审批的建议」');

  const reply = `${id}/reply-1`;
  const toLeader = await told('mayor-li', 'greenlight.task.created', reply);
  expect(lines(toLeader)[0]).toBe('【任务已交办】政协提案「提案答复: 关于推进重大项目并联审批的建议」');
  const toUnit = await told('drc-chen', 'greenlight.task.created', reply);
  expect(lines(toUnit)[0]).toBe('【新待办】政协提案「提案答复: 关于推进重大项目并联审批的建议」');
  expect(toUnit.text).toMatch(new RegExp(`\\n办理时限：${instant}\\u3000还剩 \\d+ 个工作日\\n`));
  // "New task" for nobody who may not take it.
  expect((await inbox('mayor-li')).filter((n) => n.subject.startsWith('【新待办】'))).toEqual([]);
}, 120_000);
