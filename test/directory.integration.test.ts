/**
 * The directory kept from a spreadsheet, as an administrator keeps it, against the real stack
 * with its versions in NATS: a sheet with mistakes names each and changes nothing; a good one's
 * dry run says who is added, changed and removed and whose open task would be left without a
 * holder, and changes nothing; applied, it is in the history and in use at once by the running
 * API (a new person signs in, a removed one cannot) and the running worker (a new request is
 * routed by the new sheet), with no restart. Export writes what import reads. The administrator's
 * page (人员名录) searches the directory in use and shows its history, in Chromium. 离职交接: the
 * person who leaves hands their open tasks over (API, CLI, and the page by keyboard at 375 px): the
 * dry run moves nothing, a task outside the receiver's department stays, with why.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedDemo } from '../demo/seed';
import { readDirectoryFiles } from '../directory/spreadsheet';
import { demoDirectory, mistakenSpreadsheet, spreadsheetOf } from './harness/directory-sheets';
import type { Notification } from '../contracts/events';
import { eventually } from './harness/eventually';
import { storedEvents } from './harness/events';
import { repoRoot } from './harness/harness';
import { JWT_SECRET, startStack, type TestStack } from './harness/stack';
import { buildWorkbench } from '../web/build';
import { demoSignIn, launch, screenshots, seriousViolations } from '../web/test/browser';

const run = promisify(execFile);
let stack: TestStack;
const dir = mkdtempSync(join(tmpdir(), 'gl-directory-'));
const TAX_TASK = 'req-demo-tax/handling-1';
const PARKING_TASK = 'req-handover-parking/handling-1';

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  await buildWorkbench();
  stack = await startStack({ directoryVersions: true });
  await seedDemo(stack.nats, [join(repoRoot, 'processes/enterprise-request/demo.commands.json')]);
  await eventually(() => stack.call('tax-huang', 'GET', '/api/tasks'),
    (r) => r.body.tasks.some((t: { taskId: string }) => t.taskId === TAX_TASK), 'the demo tax request in the tax inbox', 60_000);
  // tax-huang holds it: removing them from the directory would leave it without a holder.
  expect((await stack.call('tax-huang', 'POST', `/api/tasks/${encodeURIComponent(TAX_TASK)}/claim`)).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function greenlight(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const env = { ...process.env, GREENLIGHT_API_URL: stack.apiUrl, GREENLIGHT_JWT_SECRET: JWT_SECRET };
  try {
    const { stdout, stderr } = await run(join(repoRoot, 'bin/greenlight'), args, { env });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const version = async () => (await stack.call('admin', 'GET', '/api/directory')).body.version as number;

test('only an administrator keeps the directory', async () => {
  expect((await stack.call('tax-huang', 'GET', '/api/directory')).status).toBe(403);
  expect((await stack.call('tax-head', 'GET', '/api/directory/history')).status).toBe(403);
  expect((await stack.call('tax-head', 'POST', '/api/directory', { directory: demoDirectory(), source: 'x', dryRun: true })).status).toBe(403);
  expect(await version()).toBe(1);
});

test('export writes the directory in use as a spreadsheet that import reads back', async () => {
  const file = join(dir, 'export.xlsx');
  const exported = await greenlight('directory', 'export', file, '--as', 'admin');
  expect(exported).toMatchObject({ code: 0, stdout: expect.stringContaining('version 1 (38 people, 13 departments)') });
  expect((await readDirectoryFiles([file])).directory).toEqual(demoDirectory());
}, 30_000);

test('a spreadsheet with mistakes of ten kinds names each by sheet, row and column, and changes nothing', async () => {
  const { file, expected } = await mistakenSpreadsheet(join(dir, 'mistakes.xlsx'));
  const imported = await greenlight('directory', 'import', file, '--as', 'admin');
  expect(imported.code).toBe(1);
  expect(imported.stdout).toMatch(new RegExp(`^${expected.length} problems in .*mistakes\\.xlsx; nothing applied:`));
  for (const [sheet, row, column, message] of expected) {
    const line = imported.stdout.split('\n').find((l) => l.startsWith(`  sheet ${sheet}, row ${row}, column ${column}: `));
    expect({ sheet, row, column, line }).toEqual({ sheet, row, column, line: expect.stringMatching(message) });
  }
  expect(await version()).toBe(1);
  expect((await stack.call('admin', 'GET', '/api/directory/history')).body.versions).toHaveLength(1);
}, 30_000);

describe('a good spreadsheet', () => {
  let file: string;
  beforeAll(async () => {
    // tax-huang leaves and tax-ma joins the tax office; parking and traffic requests go to housing from now on.
    file = await spreadsheetOf(demoDirectory(), join(dir, '2026-12 人员名录.xlsx'), ({ people, departments }) => {
      const huang = people.findIndex((r) => r[0] === 'tax-huang');
      people.splice(huang, 1, ['tax-ma', '马 (税务局经办)', 'tax', '经办人员', '', '', '', '', '', '', '']);
      departments.find((r) => r[0] === 'traffic')![4] = '';
      departments.find((r) => r[0] === 'housing')![4] = 'propertyServices, parkingAndTraffic';
    });
  });

  test('its dry run says who is added, changed and removed and whose open task would be left, and changes nothing', async () => {
    const dry = await eventually(() => greenlight('directory', 'import', file, '--dry-run', '--as', 'admin'),
      (r) => r.stdout.includes(TAX_TASK), 'the held task among those left without a holder', 30_000);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run against version 1:');
    expect(dry.stdout).toContain('people added (1): tax-ma (马 (税务局经办))');
    expect(dry.stdout).toContain('people removed (1): tax-huang');
    expect(dry.stdout).toContain('departments changed (2): housing [handles], traffic [handles]');
    expect(dry.stdout).toMatch(new RegExp(`open tasks left without a holder \\(1\\).*\\n\\s+${TAX_TASK.replace('/', '\\/')} .*holder-removed \\(held by tax-huang\\) \\[tax\\]`));
    expect(dry.stdout).toContain('nothing applied (--dry-run)');
    expect(await version()).toBe(1);
    expect((await stack.call('tax-ma', 'GET', '/api/tasks')).status).toBe(401);
  }, 60_000);

  // 离职交接 before the sheet is applied: tax-huang's open tasks go to a colleague first.
  test('the handover of the person who leaves: a dry run lists their open tasks and moves nothing; then each moves, said 离职交接, and one event records it', async () => {
    // A traffic task given to tax-huang by name: a colleague of the tax office cannot take it over.
    expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
      id: 'req-handover-parking', enterprise: { name: '某茶馆', contact: '138-0000-0000' }, category: 'parkingAndTraffic',
      title: '门前无处停车', description: '希望设置临时停车位。', liaisonId: 'liaison-ye',
    })).status).toBe(202);
    await eventually(() => stack.call('admin', 'POST', `/api/tasks/${encodeURIComponent(PARKING_TASK)}/reassign`, { toPersonId: 'tax-huang', reason: '协办' }),
      (r) => r.status === 200, 'the parking task given to tax-huang', 30_000);
    const handover = (who: string, person: string, body: Record<string, unknown>) => stack.call(who, 'POST', `/api/people/${person}/handover`, body);
    await eventually(() => handover('admin', 'tax-huang', { toPersonId: 'tax-head', reason: '调离', dryRun: true }),
      (r) => r.body.moved?.length + r.body.refused?.length === 2, 'both tasks recorded as tax-huang\'s', 10_000);

    expect((await handover('tax-head', 'tax-huang', { toPersonId: 'tax-head', reason: '调离', dryRun: true })).status).toBe(403);
    expect((await handover('admin', 'nobody-at-all', { toPersonId: 'tax-head', reason: '调离' })).status).toBe(404);
    for (const toPersonId of ['nobody-at-all', 'tax-huang']) {
      const wrong = await handover('admin', 'tax-huang', { toPersonId, reason: '调离' });
      expect(wrong).toMatchObject({ status: 400, body: { details: [{ path: 'toPersonId' }] } });
    }

    const dry = await greenlight('directory', 'handover', 'tax-huang', '--to', 'tax-head', '--reason', '调离', '--dry-run', '--as', 'admin');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('离职交接（试运行，未作任何移交）：tax-huang → tax-head');
    expect(dry.stdout).toMatch(new RegExp(`将移交 1 项：\\n\\s+${TAX_TASK.replace('/', '\\/')} .*\\[tax\\]`));
    expect(dry.stdout).toMatch(new RegExp(`不能移交 1 项：\\n\\s+${PARKING_TASK.replace('/', '\\/')} .*接收人不在此任务的部门（区交警大队）`));
    const task = async (id: string) => (await stack.call('admin', 'GET', `/api/tasks/${encodeURIComponent(id)}`)).body;
    expect((await task(TAX_TASK)).assigneeId).toBe('tax-huang');

    const done = await greenlight('directory', 'handover', 'tax-huang', '--to', 'tax-head', '--reason', '调离', '--as', 'admin');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('离职交接：tax-huang → tax-head');
    expect(done.stdout).toMatch(new RegExp(`已移交 1 项：\\n\\s+${TAX_TASK.replace('/', '\\/')}`));
    expect(done.stdout).toMatch(/未移交 1 项：/);
    // The receiver's inbox has it at once; its history says why it moved; the other stays with tax-huang.
    const inbox = (await stack.call('tax-head', 'GET', '/api/tasks')).body.tasks as Array<{ taskId: string; assignedToMe: boolean }>;
    expect(inbox.find((t) => t.taskId === TAX_TASK)).toMatchObject({ assignedToMe: true });
    const moved = await task(TAX_TASK);
    expect(moved.assigneeId).toBe('tax-head');
    expect(moved.history.at(-1)).toMatchObject({ type: 'reassigned', actorId: 'admin', detail: { reason: '离职交接：调离', from: { assigneeId: 'tax-huang' } } });
    expect((await task(PARKING_TASK)).assigneeId).toBe('tax-huang');
    // The receiver is told, in words, with the reason.
    const told = await eventually(async () => (await storedEvents(stack.nats, 'GL_NOTIFY', 'gl.notify.tax-head')).map((e) => e.event as unknown as Notification),
      (all) => all.some((n) => n.eventType === 'greenlight.task.reassigned' && n.taskId === TAX_TASK), 'the receiver told of the handover', 10_000);
    expect(told.find((n) => n.eventType === 'greenlight.task.reassigned' && n.taskId === TAX_TASK)?.text).toContain('离职交接：调离');
    // One event records the operation: who, from whom, to whom, which tasks.
    const recorded = await eventually(() => stack.record.db.selectFrom('events').select(['data', 'words']).where('type', '=', 'greenlight.person.handed-over').execute(),
      (rows) => rows.length === 1, 'the handover in the record', 10_000);
    expect(recorded[0].words).toBe('离职交接');
    expect(recorded[0].data).toMatchObject({ actorId: 'admin', personId: 'tax-huang', toPersonId: 'tax-head', moved: [TAX_TASK], refused: [PARKING_TASK] });
    // Nothing left to move: a second handover moves nothing more.
    const again = await handover('admin', 'tax-huang', { toPersonId: 'tax-head', reason: '调离', dryRun: true });
    expect(again.body).toMatchObject({ moved: [], refused: [{ taskId: PARKING_TASK }] });
  }, 90_000);

  test('applied, it is in the history and in use by the running API and worker at once', async () => {
    const applied = await greenlight('directory', 'import', file, '--as', 'admin');
    expect(applied).toMatchObject({ code: 0, stdout: expect.stringContaining('version 2 in use') });

    const { versions } = (await stack.call('admin', 'GET', '/api/directory/history')).body;
    expect(versions.map((v: { version: number; by: string; source: string }) => [v.version, v.by, v.source]))
      .toEqual([[2, 'admin', '2026-12 人员名录.xlsx'], [1, 'file', join(repoRoot, 'directory/demo.json')]]);
    expect(versions[0].changes.people).toEqual({ added: ['tax-ma'], changed: [], removed: ['tax-huang'] });
    const history = await greenlight('directory', 'history', '--as', 'admin');
    expect(history.stdout).toMatch(/^version 2 .* by admin {2}from 2026-12 人员名录\.xlsx$/m);

    // The API: the new person is known, the one who left is not — no restart.
    await eventually(() => stack.call('tax-ma', 'GET', '/api/tasks'), (r) => r.status === 200, 'tax-ma known to the API', 10_000);
    expect((await stack.call('tax-huang', 'GET', '/api/tasks')).status).toBe(401);
    // The worker: a parking request is routed by the new sheet, to housing.
    expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
      id: 'req-directory-parking', enterprise: { name: '某茶馆', contact: '138-0000-0000' }, category: 'parkingAndTraffic',
      title: '门前无处停车', description: '希望设置临时停车位。', liaisonId: 'liaison-ye',
    })).status).toBe(202);
    const task = await eventually(() => stack.call('admin', 'GET', `/api/tasks/${encodeURIComponent('req-directory-parking/handling-1')}`),
      (r) => r.status === 200, 'the parking request\'s handling task', 30_000);
    expect(task.body.departmentId).toBe('housing');
  }, 90_000);

  test('a person already out of the directory is still found by the tasks they hold, and a stranger to it is 404', async () => {
    const dry = await stack.call('admin', 'POST', '/api/people/tax-huang/handover', { toPersonId: 'tax-ma', reason: '调离', dryRun: true });
    expect(dry).toMatchObject({ status: 200, body: { moved: [], refused: [{ taskId: PARKING_TASK }] } });
    expect((await stack.call('admin', 'POST', '/api/people/nobody-at-all/handover', { toPersonId: 'tax-ma', reason: '调离', dryRun: true })).status).toBe(404);
  });
});

test("the administrator's page searches the directory in use and shows its history", async () => {
  const { browser, close } = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await demoSignIn(page, stack.apiUrl, 'admin');
    await page.getByRole('link', { name: '人员名录' }).click();
    await page.locator('#directory-title').waitFor();
    expect(await page.getByText(/当前在用：第 2 版 · 系统管理员 导入 · 来自「2026-12 人员名录\.xlsx」/).count()).toBe(1);
    await page.getByLabel('搜索人员（姓名、编号、部门、角色）').fill('税务局 经办');
    await eventually(() => page.locator('tr[data-person-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-person-id'))),
      (ids) => JSON.stringify(ids) === JSON.stringify(['tax-head', 'tax-ma']), 'the tax office\'s clerks, tax-ma among them', 10_000);
    const history = page.locator('.directory-history > li');
    expect(await history.count()).toBe(2);
    expect(await history.first().textContent()).toMatch(/第 2 版 · 系统管理员 · 来自「2026-12 人员名录\.xlsx」.*新增 1 人：tax-ma.*移除 1 人：tax-huang.*部门变更：housing、traffic/);
    expect(await history.last().textContent()).toContain('第 1 版 · 启动文件');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'directory');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
}, 60_000);

test("the administrator hands a person's open tasks over from the directory page, by keyboard, on a phone's width", async () => {
  const { browser, close } = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await demoSignIn(page, stack.apiUrl, 'admin');
    await page.getByRole('link', { name: '人员名录' }).click();
    await page.locator('#directory-title').waitFor();
    // tax-head holds the tax request since tax-huang's handover; now they leave too, and tax-ma takes it.
    await page.getByRole('button', { name: '为 税务局局长 办理离职交接' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '离职交接：税务局局长' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('handover-title');
    await page.getByLabel('接收人').selectOption('tax-ma');
    await page.getByLabel('交接原因').fill('退休');
    await page.getByLabel('交接原因').press('Enter');
    const preview = page.locator('.handover-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/将移交 1 项.*税收：设计事务所申请增值税留抵退税.*req-demo-tax\/handling-1/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'directory-handover');
    // Nothing moved by the preview.
    expect((await stack.call('admin', 'GET', `/api/tasks/${encodeURIComponent(TAX_TASK)}`)).body.assigneeId).toBe('tax-head');
    await page.getByRole('button', { name: '确认交接' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('已移交 1 项给 马 (税务局经办)').waitFor();
    const inbox = (await stack.call('tax-ma', 'GET', '/api/tasks')).body.tasks as Array<{ taskId: string; assignedToMe: boolean }>;
    expect(inbox.find((x) => x.taskId === TAX_TASK)).toMatchObject({ assignedToMe: true });
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
}, 60_000);
