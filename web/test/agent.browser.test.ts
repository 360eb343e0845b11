/**
 * 代理 (agent) in a real browser (Debian's Chromium) against the real stack, on a phone's 375 px:
 * the tax clerk names the finance clerk her agent for today, by keyboard; her claimed task is in
 * the agent's inbox marked 代黄…; the agent opens it, is told whose it is, and completes it; the
 * task's history says 「办结 · 刘…（代黄…办理，…）」. The clerk then clears her agent. Each page
 * is scanned with axe-core and photographed at 1280 and 375 px.
 */
import type { Browser } from 'playwright-core';
import { eventually } from '../../test/harness/eventually';
import { startStack, type TestStack } from '../../test/harness/stack';
import { buildWorkbench } from '../build';
import { launch, screenshots, seriousViolations, signedIn } from './browser';

let stack: TestStack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const pageErrors: string[] = [];
const TASK = 'req-web-agent/handling-1';

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  await buildWorkbench();
  stack = await startStack();
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
    id: 'req-web-agent', enterprise: { name: '名门世家大益茶馆' }, category: 'tax',
    title: '增值税留抵退税迟迟未到账', description: '三月申请的留抵退税至今未到账。', liaisonId: 'liaison-ye',
  })).status).toBe(202);
  ({ browser, close: closeBrowser } = await launch());
  await eventually(() => stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(TASK)}`), (r) => r.status === 200, 'the handling task', 60_000);
  expect((await stack.call('tax-huang', 'POST', `/api/tasks/${encodeURIComponent(TASK)}/claim`)).status).toBe(200);
}, 180_000);

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await closeBrowser?.();
  await stack?.stop();
}, 60_000);

const signIn = (personId: string) => signedIn(browser, stack.apiUrl, personId, pageErrors, { width: 375, height: 812 });

test('代理: the clerk names her agent for today by keyboard; the agent finds her task marked, completes it 代…办理; she clears it', async () => {
  const clerk = await signIn('tax-huang');
  await clerk.page.getByRole('link', { name: '我的代理' }).click();
  await clerk.page.getByText('尚未指定代理人。').waitFor();
  // By keyboard: the agent chosen, today to today (the dates' defaults), submitted with Enter.
  await clerk.page.getByLabel('代理人', { exact: true }).focus();
  await clerk.page.getByLabel('代理人', { exact: true }).selectOption('finance-liu');
  await clerk.page.locator('#agent-until').focus();
  await clerk.page.keyboard.press('Enter');
  await clerk.page.getByText('已指定代理人。').waitFor();
  await clerk.page.getByText(/代理人：刘.*（代理中）/).waitFor();
  expect(await seriousViolations(clerk.page)).toEqual([]);
  await screenshots(clerk.page, 'agent-named');

  const agent = await signIn('finance-liu');
  const row = agent.page.locator(`tr[data-task-id="${TASK}"]`);
  await row.waitFor();
  expect(await row.locator('[data-for-person="tax-huang"]').textContent()).toMatch(/^代黄/);
  expect(await seriousViolations(agent.page)).toEqual([]);
  await screenshots(agent.page, 'agent-inbox');
  await row.getByRole('link').click();
  await agent.page.locator('p[data-for-person="tax-huang"]').waitFor();
  await agent.page.getByLabel('已解决').check();
  await agent.page.locator('#f-resolved-summary').fill('已代为核实，退库本周内到账');
  await agent.page.getByRole('button', { name: '提交' }).click();
  await agent.page.locator('#inbox-title').waitFor();
  expect((await stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(TASK)}`)).body.completion).toMatchObject({ actorId: 'tax-huang', agentId: 'finance-liu' });

  // The clerk's task page says who did it, and for whom.
  await clerk.page.goto(`${stack.apiUrl}/#/task/${encodeURIComponent(TASK)}`);
  await clerk.page.getByText(/办结 · 刘.*（代黄.*办理，/).waitFor();
  expect(await seriousViolations(clerk.page)).toEqual([]);
  await screenshots(clerk.page, 'agent-history');

  await clerk.page.getByRole('link', { name: '我的代理' }).click();
  await clerk.page.getByRole('button', { name: '取消代理' }).click();
  await clerk.page.getByText('已取消代理。').waitFor();
  await clerk.page.getByText('尚未指定代理人。').waitFor();
  await clerk.context.close();
  await agent.context.close();
});
