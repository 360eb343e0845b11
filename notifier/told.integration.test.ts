/**
 * Every "is told" the docs promise reaches `gl.notify.<personId>`, on the real stack (short SLAs
 * from test/fixtures/short-sla-directory.json). The list below is checked against the docs
 * first: a sentence in a kind's README or in docs/ that says someone is told, and that no row
 * quotes, fails the test, so a new promise comes with its check.
 *
 * Rows whose rung is weeks or months of China's calendar away (a project item's ladder, the
 * supplement deadline, a proposal's reply months) cannot be waited for on a real clock: they name
 * the time-skipping workflow test that asserts their recipients, and delivery needs nothing per
 * event — the notifier tells whoever an event names, as the rows driven here show.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Notification } from '../contracts/events';
import { eventually } from '../test/harness/eventually';
import { storedEvents } from '../test/harness/events';
import { repoRoot } from '../test/harness/harness';
import { startStack, type TestStack } from '../test/harness/stack';

interface Promise_ {
  doc: string;
  /** Words of the doc's sentence, as written (line breaks as spaces). */
  quote: string;
  /** Driven here: who, and the notification's event type and what it is about. */
  reaches?: Array<{ personId: string; eventType: string; about: string }>;
  /** Or asserted on the time-skipping server by this test file. */
  coveredBy?: string;
}

const REQ = 'req-told-1';
const PRJ = 'prj-told-1';
const PROP = '2026-told-1';

const promises: Promise_[] = [
  // A supervision instruction's rungs and answers (docs/leaders.md): the instruction's own workflow on the time-skipping server.
  { doc: 'docs/leaders.md', quote: 'you are told (`instruction.answered`)', coveredBy: 'workflows/supervision.test.ts' },
  { doc: 'docs/leaders.md', quote: 'instruction closes (`instruction.accepted`, the head told)', coveredBy: 'workflows/supervision.test.ts' },
  { doc: 'docs/leaders.md', quote: '(`instruction.returned`, the head told)', coveredBy: 'workflows/supervision.test.ts' },
  { doc: 'processes/enterprise-request/README.md', quote: 'end of day 2 | yellow | the handler (or the department\'s staff while unclaimed)',
    reaches: [{ personId: 'traffic-zheng', eventType: 'greenlight.task.reminded', about: `${REQ}/handling-1` }] },
  { doc: 'processes/enterprise-request/README.md', quote: 'end of day 3 — the deadline | red | the department head',
    reaches: [{ personId: 'traffic-head', eventType: 'greenlight.task.escalated', about: `${REQ}/handling-1` }] },
  { doc: 'processes/enterprise-request/README.md', quote: 'end of day 4 | red | the district leader assigned to the department (挂点领导)',
    reaches: [{ personId: 'leader-qian', eventType: 'greenlight.task.escalated', about: `${REQ}/handling-1` }] },
  { doc: 'processes/enterprise-request/README.md', quote: 'the head is told at once, the reminder also reaches the head, the deadline reaches the leader, the day after reaches the top leaders',
    reaches: [
      { personId: 'traffic-head', eventType: 'greenlight.task.created', about: `${REQ}/handling-2` },
      { personId: 'traffic-head', eventType: 'greenlight.task.reminded', about: `${REQ}/handling-2` },
      { personId: 'leader-qian', eventType: 'greenlight.task.escalated', about: `${REQ}/handling-2` },
      { personId: 'secretary-wang', eventType: 'greenlight.task.escalated', about: `${REQ}/handling-2` },
      { personId: 'mayor-li', eventType: 'greenlight.task.escalated', about: `${REQ}/handling-2` },
    ] },
  { doc: 'processes/enterprise-request/README.md', quote: 'A second dissatisfaction escalates to the assigned leader',
    reaches: [{ personId: 'leader-qian', eventType: 'greenlight.request.escalated', about: REQ }] },
  { doc: 'processes/project-approval/README.md', quote: '`gl.evt.project.item-rejected` goes to the assigned leader at once',
    reaches: [{ personId: 'leader-zhao', eventType: 'greenlight.project.item-rejected', about: PRJ }] },
  { doc: 'processes/project-approval/README.md', quote: 'review reopens on the same clock with the reason in its title and the department head told',
    reaches: [{ personId: 'drc-head', eventType: 'greenlight.task.created', about: `${PRJ}/filing.review-2` }] },
  { doc: 'processes/project-approval/README.md', quote: 'yellow at n−1 (the handler), red at n (the department head), the project\'s assigned leader at n+1',
    coveredBy: 'processes/project-approval/workflow.test.ts' },
  { doc: 'processes/project-approval/README.md', quote: 'the department\'s staff, its head and the assigned leader are told',
    coveredBy: 'processes/project-approval/workflow.test.ts' },
  { doc: 'processes/project-approval/README.md', quote: 'red, the same people told', coveredBy: 'processes/project-approval/workflow.test.ts' },
  { doc: 'processes/key-project-push/README.md', quote: 'the problem reopens with a fresh deadline, its department head told',
    coveredBy: 'processes/key-project-push/workflow.test.ts' },
  { doc: 'docs/verbs.md', quote: 'the holder, at once; from the second chase of the task on, their department', coveredBy: 'workflows/task-chase.test.ts' },
  { doc: 'docs/verbs.md', quote: 'the person copied is told (【抄送给你】)', coveredBy: 'workflows/task-copy.test.ts' },
  { doc: 'docs/verbs.md', quote: 'the people asked are told, may open the task', coveredBy: 'workflows/task-signers.test.ts' },
  { doc: 'docs/verbs.md', quote: 'can be taken off (they are told)', coveredBy: 'workflows/task-signers.test.ts' },
  { doc: 'docs/verbs.md', quote: 'The colleague is told; you are told when a delegation comes back.', coveredBy: 'workflows/task-handover.test.ts' },
  { doc: 'docs/verbs.md', quote: 'the approvers named are told, may open the task', coveredBy: 'workflows/task-signers.test.ts' },
  { doc: 'docs/verbs.md', quote: 'the decision comes back to you (you are told, with their opinion)', coveredBy: 'workflows/task-signers.test.ts' },
  { doc: 'docs/verbs.md', quote: 'and whoever held it is told; your step reopens to you', coveredBy: 'processes/enterprise-request/workflow.test.ts' },
  // 退回: the recipients of task.returned and of the siblings' task.cancelled on the time-skipping server; the words on the real stack in test/verbs.integration.test.ts.
  { doc: 'docs/verbs.md', quote: 'their holders are told why. The step you chose reopens to whoever did it', coveredBy: 'workflows/task-return.test.ts' },
  { doc: 'docs/verbs.md', quote: 'they are told at once (【退回给你重新办理】, with the reason)', coveredBy: 'workflows/task-return.test.ts' },
  { doc: 'docs/verbs.md', quote: 'its holder told); the draft reopens to its drafter', coveredBy: 'workflows/task-return.test.ts' },
  // 离职交接: each task's 改派 tells its new holder (roles: assignee); on the real stack in test/directory.integration.test.ts.
  { doc: 'docs/verbs.md', quote: 'the receiver is told and finds it in their 待办', coveredBy: 'test/directory.integration.test.ts' },
  { doc: 'docs/operations.md', quote: 'the receiver is told and finds it in their 待办 at once', coveredBy: 'test/directory.integration.test.ts' },
  { doc: 'processes/project-approval/README.md', quote: 'withdrawn with the leader told at the', coveredBy: 'processes/project-approval/workflow.test.ts' },
  { doc: 'processes/proposal-handling/README.md', quote: 'registration | — | the unit\'s staff (and the supervising top leaders of a key proposal)',
    reaches: [
      { personId: 'drc-chen', eventType: 'greenlight.task.created', about: `${PROP}/reply-1` },
      { personId: 'mayor-li', eventType: 'greenlight.task.created', about: `${PROP}/reply-1` },
      { personId: 'mayor-li', eventType: 'greenlight.proposal.registered', about: PROP },
    ] },
  { doc: 'processes/proposal-handling/README.md', quote: 'Each opinion is an event to the lead unit',
    reaches: [{ personId: 'drc-chen', eventType: 'greenlight.proposal.opinion-given', about: PROP }] },
  { doc: 'processes/proposal-handling/README.md', quote: '| yellow | the unit\'s staff', coveredBy: 'processes/proposal-handling/workflow.test.ts' },
  { doc: 'processes/proposal-handling/README.md', quote: '| red | the unit\'s head and the committee\'s head', coveredBy: 'processes/proposal-handling/workflow.test.ts' },
  { doc: 'processes/proposal-handling/README.md', quote: 'A key proposal\'s supervising leaders (`key.supervisingLeaderIds`) are told at every step',
    reaches: [{ personId: 'mayor-li', eventType: 'greenlight.proposal.registered', about: PROP }], coveredBy: 'processes/proposal-handling/workflow.test.ts' },
  { doc: 'docs/adding-a-definition.md', quote: 'The ladder\'s `assignee` rung reaches the person holding the task, or everyone it is offered to while unclaimed',
    reaches: [
      { personId: 'traffic-zheng', eventType: 'greenlight.task.reminded', about: `${REQ}/handling-1` },
      { personId: 'traffic-head', eventType: 'greenlight.task.reminded', about: `${REQ}/handling-1` },
    ] },
  { doc: 'docs/adding-a-definition.md', quote: 'the notifier delivers it to the people the roles name',
    reaches: [{ personId: 'leader-zhao', eventType: 'greenlight.project.item-rejected', about: PRJ }] },
];

/** The docs' sentences that promise someone is told: the lines the list must quote. */
function promisesInDocs(): Array<{ doc: string; line: string }> {
  const docs = [
    ...readdirSync(join(repoRoot, 'processes'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(repoRoot, 'processes', d.name, 'README.md')))
      .map((d) => `processes/${d.name}/README.md`),
    ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  ];
  return docs.flatMap((doc) => readFileSync(join(repoRoot, doc), 'utf8').split('\n')
    .filter((line) => /\btold\b|goes to the|notifier delivers|escalates to|reaches the|is an event to/.test(line))
    .filter((line) => !/who is told \||who was told is in/.test(line)) // table headers; the harness's note
    .map((line) => ({ doc, line: line.trim() })));
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
const docText = (doc: string) => flat(readFileSync(join(repoRoot, doc), 'utf8'));

test('the list quotes every promise the docs make, word for word', () => {
  for (const p of promises) {
    expect({ doc: p.doc, quoted: docText(p.doc).includes(p.quote) }).toEqual({ doc: p.doc, quoted: true });
    if (p.coveredBy) expect(existsSync(join(repoRoot, p.coveredBy))).toBe(true);
    expect(p.reaches ?? p.coveredBy).toBeDefined();
  }
  const unquoted = promisesInDocs().filter(({ doc, line }) => !promises.some((p) => p.doc === doc && overlaps(flat(line), p.quote)));
  expect(unquoted).toEqual([]);
});

/** A doc line and a quote overlap when one holds a run of the other's words (quotes may span lines). */
function overlaps(line: string, quote: string): boolean {
  const words = line.replace(/^[-|*\d.\s]+/, '').split(' ');
  for (let i = 0; i + 4 <= words.length; i++) if (quote.includes(words.slice(i, i + 4).join(' '))) return true;
  return quote.includes(line) || line.includes(quote);
}

describe('on the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ directoryPath: join(repoRoot, 'test/fixtures/short-sla-directory.json') });
  }, 120_000);
  afterAll(() => stack?.stop(), 60_000);

  const inbox = async (personId: string): Promise<Notification[]> =>
    (await storedEvents(stack.nats, 'GL_NOTIFY', `gl.notify.${personId}`)).map((e) => e.event as unknown as Notification);
  const reached = (personId: string, eventType: string, about: string) => eventually(() => inbox(personId),
    (ns) => ns.some((n) => n.eventType === eventType && (n.taskId === about || n.processId === about)), `${eventType} about ${about} in gl.notify.${personId}`, 30_000);
  const complete = (as: string, taskId: string, outcome: string, payload: Record<string, unknown>) => eventually(
    () => stack.call(as, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { outcome, payload }),
    (r) => r.status === 200, `${taskId} ${outcome}`);

  test('each promise driven here reaches the person, once', async () => {
    // A project: one item rejected, one refused tolerance (an essential material missing).
    const item = (key: string, departmentId: string) => ({
      key, name: key === 'filing' ? '企业投资项目备案' : '用地预审与选址意见书', departmentId, slaWorkingDays: 5, dependsOn: [],
      materials: [{ key: 'feasibility', name: '可行性研究报告', essential: true }, { key: 'energy', name: '节能审查意见', essential: false }],
      toleranceEligible: true,
    });
    expect((await stack.call('leader-zhao', 'POST', '/api/processes/projectApproval', {
      id: PRJ, name: '江西金控数字金融创新产业园', category: 'starting', demonstration: true, assignedLeaderId: 'leader-zhao',
      responsibleDepartmentId: 'drc', taskForce: '数字金融产业园项目工作专班', applicant: { name: '江西省金融控股集团有限公司' },
      plan: { items: [item('filing', 'drc'), item('site', 'resources')], targetWorkingDays: 60 },
    })).status).toBe(202);
    // A key proposal with a co-unit.
    expect((await stack.call('cppcc-yang', 'POST', '/api/processes/proposalHandling', {
      id: PROP, title: '关于推进重大项目并联审批的建议', text: 'Run approvals in parallel.', proposers: ['张委员'],
      leadUnitId: 'drc', coUnitIds: ['permits'], key: { supervisingLeaderIds: ['mayor-li'] },
    })).status).toBe(202);
    // An enterprise request on the short ladder.
    expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
      id: REQ, enterprise: { name: '名门世家大益茶馆' }, category: 'parkingAndTraffic', title: '铺面停车难', description: 'No parking.', liaisonId: 'liaison-ye',
    })).status).toBe(202);

    await complete('resources-he', `${PRJ}/site.review-1`, 'reject', { reason: '用地红线图与规划不符' });
    await complete('drc-chen', `${PRJ}/filing.review-1`, 'approveWithTolerance', { missingMaterials: ['feasibility'], commitment: '两周内补齐' });
    await complete('permits-feng', `${PROP}/opinion-permits`, 'given', { opinion: '同意，建议并联' });

    await reached('leader-qian', 'greenlight.task.escalated', `${REQ}/handling-1`);
    await complete('traffic-zheng', `${REQ}/handling-1`, 'resolved', { summary: '临时停车位十个' });
    await complete('liaison-ye', `${REQ}/confirmation-1`, 'notSatisfied', { reason: '车位太远' });
    await reached('mayor-li', 'greenlight.task.escalated', `${REQ}/handling-2`);
    await complete('traffic-zheng', `${REQ}/handling-2`, 'resolved', { summary: '改到门口' });
    await complete('liaison-ye', `${REQ}/confirmation-2`, 'notSatisfied', { reason: '仍不够' });

    for (const p of promises) {
      for (const r of p.reaches ?? []) await reached(r.personId, r.eventType, r.about);
    }
    // Once per person: no notification id twice in any inbox, and the words are there.
    const people = [...new Set(promises.flatMap((p) => p.reaches ?? []).map((r) => r.personId))];
    for (const personId of people) {
      const ns = await inbox(personId);
      expect(new Set(ns.map((n) => n.id)).size).toBe(ns.length);
      for (const n of ns) expect(n.text).toMatch(/^【.+】/);
    }
    const chase = (await inbox('leader-qian')).find((n) => n.taskId === `${REQ}/handling-1` && n.eventType === 'greenlight.task.escalated');
    // The CLI prints the words; --json the whole notification.
    const cli = (...args: string[]) => new Promise<string>((resolve, reject) => {
      const child = spawn(join(repoRoot, 'bin/greenlight'), args, { env: { ...process.env, NATS_URL: stack.natsUrl } });
      let out = '';
      const timer = setTimeout(() => { child.kill(); reject(new Error(`no notification from greenlight ${args.join(' ')}: ${out}`)); }, 20_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        // Done once the chase is printed whole, wherever it falls among the person's notifications:
        // its words, or (with --json) a complete line that carries its id.
        const printed = args.includes('--json')
          ? out.split('\n').slice(0, -1).some((l) => l.includes(chase?.id ?? '?'))
          : out.includes(`${chase?.text ?? '?'}\n`);
        if (printed) {
          clearTimeout(timer);
          child.kill();
          resolve(out);
        }
      });
    });
    const words = await cli('events', `gl.notify.leader-qian`, '--replay');
    expect(words).toContain(`${chase?.text}\n`);
    const json = (await cli('events', 'gl.notify.leader-qian', '--replay', '--json')).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(json).toContainEqual(expect.objectContaining({ id: chase?.id, dueAt: expect.stringMatching(/Z$/), lateMs: expect.any(Number), light: 'red' }));
    // Seconds late on the short ladder: said as such, in the words every surface uses (calendar/spoken-time.ts), with the link to the task.
    expect(chase?.text).toMatch(/^【超期升级】企业诉求「铺面停车难」：已超期，报挂点领导\n责任部门：区交警大队\u3000经办人：未认领\n办理时限：\d+月\d+日 周. \d\d:\d\d\u3000已超期(不到 1 分钟| \d+ 分钟)\n亮灯：红灯\n查看：http:\/\/127\.0\.0\.1:\d+\/#\/task\/req-told-1%2Fhandling-1$/);
  }, 120_000);
});
