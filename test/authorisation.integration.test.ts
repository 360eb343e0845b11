/**
 * The authorisation table (contracts/access.ts) tested as a table, on the real stack with the demo
 * directory: for every kind and route, every demo role, the status a person gets. One process
 * of each kind concerns the traffic police (区交警大队): its staff and head, a liaison who
 * collected the request and one who did not, the committee, a leader with no part in it, the
 * leader assigned to traffic and to the project, a top leader, an admin — and the hotline
 * center's staff for the ticket.
 */
import { eventually } from './harness/eventually';
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
};
type Kind = keyof typeof bodies;
const kinds = Object.keys(bodies) as Kind[];

// Who may start each kind with a body that names traffic, liaison-ye, leader-qian and the permits center.
const mayStart: Record<Kind, Persona[]> = {
  enterpriseRequest: ['liaison', 'admin'],
  projectApproval: ['ownStaff', 'head', 'assignedLeader', 'admin'],
  proposalHandling: ['committee', 'admin'],
  hotlineTicket: ['center', 'admin'],
};
// Who may read the one process of each kind: those who oversee every kind, and whom it concerns.
const overseers: Persona[] = ['leader', 'assignedLeader', 'topLeader', 'admin'];
const mayRead: Record<Kind, Persona[]> = {
  enterpriseRequest: [...overseers, 'ownStaff', 'head', 'liaison'],
  projectApproval: [...overseers, 'ownStaff', 'head'],
  proposalHandling: [...overseers, 'ownStaff', 'head', 'committee'],
  hotlineTicket: [...overseers, 'ownStaff', 'head', 'center'],
};
// A list shows exactly what a read allows: the record keeps every department and person a process
// concerns (its access scope), so a liaison finds the request they collected, and the hotline
// center the ticket it dispatched.
const listed: Record<Kind, Persona[]> = mayRead;
const mayReadTask: Persona[] = [...overseers, 'ownStaff', 'head'];
// Who may issue a supervision instruction (督办): those who oversee every kind, and a kind's own overseers.
const mayInstruct: Record<Kind, Persona[]> = {
  enterpriseRequest: overseers, projectApproval: overseers, proposalHandling: [...overseers, 'committee'], hotlineTicket: overseers,
};
const mayReportStats: Persona[] = ['committee', 'leader', 'assignedLeader', 'topLeader', 'admin'];

const expected = (allowed: Persona[], persona: Persona, yes: number, no: number) => (allowed.includes(persona) ? yes : no);

beforeAll(async () => {
  stack = await startStack();
  for (const kind of kinds) {
    expect((await stack.call('admin', 'POST', `/api/processes/${kind}`, bodies[kind](`tbl-${kind}`))).status).toBe(202);
  }
  await eventually(() => stack.call('admin', 'GET', '/api/processes/enterpriseRequest/tbl-enterpriseRequest'),
    (r) => r.body?.tasks?.length === 1, 'the request routed to traffic');
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

describe.each(kinds)('%s', (kind) => {
  test.each(personas)('start as %s', async (persona) => {
    const res = await stack.call(people[persona], 'POST', `/api/processes/${kind}`, bodies[kind](`tbl-${kind}-${persona}`));
    expect(res.status).toBe(expected(mayStart[kind], persona, 202, 403));
  });

  test.each(personas)('read as %s', async (persona) => {
    const res = await stack.call(people[persona], 'GET', `/api/processes/${kind}/tbl-${kind}`);
    expect(res.status).toBe(expected(mayRead[kind], persona, 200, 403));
  });

  test.each(personas)('issue a supervision instruction (督办) as %s', async (persona) => {
    const res = await stack.call(people[persona], 'POST', `/api/processes/${kind}/tbl-${kind}/instructions`,
      { text: '请三个工作日内说明进展', responseWorkingDays: 3, departmentId: 'traffic' });
    expect(res.status).toBe(expected(mayInstruct[kind], persona, 202, 403));
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

test.each(personas)("the proposals' statistics as %s", async (persona) => {
  const res = await stack.call(people[persona], 'GET', '/api/processes/proposalHandling/reports/stats');
  expect(res.status).toBe(expected(mayReportStats, persona, 200, 403));
});

test.each(personas)("the request's handling task as %s", async (persona) => {
  const res = await stack.call(people[persona], 'GET', `/api/tasks/${encodeURIComponent('tbl-enterpriseRequest/handling-1')}`);
  expect(res.status).toBe(expected(mayReadTask, persona, 200, 403));
});

test.each(personas)("an action on the project as %s: the table lets in whom it concerns, the workflow decides the rest", async (persona) => {
  // Waiving is the assigned leader's (or an admin's): the workflow's validator refuses everyone else it lets through.
  const res = await stack.call(people[persona], 'POST', '/api/processes/projectApproval/tbl-projectApproval/actions/waiveItem', { itemKey: 'nothing', reason: '表格测试' });
  const reachable = mayRead.projectApproval.includes(persona);
  const waives = persona === 'assignedLeader' || persona === 'admin';
  expect(res.status).toBe(!reachable ? 403 : waives ? 404 : 403);
});

test('every kind, route and role is in the table above', async () => {
  const doc = await (await fetch(`${stack.apiUrl}/docs/json`)).json() as { paths: Record<string, Record<string, unknown>> };
  const kindRoutes = Object.keys(doc.paths).filter((p) => p.startsWith('/api/processes/'));
  const covered = kinds.flatMap((k) => [`/api/processes/${k}`, `/api/processes/${k}/{id}`, `/api/processes/${k}/{id}/instructions`]);
  const declared = ['/api/processes/proposalHandling/reports/stats', ...['supplyMaterials', 'resubmit', 'waiveItem', 'addItem', 'changeItemDepartment'].map((a) => `/api/processes/projectApproval/{id}/actions/${a}`)];
  expect(kindRoutes.sort()).toEqual([...covered, ...declared].sort());
});
