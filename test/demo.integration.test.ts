/**
 * The stock demo as one trying Greenlight meets it, on the real stack (a Temporal dev server,
 * NATS, the worker, the API, the intake and the notifier), seeded as `scripts/stack.sh` seeds it:
 * the request on the demo directory's short ladder turns yellow, then red, and reaches its
 * leader — here with the ladder's minutes made seconds, so that it happens within the test. Then
 * that leader's board says the same numbers in the API, the CLI and the workbench (Chromium).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Board, LightCounts } from '../api/board';
import { Directory, type Directory as DirectoryType } from '../contracts/directory';
import type { Ladder, Offset } from '../contracts/ladder';
import type { TaskState } from '../contracts/task';
import { seedDemo } from '../demo/seed';
import type { Notification } from '../contracts/events';
import { SubmitRequest } from '../processes/enterprise-request/contract';
import { requestDirectoryIssues } from '../processes/enterprise-request/directory-check';
import { namedHandlingLadder, PROCESS_KIND } from '../processes/enterprise-request/kind';
import { validateAgainst } from '../contracts/issues';
import { eventually } from './harness/eventually';
import { storedEvents } from './harness/events';
import { repoRoot } from './harness/harness';
import { JWT_SECRET, startStack, type TestStack } from './harness/stack';
import { buildWorkbench } from '../web/build';
import { demoSignIn, launch, screenshots, seriousViolations } from '../web/test/browser';

const demoDirectory: DirectoryType = Directory.parse(JSON.parse(readFileSync(join(repoRoot, 'directory/demo.json'), 'utf8')));
const requests = (JSON.parse(readFileSync(join(repoRoot, 'processes/enterprise-request/demo.commands.json'), 'utf8')) as Array<{ body: SubmitRequest }>)
  .map((c) => c.body);
const shortLadder = requests.filter((r) => r.handlingLadder);
const presetOf = (r: SubmitRequest) => `${PROCESS_KIND}.${namedHandlingLadder(r.handlingLadder ?? '')}`;

/** A duration of whole minutes, in minutes. */
function minutes(offset: Offset): number {
  const m = 'duration' in offset ? /^PT(\d+)M$/.exec(offset.duration) : null;
  if (!m) throw new Error(`the demo's short ladder counts in whole minutes (PT<n>M), not ${JSON.stringify(offset)}`);
  return Number(m[1]);
}

/** The same ladder with every minute a second. */
function inSeconds(ladder: Ladder): Ladder {
  const s = (o: Offset): Offset => ({ duration: `PT${minutes(o)}S` });
  return { due: s(ladder.due), steps: ladder.steps.map((step) => ({ ...step, at: s(step.at) })) };
}

describe('the demo requests (processes/enterprise-request/demo.commands.json)', () => {
  test.each(requests.map((r) => [r.id, r]))('%s is a valid submission on the demo directory', (_id, body) => {
    expect(validateAgainst(SubmitRequest, requestDirectoryIssues, body, demoDirectory)).toMatchObject({ ok: true });
  });

  test('a ladder the directory does not hold is refused at the boundary, beside its field', () => {
    expect(validateAgainst(SubmitRequest, requestDirectoryIssues, { ...requests[0], handlingLadder: 'nowhere' }, demoDirectory)).toMatchObject({
      ok: false, issues: [{ path: 'handlingLadder', message: `the directory has no ladder preset ${PROCESS_KIND}.handling.nowhere` }],
    });
  });

  test('one runs on a ladder of minutes: yellow within 2, red to the head within 5, the leader within 10', () => {
    expect(shortLadder.map((r) => r.id)).toEqual(['req-demo-tax']);
    const ladder = demoDirectory.ladders[presetOf(shortLadder[0])];
    const at = (light: string, role: string) => ladder.steps.filter((s) => s.light === light && s.notify.includes(role as never)).map((s) => minutes(s.at));
    expect(Math.min(...at('yellow', 'assignee'))).toBeLessThanOrEqual(2);
    expect(Math.min(...at('red', 'departmentHead'))).toBeLessThanOrEqual(5);
    expect(Math.min(...at('red', 'assignedLeader'))).toBeLessThanOrEqual(10);
  });
});

describe('on the real stack, the short ladder in seconds', () => {
  let stack: TestStack;
  const dir = mkdtempSync(join(tmpdir(), 'gl-demo-'));
  const request = shortLadder[0];
  const taskId = `${request.id}/handling-1`;
  const department = demoDirectory.departments.find((d) => d.handles.includes(request.category));
  if (!department) throw new Error(`no demo department handles ${request.category}`);

  beforeAll(async () => {
    const raw = JSON.parse(readFileSync(join(repoRoot, 'directory/demo.json'), 'utf8'));
    raw.ladders[presetOf(request)] = inSeconds(demoDirectory.ladders[presetOf(request)]);
    const directoryPath = join(dir, 'directory.json');
    writeFileSync(directoryPath, JSON.stringify(raw));
    process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
    await buildWorkbench();
    stack = await startStack({ directoryPath });
    await seedDemo(stack.nats);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test("the short-ladder request turns yellow, then red to the department's head, and reaches its assigned leader", async () => {
    const leaderId = department.assignedLeaderId;
    const notices = (personId: string) => storedEvents(stack.nats, 'GL_NOTIFY', `gl.notify.${personId}`)
      .then((stored) => stored.map((e) => e.event as unknown as Notification).filter((n) => n.taskId === taskId));
    const told = await eventually(() => notices(leaderId), (ns) => ns.some((n) => n.eventType === 'greenlight.task.escalated'),
      `the escalation of ${taskId} in gl.notify.${leaderId}`, 60_000);
    expect(told.find((n) => n.eventType === 'greenlight.task.escalated')?.text).toContain(request.title);
    expect((await notices(department.headId)).map((n) => n.eventType)).toContain('greenlight.task.escalated');

    const task = (await stack.call(leaderId, 'GET', `/api/tasks/${encodeURIComponent(taskId)}`)).body as TaskState;
    expect(task.light).toBe('red');
    const lights = task.history.filter((h) => h.type === 'light-changed').map((h) => h.detail?.to);
    expect(lights).toEqual(['yellow', 'red']);
    expect((task.escalations ?? []).map((e) => e.recipients)).toEqual([[department.headId], [leaderId]]);
    // 我的预警 reads the record, which applies the escalation's event a moment after the task has it.
    await eventually(() => stack.call(leaderId, 'GET', '/api/leaders/me/escalations'),
      (mine) => mine.body.escalations.some((e: { taskId: string }) => e.taskId === taskId), "the escalation in the leader's 我的预警");

    // The other demo requests keep the standard's 3 working days: still green.
    for (const other of requests.filter((r) => !r.handlingLadder)) {
      const state = await eventually(() => stack.call('admin', 'GET', `/api/tasks/${encodeURIComponent(`${other.id}/handling-1`)}`),
        (r) => r.status === 200, `${other.id}'s handling`);
      expect({ id: other.id, light: state.body.light }).toEqual({ id: other.id, light: 'green' });
    }
  }, 120_000);
  test("the leader's board says the same in the API, the CLI and the workbench, the red request among the red and under its department", async () => {
    const leaderId = department.assignedLeaderId;
    const board = (await stack.call(leaderId, 'GET', '/api/leaders/me/board')).body as Board;
    expect(board.items).toContainEqual(expect.objectContaining({ kind: PROCESS_KIND, id: request.id, light: 'red', departmentId: department.id }));
    expect(board.kinds.find((k) => k.kind === PROCESS_KIND)?.lights.red).toBeGreaterThanOrEqual(1);
    expect(board.departments.find((d) => d.departmentId === department.id)?.lights.red).toBeGreaterThanOrEqual(1);
    // Only what the leader oversees: their departments' processes and those assigned to them.
    const scope = board.scope as { departments: string[]; people: string[] };
    expect(scope.departments).toContain(department.id);
    const projects = JSON.parse(readFileSync(join(repoRoot, 'processes/project-approval/demo.commands.json'), 'utf8')) as Array<{ body: { responsibleDepartmentId: string; assignedLeaderId: string } }>;
    expect(board.kinds.find((k) => k.kind === 'projectApproval')?.total)
      .toBe(projects.filter((c) => scope.departments.includes(c.body.responsibleDepartmentId) || c.body.assignedLeaderId === leaderId).length);
    const numbers = (c: { total: number; lights: LightCounts }) => [c.total, c.lights.red, c.lights.yellow, c.lights.green];

    // The CLI's table: a row per kind, category and department, with the API's numbers.
    const env = { ...process.env, GREENLIGHT_API_URL: stack.apiUrl, GREENLIGHT_JWT_SECRET: JWT_SECRET };
    const text = (await promisify(execFile)(join(repoRoot, 'bin/greenlight'), ['board', '--as', leaderId], { env })).stdout;
    const rows = new Map<string, number[]>();
    let section = '';
    for (const line of text.split('\n')) {
      const header = /^(kind|department)\s+total\s+red\s+yellow\s+green$/.exec(line);
      if (header) section = header[1];
      const row = /^(\s*)(\S+(?: yet\))?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line);
      if (row) rows.set(`${section}:${row[1] ? 'category ' : ''}${row[2]}`, row.slice(3).map(Number));
    }
    const expected = new Map<string, number[]>([
      ...board.kinds.map((k) => [`kind:${k.kind}`, numbers(k)] as [string, number[]]),
      ...board.departments.map((d) => [`department:${d.departmentId}`, numbers(d)] as [string, number[]]),
    ]);
    for (const [key, value] of expected) expect({ key, value: rows.get(key) }).toEqual({ key, value });
    expect(text).toMatch(new RegExp(`^red\\s+${PROCESS_KIND}\\s+${request.id}\\s`, 'm'));

    // The workbench: each card's and department's counts as drawn, and the red list.
    const { browser, close } = await launch();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await demoSignIn(page, stack.apiUrl, leaderId);
      await page.locator('header.top .person').waitFor();
      await page.goto(`${stack.apiUrl}/#/board`);
      await page.locator('#board-title').waitFor();
      const digits = async (selector: string) => (await page.locator(selector).first().textContent() ?? '').match(/\d+/g)?.map(Number) ?? [];
      for (const k of board.kinds) {
        const card = `section[data-kind="${k.kind}"]`;
        await page.locator(card).waitFor();
        expect({ kind: k.kind, shown: [...(await digits(`${card} h2 .muted`)), ...(await digits(`${card} .light-counts`))] })
          .toEqual({ kind: k.kind, shown: numbers(k) });
      }
      for (const d of board.departments) {
        expect({ department: d.departmentId, shown: await digits(`details[data-department="${d.departmentId}"] .light-counts`) })
          .toEqual({ department: d.departmentId, shown: numbers(d).slice(1) });
      }
      const reds = board.items.filter((i) => i.light === 'red');
      expect(await digits('#b-reds .muted')).toEqual([reds.length]);
      expect(await page.locator('#b-reds ~ ul li').count()).toBe(reds.length);
      await page.locator('#b-reds ~ ul').getByRole('link', { name: request.title }).waitFor();
      await page.locator(`details[data-department="${department.id}"]`).getByRole('link', { name: request.title }).waitFor();
      // Said in words: the request's line names its kind and department, not its raw category.
      expect(await page.locator(`#b-reds ~ ul li[data-process="${PROCESS_KIND}/${request.id}"]`).textContent()).not.toMatch(new RegExp(`\\b${request.category}\\b`));
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'demo-board-leader');
      await context.close();
    } finally {
      await close();
    }
  }, 120_000);
});
