/**
 * The workbench behind a real TLS-terminating reverse proxy (issue 26, point 6): nginx, started
 * by the test with a certificate openssl makes at start, in front of two APIs on the same
 * stack — one that believes the proxy's X-Forwarded-* headers (GREENLIGHT_TRUST_PROXY, here
 * 127.0.0.1) and one that does not. Through the first, a clerk signs in in Chromium over https,
 * gets a Secure cookie, completes a task and signs out; through the second, the sign-in is
 * refused as coming from another site (the browser's https origin against the http the API
 * sees), as it was for every sign-in before.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { seedDemo } from '../../demo/seed';
import { repoRoot } from '../../test/harness/harness';
import { startApi, startStack, type TestStack } from '../../test/harness/stack';
import { startTlsProxy, type TlsProxy } from '../../test/harness/tls-proxy';
import { buildWorkbench } from '../build';
import { SESSION_COOKIE } from '../server/plugin';
import { launch, screenshots, TAX_TASK, taxRequestInInbox } from './browser';

let stack: TestStack;
let trusting: { url: string; close(): Promise<void> };
let proxy: TlsProxy;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const pageErrors: string[] = [];

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  await buildWorkbench();
  stack = await startStack();
  await seedDemo(stack.nats, [`${repoRoot}/processes/enterprise-request/demo.commands.json`]);
  trusting = await startApi(stack, { trustProxy: ['127.0.0.1'] });
  // [0]: the API that believes the proxy; [1]: the stack's own, which believes no one.
  proxy = await startTlsProxy([trusting.url, stack.apiUrl]);
  ({ browser, close: closeBrowser } = await launch());
  await taxRequestInInbox(stack);
}, 180_000);

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await closeBrowser?.();
  await proxy?.stop();
  await trusting?.close();
  await stack?.stop();
}, 60_000);

async function newContext(): Promise<BrowserContext> {
  // The test's own certificate: no authority the browser knows signed it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ignoreHTTPSErrors: true });
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  return context;
}

test('through the proxy over https, a clerk signs in with a Secure cookie, completes a task and signs out', async () => {
  const [url] = proxy.urls;
  const context = await newContext();
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${url}/`);
  expect(new URL(page.url()).protocol).toBe('https:');
  await page.getByLabel('演示环境：选择一位人员登录').selectOption('tax-huang');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('header.top .person').waitFor();
  const session = (await context.cookies(url)).find((c) => c.name === SESSION_COOKIE && c.value !== '');
  expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
  await screenshots(page, 'tls-proxy-inbox');

  const row = page.locator(`tr[data-task-id="${TAX_TASK}"]`);
  await row.waitFor();
  await row.getByRole('link').click();
  await page.getByLabel('已解决').check();
  await page.locator('#f-resolved-summary').fill('已电话告知增量留抵退税的申请流程');
  await page.getByRole('button', { name: '提交' }).click();
  await page.locator('#inbox-title').waitFor();
  await page.locator(`tr[data-task-id="${TAX_TASK}"]`).waitFor({ state: 'detached' });
  const done = await stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(TAX_TASK)}`);
  expect(done.body).toMatchObject({ status: 'completed', completion: { outcome: 'resolved', actorId: 'tax-huang' } });

  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('演示环境：选择一位人员登录').waitFor();
  expect((await context.cookies(url)).find((c) => c.name === SESSION_COOKIE && c.value !== '')).toBeUndefined();
  await context.close();
}, 120_000);

test('an API that does not believe the proxy refuses the https sign-in as coming from another site, and sets no cookie', async () => {
  const [, url] = proxy.urls;
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`);
  const answer = await page.evaluate(async () => {
    const res = await fetch('/web/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: 'tax-huang' }) });
    return { status: res.status, body: await res.text() };
  });
  expect(answer.status).toBe(403);
  expect(answer.body).toContain('another site');
  expect((await context.cookies(url)).find((c) => c.name === SESSION_COOKIE && c.value !== '')).toBeUndefined();
  await context.close();
}, 60_000);
