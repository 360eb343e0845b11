/**
 * The authorisation table (contracts/access.ts) tested as a table, on the real stack with the demo
 * directory: for every kind and route, every demo role, the status a person gets. One process
 * of each kind concerns the traffic police (区交警大队): its staff and head, a liaison who
 * collected the request and one who did not, the committee, a leader with no part in it, the
 * leader assigned to traffic and to the project, a top leader, an admin — and the hotline
 * center's staff for the ticket, the major-projects office's for the project.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './harness/eventually';
import { repoRoot } from './harness/harness';
import { startStack, type TestStack } from './harness/stack';

let stack: TestStack;

const people = {
  ownStaff: 'traffic-zheng',
  otherStaff: 'tax-huang',
  head: 'traffic-head',
  liaison: 'liaison-ye',
  otherLiaison: 'liaison-xu',
  committee: 'cppcc-yang',
  leader: 'leader-zhao',
  assignedLeader: 'leader-qian',
  topLeader: 'mayor-li',
  admin: 'admin',
  center: 'permits-feng',
  projectOffice: 'drc-chen',
} as const;
type Persona = keyof typeof people;
const personas = Object.keys(people) as Persona[];

const bodies = {
  enterpriseRequest: (id: string) => ({
    id, enterprise: { name: '名门世家大益茶馆' }, category: 'parkingAndTraffic', title: '门前停车难',
    description: '顾客无法在店门前停车。', liaisonId: 'liaison-ye',
  }),
  projectApproval: (id: string) => ({
    id, name: '交通枢纽改造', category: 'starting', demonstration: false, assignedLeaderId: 'leader-qian',
    responsibleDepartmentId: 'traffic', taskForce: '重大项目工作专班', applicant: { name: '建设单位' },
    plan: { targetWorkingDays: 60, items: [{ key: 'filing', name: '项目备案', departmentId: 'traffic', slaWorkingDays: 5 }] },
  }),
  proposalHandling: (id: string) => ({
    id, title: '关于改善学校周边交通的建议', text: '上下学时段拥堵。', proposers: ['钱委员'], leadUnitId: 'traffic', coUnitIds: [],
  }),
  hotlineTicket: (id: string) => ({
    id, category: 'consultation', title: '路口信号灯时长', description: '市民询问路口信号灯的配时。',
    citizen: { name: '张女士', phone: '13800000001' }, departmentId: 'traffic', centerDepartmentId: 'permits',
  }),
  keyProjectPush: (id: string) => ({
    id, year: 2027, name: '交通指挥中心改造', tier: 'district', category: 'underConstruction',
    ownerUnit: { name: '区城投公司', contactId: 'pmo-gao' }, responsibleDepartmentId: 'traffic', assignedLeaderId: 'leader-qian',
    officeDepartmentId: 'pmo', plannedInvestment: 5000,
    nodes: [{ key: 'establishment', departmentId: 'traffic', personId: 'traffic-zheng', plannedDate: '2027-06-30' }],
  }),
};
type Kind = keyof typeof bodies;
const kinds = Object.keys(bodies) as Kind[];

// Who may start each kind with a body that names traffic, liaison-ye, leader-qian and the permits center.
const mayStart: Record<Kind, Persona[]> = {
  enterpriseRequest: ['liaison', 'admin'],
  projectApproval: ['assignedLeader', 'projectOffice', 'admin'],
  proposalHandling: ['committee', 'admin'],
  hotlineTicket: ['center', 'admin'],
  // The project office's people (项目督调办, none among these personas) and admins.
  keyProjectPush: ['admin'],
};
// Who may read the one process of each kind: those who oversee every kind, and whom it concerns.
const overseers: Persona[] = ['leader', 'assignedLeader', 'topLeader', 'admin'];
const mayRead: Record<Kind, Persona[]> = {
  enterpriseRequest: [...overseers, 'ownStaff', 'head', 'liaison'],
  projectApproval: [...overseers, 'ownStaff', 'head'],
  proposalHandling: [...overseers, 'ownStaff', 'head', 'committee'],
  hotlineTicket: [...overseers, 'ownStaff', 'head', 'center'],
  keyProjectPush: [...overseers, 'ownStaff', 'head'],
};
// A list shows exactly what a read allows: the record keeps every department and person a process
// concerns (its access scope), so a liaison finds the request they collected, and the hotline
// center the ticket it dispatched.
const listed: Record<Kind, Persona[]> = mayRead;
// The request's handling task: its department, those who oversee, and the liaison who collected the
// request (its initiator, who may chase it: docs/verbs.md).
const mayReadTask: Persona[] = [...overseers, 'ownStaff', 'head', 'liaison'];
// Who may issue a supervision instruction (督办): those who oversee every kind, and a kind's own overseers.
const mayInstruct: Record<Kind, Persona[]> = {
  enterpriseRequest: overseers, projectApproval: overseers, proposalHandling: [...overseers, 'committee'], hotlineTicket: overseers, keyProjectPush: overseers,
};
const mayReportStats: Persona[] = ['committee', 'leader', 'assignedLeader', 'topLeader', 'admin'];

const expected = (allowed: Persona[], persona: Persona, yes: number, no: number) => (allowed.includes(persona) ? yes : no);

// Tax's work, in every state a validator would otherwise name: a task claimed by tax-huang, one he
// completed, one offered; an instruction awaiting tax's answer and one answered, awaiting leader-sun.
const taxRequest = (id: string) => ({ ...bodies.enterpriseRequest(id), category: 'tax', title: '发票开不出' });
const taxTask = (n: string) => `tbl-tax-${n}/handling-1`;
const taxTasks = ['claimed', 'done', 'open'].map(taxTask);
const taxInstructions = ['tbl-tax-open/instruction-1', 'tbl-tax-open/instruction-2'];

beforeAll(async () => {
  stack = await startStack();
  for (const kind of kinds) {
    expect((await stack.call('admin', 'POST', `/api/processes/${kind}`, bodies[kind](`tbl-${kind}`))).status).toBe(202);
  }
  for (const n of ['claimed', 'done', 'open']) expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', taxRequest(`tbl-tax-${n}`))).status).toBe(202);
  await eventually(() => stack.call('admin', 'GET', '/api/processes/enterpriseRequest/tbl-enterpriseRequest'),
    (r) => r.body?.tasks?.length === 1, 'the request routed to traffic');
  for (const id of taxTasks) await eventually(() => stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(id)}`), (r) => r.status === 200, id);
  expect((await stack.call('tax-huang', 'POST', `/api/tasks/${encodeURIComponent(taxTask('claimed'))}/claim`)).status).toBe(200);
  expect((await stack.call('tax-huang', 'POST', `/api/tasks/${encodeURIComponent(taxTask('done'))}/complete`, { outcome: 'resolved', payload: { summary: '已开具' } },
    { 'idempotency-key': 'k-tax-done' })).status).toBe(200);
  for (const _ of taxInstructions) {
    expect((await stack.call('leader-sun', 'POST', '/api/processes/enterpriseRequest/tbl-tax-open/instructions',
      { text: '请说明进展', responseWorkingDays: 3, departmentId: 'tax' })).status).toBe(202);
  }
  await eventually(() => stack.call('tax-head', 'POST', `/api/instructions/${encodeURIComponent(taxInstructions[1])}/answer`, { answer: '已处理' }),
    (r) => r.status === 200, 'the answer to the second instruction');
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

describe.each(kinds)('%s', (kind) => {
  test.each(personas)('start as %s', async (persona) => {
    const res = await stack.call(people[persona], 'POST', `/api/processes/${kind}`, bodies[kind](`tbl-${kind}-${persona}`));
    expect(res.status).toBe(expected(mayStart[kind], persona, 202, 403));
  });

  // Whoever may not read it is answered as if it did not exist (404): see the strangers below.
  test.each(personas)('read as %s', async (persona) => {
    const res = await stack.call(people[persona], 'GET', `/api/processes/${kind}/tbl-${kind}`);
    expect(res.status).toBe(expected(mayRead[kind], persona, 200, 404));
  });

  test.each(personas)('issue a supervision instruction (督办) as %s', async (persona) => {
    const res = await stack.call(people[persona], 'POST', `/api/processes/${kind}/tbl-${kind}/instructions`,
      { text: '请三个工作日内说明进展', responseWorkingDays: 3, departmentId: 'traffic' });
    expect(res.status).toBe(expected(mayInstruct[kind], persona, 202, expected(mayRead[kind], persona, 403, 404)));
  });

  test.each(personas)('list as %s', async (persona) => {
    const res = await eventually(() => stack.call(people[persona], 'GET', `/api/processes/${kind}?limit=1000`), (r) => r.status === 200, 'the list');
    const found = res.body.processes.some((p: { id: string }) => p.id === `tbl-${kind}`);
    // Found once indexed: wait for it where it is expected, check it is absent where it is not.
    if (listed[kind].includes(persona)) {
      await eventually(() => stack.call(people[persona], 'GET', `/api/processes/${kind}?limit=1000`),
        (r) => r.body.processes.some((p: { id: string }) => p.id === `tbl-${kind}`), `tbl-${kind} in ${persona}'s list`);
    } else {
      expect(found).toBe(false);
    }
  });
});

// The start's scope is never the caller's choice (processes/access.test.ts): naming one's own department the 12345 center is refused.
test.each(personas)('dispatch a ticket naming their own department the center as %s', async (persona) => {
  const own = { ownStaff: 'traffic', otherStaff: 'tax', head: 'traffic', liaison: 'fic', otherLiaison: 'fic', committee: 'cppcc', center: 'permits', projectOffice: 'drc' } as Partial<Record<Persona, string>>;
  const res = await stack.call(people[persona], 'POST', '/api/processes/hotlineTicket', { ...bodies.hotlineTicket(`tbl-center-${persona}`), centerDepartmentId: own[persona] ?? 'traffic' });
  if (persona === 'center') expect(res.status).toBe(202);
  else expect([400, 403]).toContain(res.status);
});

test.each(personas)("the proposals' statistics as %s", async (persona) => {
  const res = await stack.call(people[persona], 'GET', '/api/processes/proposalHandling/reports/stats');
  expect(res.status).toBe(expected(mayReportStats, persona, 200, 403));
});

test.each(personas)("the request's handling task as %s", async (persona) => {
  const res = await stack.call(people[persona], 'GET', `/api/tasks/${encodeURIComponent('tbl-enterpriseRequest/handling-1')}`);
  expect(res.status).toBe(expected(mayReadTask, persona, 200, 404));
});

test.each(personas)("an action on the project as %s: the table lets in whom it concerns, the workflow decides the rest", async (persona) => {
  // Waiving is the assigned leader's (or an admin's): the workflow's validator refuses everyone else it lets through.
  const res = await stack.call(people[persona], 'POST', '/api/processes/projectApproval/tbl-projectApproval/actions/waiveItem', { itemKey: 'nothing', reason: '表格测试' });
  // Who may not read the project: 404, as for none; who waives: 404, no such item.
  const reachable = mayRead.projectApproval.includes(persona);
  const waives = persona === 'assignedLeader' || persona === 'admin';
  expect(res.status).toBe(!reachable || waives ? 404 : 403);
});

// 离职交接 (api/routes/handover.ts): the administrators only; a dry run, so the table moves nothing.
test.each(personas)("a handover of a person's open tasks (离职交接) as %s", async (persona) => {
  const res = await stack.call(people[persona], 'POST', '/api/people/tax-huang/handover', { toPersonId: 'tax-head', reason: '表格测试', dryRun: true });
  expect(res.status).toBe(expected(['admin'], persona, 200, 403));
});

// 代理 (api/routes/agents.ts): each person their own agent, an admin anyone's; reading asks the same.
test.each(personas)("a person's agent (代理) as %s", async (persona) => {
  const res = await stack.call(people[persona], 'GET', `/api/people/${people.ownStaff}/agent`);
  expect(res.status).toBe(expected(['ownStaff', 'admin'], persona, 200, 403));
});

test('every kind, route and role is in the table above', async () => {
  const doc = await (await fetch(`${stack.apiUrl}/docs/json`)).json() as { paths: Record<string, Record<string, unknown>> };
  const kindRoutes = Object.keys(doc.paths).filter((p) => p.startsWith('/api/processes/'));
  const covered = kinds.flatMap((k) => [`/api/processes/${k}`, `/api/processes/${k}/{id}`, `/api/processes/${k}/{id}/instructions`]);
  const declared = ['/api/processes/proposalHandling/reports/stats', ...['supplyMaterials', 'resubmit', 'waiveItem', 'addItem', 'changeItemDepartment'].map((a) => `/api/processes/projectApproval/{id}/actions/${a}`),
    ...['raiseProblem', 'replanNode', 'reportElement'].map((a) => `/api/processes/keyProjectPush/{id}/actions/${a}`)];
  expect(kindRoutes.sort()).toEqual([...covered, ...declared].sort());
});

/**
 * Strangers: of each role that may be one, people with no part in tax's work or traffic's
 * processes. Every route that names a task, an instruction or a process answers them 404 with
 * the very body an id that names nothing gets, before anything else is asked (an Update's
 * validator, a replayed Idempotency-Key): no person, no state, no existence.
 */
describe('a stranger learns nothing from any route that names a task, an instruction or a process', () => {
  const strangers = { staff: 'housing-wu', departmentHead: 'housing-head', liaison: 'liaison-xu', committeeStaff: 'cppcc-yang' };
  const directoryPeople = (JSON.parse(readFileSync(join(repoRoot, 'directory/demo.json'), 'utf8')) as { people: Array<{ id: string }> }).people.map((p) => p.id);
  const stateWords = /claimed|completed|resolved|accepted|answered|awaiting|closed|cancelled|open|pending|already|only /i;
  const bodyOf: Record<string, unknown> = {
    '/claim': {}, '/release': {}, '/reassign': { toDepartmentId: 'housing' }, '/extension': { workingDays: 1, reason: '等待' },
    '/extension/decision': { approve: true }, '/complete': { outcome: 'resolved', payload: { summary: '已办' } }, '/acknowledge': {},
    '/answer': { answer: '已办' }, '/accept': {},
    // An instruction's return (a comment) and a task's (退回: a step and a reason) share the suffix: one body serves both.
    '/return': { comment: '不完整', toStep: 'handling', reason: '不完整' },
    '/chase': { note: '请尽快办理' }, '/delegate': { toPersonId: 'housing-wu' }, '/transfer': { toPersonId: 'housing-wu' },
    '/delegation/return': { opinion: '已办' }, '/signers': { personIds: ['housing-wu'] }, '/signers/answer': { opinion: '同意' },
    '/signers/remove': { personId: 'housing-wu' }, '/copy': { personIds: ['housing-wu'] }, '/read': {},
    '/withdraw': { reason: '附件错了' }, '/sign-after': { outcome: 'resolved', payload: { summary: '已办' }, personIds: ['housing-wu'] },
    '/instructions': { text: '请说明进展', responseWorkingDays: 3, departmentId: 'housing' },
  };
  /** Every route of the OpenAPI document that names an id, with the ids of what it serves and the strangers to it. */
  async function routes(): Promise<Array<{ method: string; path: string; ids: string[]; none: string; who: string[] }>> {
    const doc = await (await fetch(`${stack.apiUrl}/docs/json`)).json() as { paths: Record<string, Record<string, unknown>> };
    // A person's sessions (api/routes/sessions.ts) name a person of the directory, which every person may read.
    return Object.entries(doc.paths).filter(([path]) => path.includes('{id}') && !path.startsWith('/api/people/')).flatMap(([path, methods]) => Object.keys(methods).map((m) => {
      const method = m.toUpperCase();
      const kind = /^\/api\/processes\/([^/]+)\/\{id\}/.exec(path)?.[1] as Kind | undefined;
      if (path.startsWith('/api/tasks/')) return { method, path, ids: taxTasks, none: 'tbl-none/handling-1', who: Object.values(strangers) };
      if (path.startsWith('/api/instructions/')) return { method, path, ids: taxInstructions, none: 'tbl-none/instruction-1', who: Object.values(strangers) };
      if (kind && kinds.includes(kind)) {
        const who = Object.entries(strangers).filter(([role]) => !(kind === 'proposalHandling' && role === 'committeeStaff')).map(([, id]) => id);
        return { method, path, ids: [`tbl-${kind}`], none: `tbl-none-${kind}`, who };
      }
      throw new Error(`${method} ${path}: a route that names an id and this test does not walk: add it here`);
    }));
  }
  const suffix = (path: string) => path.replace(/^.*\{id\}/, '').replace(/^\/actions\/.*$/, '/actions');

  test('every such route, as a stranger of each role, for every state: 404 with the body of none', async () => {
    const walked = await routes();
    expect(walked.length).toBeGreaterThanOrEqual(20);
    for (const route of walked) {
      const body = route.method === 'GET' ? undefined : (suffix(route.path) === '/actions' ? {} : bodyOf[suffix(route.path)]);
      if (route.method !== 'GET' && body === undefined) throw new Error(`${route.method} ${route.path}: give it a valid body in bodyOf`);
      const call = (who: string, id: string) => stack.call(who, route.method, route.path.replace('{id}', encodeURIComponent(id)), body,
        suffix(route.path) === '/complete' ? { 'idempotency-key': 'k-tax-done' } : {});
      for (const who of route.who) {
        const none = await call(who, route.none);
        for (const id of route.ids) {
          // Twice: a replay of the same Idempotency-Key is answered like the first call.
          for (const answer of [await call(who, id), await call(who, id)]) {
            const seen = { route: `${route.method} ${route.path}`, who, id, status: answer.status };
            expect(seen).toEqual({ ...seen, status: 404 });
            expect({ ...seen, body: JSON.stringify(answer.body).replaceAll(id, 'ID') }).toEqual({ ...seen, body: JSON.stringify(none.body).replaceAll(route.none, 'ID') });
            const text = JSON.stringify(answer.body).replaceAll(id, 'ID');
            expect({ ...seen, people: directoryPeople.filter((p) => text.includes(p)), state: stateWords.exec(text)?.[0] }).toEqual({ ...seen, people: [], state: undefined });
          }
        }
      }
    }
  }, 300_000);

  test('the states above are real: tax itself is told them', async () => {
    const claim = await stack.call('tax-head', 'POST', `/api/tasks/${encodeURIComponent(taxTask('claimed'))}/release`);
    expect(claim.status).toBe(200);
    const done = await stack.call('tax-head', 'POST', `/api/tasks/${encodeURIComponent(taxTask('done'))}/complete`, { outcome: 'resolved', payload: { summary: '再办' } });
    expect(done).toMatchObject({ status: 409, body: { error: expect.stringContaining('tax-huang') } });
  });
});
