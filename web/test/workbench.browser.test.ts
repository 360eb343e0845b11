/**
 * The workbench in a real browser (Debian's Chromium, playwright-core) against the real stack:
 * a clerk signs in, opens a demo request, reads the enterprise's words, is stopped by an
 * incomplete form, completes it and sees it leave the inbox; another department's clerk never
 * sees it; a leader sees a project turn red on the board once an item is rejected. Each page is
 * scanned with axe-core and photographed at 1280 and 375 px; the session cookie, CSRF and CSP
 * are checked from outside the browser; the figures go to web/screenshots/metrics.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type TestStack } from '../../test/harness/stack';
import { eventually } from '../../test/harness/eventually';
import { repoRoot } from '../../test/harness/harness';
import { seedDemo } from '../../demo/seed';
import { buildWorkbench } from '../build';
import { launch, screenshotDir, screenshots, seriousViolations } from './browser';

let stack: TestStack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const metrics: Record<string, unknown> = {};
const pageErrors: string[] = [];
const TAX_TASK = 'req-demo-tax/handling-1';
const PROJECT = 'prj-demo-jxjk-fintech-park';

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  metrics.assets = (await buildWorkbench()).sizes;
  stack = await startStack();
  await seedDemo(stack.nats, [join(repoRoot, 'processes/enterprise-request/demo.commands.json'), join(repoRoot, 'processes/project-approval/demo.commands.json')]);
  ({ browser, close: closeBrowser } = await launch());
  await eventually(() => stack.call('tax-huang', 'GET', '/api/tasks'),
    (r) => r.body.tasks.some((x: { taskId: string }) => x.taskId === TAX_TASK), 'the demo tax request in the tax inbox', 60_000);
}, 180_000);

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(join(screenshotDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  await closeBrowser?.();
  await stack?.stop();
}, 60_000);

async function signIn(personId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${stack.apiUrl}/`);
  await page.getByLabel('演示环境：选择一位人员登录').selectOption(personId);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('header.top .person').waitFor();
  return { context, page };
}

/** Milliseconds from navigation start until `selector` is in the page, as the page's own clock says. */
async function timeToSelector(page: Page, url: string, selector: string): Promise<number> {
  await page.goto('about:blank'); // a new document, not a hash change within the last one
  await page.goto(url);
  await page.locator(selector).first().waitFor();
  return page.evaluate(() => Math.round(performance.now()));
}

test('a clerk signs in, reads the request, is stopped by an incomplete form, completes it and sees it leave the inbox', async () => {
  const { context, page } = await signIn('tax-huang');
  const row = page.locator(`tr[data-task-id="${TAX_TASK}"]`);
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/绿|黄|红/);
  expect(await row.locator('time').textContent()).toMatch(/^\d+月\d+日 周[一二三四五六日] (下班前|\d\d:\d\d)$/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'inbox');
  metrics.inboxFirstLoadMs = await timeToSelector(page, `${stack.apiUrl}/`, `tr[data-task-id="${TAX_TASK}"]`);

  await row.getByRole('link').click();
  await page.getByText('The firm asks how to claim the incremental VAT credit refund').waitFor();
  await expect(page.getByText('红谷滩某建筑设计事务所').count()).resolves.toBeGreaterThan(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'task');
  metrics.taskPageMs = await timeToSelector(page, `${stack.apiUrl}/#/task/${encodeURIComponent(TAX_TASK)}`, 'form button[type="submit"]:not([disabled])');

  // Incomplete: the message stands beside the field, and the task is as it was.
  await page.getByLabel('已解决').check();
  await page.getByRole('button', { name: '提交' }).click();
  const error = page.locator('#f-resolved-summary-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('请填写办理情况');
  expect(await page.locator('#f-resolved-summary').getAttribute('aria-invalid')).toBe('true');
  await screenshots(page, 'task-invalid');
  expect((await stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(TAX_TASK)}`)).body.status).not.toBe('completed');

  await page.locator('#f-resolved-summary').fill('已电话告知增量留抵退税的申请流程和时限');
  await page.getByRole('button', { name: '提交' }).click();
  await page.locator('#inbox-title').waitFor();
  await page.locator(`tr[data-task-id="${TAX_TASK}"]`).waitFor({ state: 'detached' });
  const done = await stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(TAX_TASK)}`);
  expect(done.body).toMatchObject({ status: 'completed', completion: { outcome: 'resolved', actorId: 'tax-huang' } });
  // And the inbox, read again from the server, agrees.
  await page.reload();
  await page.locator('#inbox-title').waitFor();
  await eventually(async () => page.locator(`tr[data-task-id="${TAX_TASK}"]`).count(), (n) => n === 0, 'the task gone after a reload');
  await context.close();
}, 120_000);

test("another department's clerk does not see the task, not even by its address", async () => {
  const { context, page } = await signIn('housing-wu');
  await page.locator('#inbox-title').waitFor();
  await page.locator('table.tasks, p.empty').first().waitFor();
  expect(await page.locator('tr[data-task-id^="req-demo-tax"]').count()).toBe(0);
  await page.goto(`${stack.apiUrl}/#/task/${encodeURIComponent('req-demo-parking/handling-1')}`);
  await page.getByText('找不到这件任务，或它不属于你的部门。').waitFor();
  await context.close();
}, 60_000);

test('a leader sees the project turn red on the board after an item is rejected, and drills down to its items', async () => {
  const filing = await eventually(() => stack.call('admin', 'GET', `/api/processes/projectApproval/${PROJECT}`),
    (r) => r.status === 200 && r.body.state.items.some((i: { key: string; taskId?: string }) => i.key === 'filing' && i.taskId), 'the filing review open', 60_000);
  const taskId = filing.body.state.items.find((i: { key: string }) => i.key === 'filing').taskId;
  const rejected = await stack.call('drc-chen', 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: 'reject', payload: { reason: '选址与规划不符' } });
  expect(rejected.status).toBe(200);
  await eventually(() => stack.call('leader-zhao', 'GET', '/api/processes/projectApproval?light=red'),
    (r) => r.body.processes.some((p: { id: string }) => p.id === PROJECT), 'the project listed red', 30_000);

  const { context, page } = await signIn('leader-zhao');
  await page.locator('#board-title').waitFor();
  const red = page.locator('#b-reds').locator('..').getByRole('link', { name: '江西金控数字金融创新产业园' });
  await red.waitFor();
  expect(await red.locator('..').textContent()).toContain('红');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'board');
  metrics.boardMs = await timeToSelector(page, `${stack.apiUrl}/#/board`, '#b-reds ~ ul a');

  await page.locator('#b-reds ~ ul a').first().click();
  const item = page.locator('tr[data-item="filing"]');
  await item.waitFor();
  expect(await item.textContent()).toContain('已驳回');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'project');
  await context.close();
}, 120_000);

test('an inbox of 500 tasks renders without jank', async () => {
  const { context, page } = await signIn('tax-huang');
  const now = Date.now();
  const tasks = Array.from({ length: 500 }, (_, i) => ({
    taskId: `req-bulk-${i}/handling-1`, title: `企业诉求 ${i}`, processKind: i % 3 ? 'enterpriseRequest' : 'projectApproval',
    processId: `req-bulk-${i}`, status: 'open', light: ['green', 'yellow', 'red'][i % 3],
    dueAt: new Date(now + (i - 100) * 3600_000).toISOString(), provisional: i % 7 === 0,
  }));
  await page.route((url) => url.pathname === '/api/tasks', (route) => route.fulfill({ json: { tasks } }));
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  const firstRows = await timeToSelector(page, `${stack.apiUrl}/#/inbox`, 'tr[data-task-id="req-bulk-0/handling-1"]');
  expect(await page.locator('table.tasks tbody tr').count()).toBe(50);
  // Filters and pages over the 500: each a frame's work.
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: /红/ }).first().click();
  await page.getByRole('button', { name: '下一页' }).click();
  await page.getByText(/第 2 \/ \d+ 页/).first().waitFor();
  const interactions = await page.evaluate((s) => performance.now() - s, started);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  metrics.inbox500 = { firstRowsMs: firstRows, filterAndPageMs: Math.round(interactions), longTasksMs: longTasks.map(Math.round) };
  expect(Math.max(0, ...longTasks)).toBeLessThan(200);
  await context.close();
}, 60_000);

test('the session is an HttpOnly SameSite=Strict cookie; a change without the CSRF token or from another origin is refused; the page has a strict CSP', async () => {
  const page = await fetch(`${stack.apiUrl}/`);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await page.text()).not.toMatch(/<script>(?!<)/);

  const signedIn = await fetch(`${stack.apiUrl}/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: 'finance-liu' }) });
  const cookie = signedIn.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  const session = cookie.split(';')[0];
  const { csrfToken } = await signedIn.json() as { csrfToken: string };

  const inbox = await fetch(`${stack.apiUrl}/api/tasks`, { headers: { cookie: session } });
  expect(inbox.status).toBe(200);
  const claim = (headers: Record<string, string>) =>
    fetch(`${stack.apiUrl}/api/tasks/${encodeURIComponent('req-demo-financing/handling-1')}/claim`, { method: 'POST', headers: { cookie: session, ...headers } });
  expect((await claim({})).status).toBe(403);
  expect((await claim({ 'x-csrf-token': csrfToken, origin: 'http://evil.example' })).status).toBe(403);
  expect((await claim({ 'x-csrf-token': 'forged' })).status).toBe(403);
  await eventually(() => stack.call('finance-liu', 'GET', '/api/tasks'), (r) => r.body.tasks.length > 0, 'the financing task');
  expect((await claim({ 'x-csrf-token': csrfToken })).status).toBe(200);
  // Without the demo, there is no person picker.
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '0';
  const refused = await fetch(`${stack.apiUrl}/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: 'admin' }) });
  expect(refused.status).toBe(403);
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
}, 60_000);
