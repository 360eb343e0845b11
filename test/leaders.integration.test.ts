/**
 * What a leader does and sees, on the real stack (a Temporal dev server, NATS, the worker, the
 * API): an enterprise request left unhandled escalates to its department's assigned leader
 * (short ISO-duration SLAs from a test directory); the leader finds it among their escalations,
 * acknowledges it, sees it red on their board and in the kind's list (the list's light follows
 * the open tasks'); a leader of other departments sees none of it. Then supervision instructions
 * (督办) through the API and the CLI.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './harness/eventually';
import { repoRoot } from './harness/harness';
import { JWT_SECRET, startStack, type TestStack } from './harness/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ directoryPath: join(repoRoot, 'test/fixtures/short-sla-directory.json') });
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const request = (id: string) => ({
  id,
  enterprise: { name: '名门世家大益茶馆', contact: '138-0000-0000' },
  category: 'parkingAndTraffic',
  title: 'Customers cannot park in front of the tea house',
  description: 'The owner asks for short-stay parking spaces near the shop.',
  liaisonId: 'liaison-ye',
});
const enc = encodeURIComponent;

test('an escalation reaches its leader, who acknowledges it; the board and the list show the request red', async () => {
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-lead'))).status).toBe(202);
  const taskId = 'req-lead/handling-1';
  // The traffic department's assigned leader is leader-qian: the third rung (6 s) reaches them.
  const mine = await eventually(
    () => stack.call('leader-qian', 'GET', '/api/leaders/me/escalations'),
    (r) => r.status === 200 && r.body.escalations.some((e: { taskId: string }) => e.taskId === taskId),
    'the escalation among the leader\'s', 30_000,
  );
  expect(mine.body.escalations.find((e: { taskId: string }) => e.taskId === taskId)).toMatchObject({
    processKind: 'enterpriseRequest', processId: 'req-lead', light: 'red', departmentId: 'traffic', acknowledged: false,
    escalations: [{ step: 2, label: 'overdue: assigned leader', acknowledged: false }],
  });
  expect((await stack.call('leader-sun', 'GET', '/api/leaders/me/escalations')).body.escalations).toEqual([]);

  expect((await stack.call('leader-sun', 'POST', `/api/tasks/${enc(taskId)}/acknowledge`, {})).status).toBe(403);
  expect((await stack.call('leader-qian', 'POST', `/api/tasks/${enc(taskId)}/acknowledge`, { step: 7 })).status).toBe(400);
  const acknowledged = await stack.call('leader-qian', 'POST', `/api/tasks/${enc(taskId)}/acknowledge`, { note: '已阅，请交警大队今日办结' });
  expect(acknowledged.status).toBe(200);
  expect(acknowledged.body.light).toBe('red');
  expect(acknowledged.body.escalations.find((e: { step: number }) => e.step === 2).acknowledgements)
    .toEqual([{ personId: 'leader-qian', at: expect.any(String), note: '已阅，请交警大队今日办结' }]);
  const after = await stack.call('leader-qian', 'GET', '/api/leaders/me/escalations?acknowledged=true');
  expect(after.body.escalations.map((e: { taskId: string }) => e.taskId)).toEqual([taskId]);
  expect((await stack.call('leader-qian', 'GET', '/api/leaders/me/escalations?acknowledged=false')).body.escalations).toEqual([]);

  // The process's timeline has the acknowledgement: who and when.
  const view = await stack.call('leader-qian', 'GET', '/api/processes/enterpriseRequest/req-lead');
  expect(view.body.light).toBe('red');
  expect(view.body.timeline).toContainEqual(expect.objectContaining({
    event: 'task.acknowledged', detail: expect.objectContaining({ taskId, actorId: 'leader-qian', step: 2 }),
  }));

  // The list says red too, as the view does, and a light filter finds it.
  const listed = await eventually(
    () => stack.call('leader-qian', 'GET', '/api/processes/enterpriseRequest?light=red'),
    (r) => r.body.processes?.some((p: { id: string }) => p.id === 'req-lead'), 'the request in the red list', 15_000,
  );
  expect(listed.body.processes.find((p: { id: string }) => p.id === 'req-lead').light).toBe('red');
  expect((await stack.call('leader-qian', 'GET', '/api/processes/enterpriseRequest?light=green')).body.processes
    .some((p: { id: string }) => p.id === 'req-lead')).toBe(false);

  // The board: the mayor sees the district, leader-qian their departments, leader-sun not this one.
  const boardOf = (personId: string) => stack.call(personId, 'GET', '/api/leaders/me/board');
  const mayor = await boardOf('mayor-li');
  expect(mayor.body.scope).toBe('district');
  expect(mayor.body.kinds.map((k: { kind: string }) => k.kind)).toEqual(['enterpriseRequest', 'hotlineTicket', 'keyProjectPush', 'projectApproval', 'proposalHandling']);
  expect(mayor.body.items).toContainEqual(expect.objectContaining({ kind: 'enterpriseRequest', id: 'req-lead', light: 'red', departmentId: 'traffic' }));
  expect(mayor.body.kinds[0].lights.red).toBeGreaterThanOrEqual(1);
  const qian = await boardOf('leader-qian');
  expect(qian.body.scope).toEqual({ departments: ['housing', 'traffic', 'resources', 'ecology', 'fire'], people: ['leader-qian'] });
  expect(qian.body.items.map((i: { id: string }) => i.id)).toContain('req-lead');
  const sun = await boardOf('leader-sun');
  expect(sun.body.items.map((i: { id: string }) => i.id)).not.toContain('req-lead');
  expect(sun.body.kinds[0]).toMatchObject({ kind: 'enterpriseRequest', total: 0 });
  // A department's staff see their department's board.
  expect((await boardOf('traffic-zheng')).body).toMatchObject({ scope: { departments: ['traffic'], people: ['traffic-zheng'] } });
}, 120_000);

test('a leader issues two instructions on one request; the head answers, the leader accepts; the view and "my instructions" show them', async () => {
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', request('req-sup'))).status).toBe(202);
  await eventually(() => stack.call('liaison-ye', 'GET', '/api/processes/enterpriseRequest/req-sup'), (r) => r.status === 200, 'the request');
  const body = { text: '请交警大队三个工作日内拿出临时停车方案', responseWorkingDays: 3, departmentId: 'traffic', about: 'req-sup/handling-1' };
  const issue = (personId: string, b: unknown, kind = 'enterpriseRequest') => stack.call(personId, 'POST', `/api/processes/${kind}/req-sup/instructions`, b);
  expect((await issue('traffic-zheng', body)).status).toBe(403);
  expect((await issue('leader-qian', { ...body, departmentId: 'nowhere' })).status).toBe(400);
  expect((await issue('leader-qian', { ...body, responseWorkingDays: 0 })).status).toBe(400);
  expect((await issue('leader-qian', body, 'hotlineTicket')).status).toBe(404);
  const first = await issue('leader-qian', body);
  expect(first).toMatchObject({ status: 202, body: { instructionId: 'req-sup/instruction-1', processId: 'req-sup' } });
  // A second one at once, to another department: the next number, though visibility may not show the first yet.
  const second = await issue('mayor-li', { text: '住建局配合提供周边用地情况', responseWorkingDays: 5, departmentId: 'housing' });
  expect(second).toMatchObject({ status: 202, body: { instructionId: 'req-sup/instruction-2' } });

  const id = enc('req-sup/instruction-1');
  const inbox = await eventually(() => stack.call('traffic-head', 'GET', '/api/tasks'),
    (r) => r.body.tasks.some((t: { taskId: string }) => t.taskId === 'req-sup/instruction-1/response-1'), 'the response task in the head\'s inbox', 15_000);
  expect(inbox.body.tasks.find((t: { taskId: string }) => t.taskId === 'req-sup/instruction-1/response-1'))
    .toMatchObject({ processKind: 'enterpriseRequest', processId: 'req-sup', assigneeId: 'traffic-head', light: 'green' });
  expect((await stack.call('traffic-zheng', 'POST', `/api/instructions/${id}/answer`, { answer: 'x' })).status).toBe(403);
  const answered = await stack.call('traffic-head', 'POST', `/api/instructions/${id}/answer`, { answer: '已在茶馆旁划设十个临时停车位' });
  expect(answered).toMatchObject({ status: 200, body: { taskId: 'req-sup/instruction-1/response-1', completion: { outcome: 'answered', actorId: 'traffic-head' } } });

  expect((await stack.call('leader-sun', 'POST', `/api/instructions/${id}/accept`, {})).status).toBe(403);
  const accepted = await eventually(() => stack.call('leader-qian', 'POST', `/api/instructions/${id}/accept`, { comment: '同意' }),
    (r) => r.status !== 409, 'the answer reaching the instruction', 15_000);
  expect(accepted).toMatchObject({ status: 200, body: { answers: [{ answer: '已在茶馆旁划设十个临时停车位', decision: 'accepted', comment: '同意' }] } });
  expect((await stack.call('leader-qian', 'POST', `/api/instructions/${id}/return`, { comment: 'again' })).status).toBe(409);

  const mine = await eventually(() => stack.call('leader-qian', 'GET', '/api/leaders/me/instructions'),
    (r) => r.body.instructions.some((i: { instructionId: string; status: string }) => i.instructionId === 'req-sup/instruction-1' && i.status === 'accepted'),
    'the accepted instruction among the leader\'s', 15_000);
  expect(mine.body.instructions.map((i: { instructionId: string }) => i.instructionId)).toEqual(['req-sup/instruction-1']);
  expect(mine.body.instructions[0]).toMatchObject({ processKind: 'enterpriseRequest', processId: 'req-sup', departmentId: 'traffic', issuedBy: 'leader-qian', responderId: 'traffic-head', text: body.text });
  expect((await stack.call('mayor-li', 'GET', '/api/leaders/me/instructions?status=awaitingAnswer')).body.instructions)
    .toMatchObject([{ instructionId: 'req-sup/instruction-2', departmentId: 'housing', responderId: 'housing-head' }]);

  const view = await stack.call('liaison-ye', 'GET', '/api/processes/enterpriseRequest/req-sup');
  expect(view.body.instructions.map((i: { instructionId: string; status: string }) => [i.instructionId, i.status])).toEqual([
    ['req-sup/instruction-1', 'accepted'], ['req-sup/instruction-2', 'awaitingAnswer'],
  ]);
  const trail = view.body.timeline.filter((e: { event: string }) => e.event.startsWith('instruction.'))
    .map((e: { event: string; detail: { instructionId: string; actorId?: string } }) => [e.event, e.detail.instructionId, e.detail.actorId]);
  expect(trail).toEqual(expect.arrayContaining([
    ['instruction.issued', 'req-sup/instruction-1', 'leader-qian'],
    ['instruction.answered', 'req-sup/instruction-1', 'traffic-head'],
    ['instruction.accepted', 'req-sup/instruction-1', 'leader-qian'],
    ['instruction.issued', 'req-sup/instruction-2', 'mayor-li'],
  ]));
  expect((await stack.call('housing-wu', 'GET', `/api/instructions/${id}`)).status).toBe(404);
  expect((await stack.call('traffic-zheng', 'GET', `/api/instructions/${id}`)).body.status).toBe('accepted');
}, 120_000);

test('the CLI: instruct, answer, my instructions, my escalations and the board, as a leader and a head would type them', async () => {
  const greenlight = async (...args: string[]) => {
    const env = { ...process.env, GREENLIGHT_API_URL: stack.apiUrl, GREENLIGHT_JWT_SECRET: JWT_SECRET };
    return (await promisify(execFile)(join(repoRoot, 'bin/greenlight'), args, { env })).stdout;
  };
  const issued = JSON.parse(await greenlight('instruct', 'enterpriseRequest', 'req-sup', '--text', '请两日内回复', '--days', '2', '--department', 'traffic', '--as', 'leader-qian'));
  expect(issued).toEqual({ instructionId: 'req-sup/instruction-3', processId: 'req-sup' });
  await eventually(() => stack.call('traffic-head', 'GET', `/api/instructions/${enc(issued.instructionId)}`), (r) => r.body.responseTaskId !== undefined, 'the response task');
  expect(JSON.parse(await greenlight('instruction', 'answer', issued.instructionId, '--answer', '已回复', '--as', 'traffic-head')))
    .toMatchObject({ completion: { outcome: 'answered' } });
  await eventually(() => greenlight('instructions', '--as', 'leader-qian'), (text) => /answered\s+.*\s+req-sup\/instruction-3/.test(text), 'the answered instruction');
  // When the rung reached the leader, in Shanghai words as the workbench and the notice say it, not UTC.
  expect(await greenlight('escalations', '--as', 'leader-qian')).toMatch(/red\s+已阅\s+\d+月\d+日 周[一二三四五六日] \d\d:\d\d\s+req-lead\/handling-1/);
  const board = await greenlight('board', '--as', 'mayor-li');
  expect(board).toMatch(/^scope: the whole district/);
  expect(board).toMatch(/red\s+enterpriseRequest\s+req-lead/);
}, 120_000);
