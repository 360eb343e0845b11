/**
 * Sign-in through a real OpenID provider (oidc-provider, started by the test) in Chromium: a
 * clerk signs in through the provider, completes a task and signs out, which ends the provider's
 * session too; a person the directory does not hold gets a page that says so; an answer whose
 * state or nonce was forged opens no session. The workbench names the person by the
 * provider's `preferred_username` claim (its `sub` is opaque), as a district's provider would.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { startApi, startStack, type TestStack } from '../../test/harness/stack';
import { startOidcProvider, type TestOidcProvider } from '../../test/harness/oidc-provider';
import { repoRoot } from '../../test/harness/harness';
import { freePort } from '../../runtime/free-port';
import { seedDemo } from '../../demo/seed';
import { buildWorkbench } from '../build';
import { FLOW_COOKIE } from '../server/oidc';
import { SESSION_COOKIE } from '../server/plugin';
import { launch, screenshots, seriousViolations, TAX_TASK, taxRequestInInbox } from './browser';

let stack: TestStack;
let idp: TestOidcProvider;
let api: { url: string; close(): Promise<void> };
let browser: Browser;
let closeBrowser: () => Promise<void>;
const pageErrors: string[] = [];

beforeAll(async () => {
  delete process.env.GREENLIGHT_WEB_DEMO_SIGNIN; // outside the demo: no person picker
  await buildWorkbench();
  stack = await startStack();
  await seedDemo(stack.nats, [`${repoRoot}/processes/enterprise-request/demo.commands.json`]);
  // The provider must know the workbench's redirect URL before the workbench listens: its port is chosen first.
  const port = await freePort('127.0.0.1');
  idp = await startOidcProvider({ apiUrl: `http://127.0.0.1:${port}` });
  api = await startApi(stack, { port, oidc: idp.settings, sessionSecret: 'the-test-session-secret-of-thirty-two-characters' });
  ({ browser, close: closeBrowser } = await launch());
  await taxRequestInInbox(stack);
}, 180_000);

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await closeBrowser?.();
  await api?.close();
  await idp?.stop();
  await stack?.stop();
}, 60_000);

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Nothing leaves the machine (the provider's development pages would ask for a web font).
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort());
  return context;
}

/** The provider's development sign-in form, and its consent when it asks. */
async function providerSignIn(page: import('playwright-core').Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

const sessionOf = async (context: BrowserContext) => (await context.cookies(api.url)).find((c) => c.name === SESSION_COOKIE && c.value !== '');

test('a clerk signs in through the identity provider, completes a task, and signing out ends the provider\'s session too', async () => {
  const context = await newContext();
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${api.url}/`);
  const signInLink = page.getByRole('link', { name: '通过统一身份认证登录' });
  await signInLink.waitFor();
  expect(await page.locator('select#person').count()).toBe(0); // the demo's picker is the demo's alone
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'oidc-sign-in');
  await signInLink.click();
  expect(new URL(page.url()).origin).toBe(idp.issuer);
  const authorize = new URL(page.url());
  await providerSignIn(page, 'tax-huang');

  await page.locator('header.top .person').waitFor();
  expect(await page.locator('header.top .person').textContent()).toBe('黄 (税务局经办)');
  const session = await sessionOf(context);
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect((await context.cookies(api.url)).find((c) => c.name === FLOW_COOKIE && c.value !== '')).toBeUndefined(); // used once

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

  // Signing out goes through the provider's end_session_endpoint and comes back to the sign-in page.
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('button', { name: '确认退出' }).click();
  await signInLink.waitFor();
  expect(new URL(page.url()).origin).toBe(new URL(api.url).origin);
  expect(await sessionOf(context)).toBeUndefined();
  // The provider's session is over: signing in again asks for the login, it does not slip through.
  await signInLink.click();
  await page.locator('input[name="login"]').waitFor();
  expect(new URL(page.url()).origin).toBe(authorize.origin);
  await context.close();
}, 120_000);

test('a person the directory does not hold is told so in words, and has no session', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${api.url}/web/oidc/login`);
  await providerSignIn(page, 'stranger-zhang');
  await page.getByRole('heading', { name: '尚未开通工作台账号' }).waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('stranger-zhang');
  expect(await page.getByRole('alert').textContent()).toContain('请联系本单位的系统管理员');
  expect(await sessionOf(context)).toBeUndefined();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'oidc-unknown-person');
  // Its way out ends the provider's session.
  await page.getByRole('link', { name: '退出统一身份认证' }).click();
  await page.getByRole('button', { name: '确认退出' }).click();
  await page.getByRole('link', { name: '通过统一身份认证登录' }).waitFor();
  await context.close();
}, 60_000);

describe('a forged answer opens no session', () => {
  /** The workbench's start of a sign-in, read from outside the browser: the provider's URL and the flow's cookie. */
  async function startedFlow(): Promise<{ authorize: URL; cookie: string }> {
    const res = await fetch(`${api.url}/web/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie.startsWith(`${FLOW_COOKIE}=`)).toBe(true);
    return { authorize: new URL(res.headers.get('location')!), cookie: cookie.slice(FLOW_COOKIE.length + 1) };
  }

  for (const forged of ['state', 'nonce'] as const) {
    test(`a ${forged} other than the one the workbench sent is refused`, async () => {
      const { authorize, cookie } = await startedFlow();
      expect(authorize.searchParams.get(forged)).toBeTruthy();
      authorize.searchParams.set(forged, `forged-${forged}-${authorize.searchParams.get(forged)}`);
      const context = await newContext();
      await context.addCookies([{ name: FLOW_COOKIE, value: cookie, url: `${api.url}/web/oidc/`, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      await page.goto(authorize.href);
      await providerSignIn(page, 'tax-huang');
      await page.getByRole('heading', { name: '登录未完成' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/web/oidc/callback');
      expect(await sessionOf(context)).toBeUndefined();
      await context.close();
    }, 60_000);
  }

  test('a callback with no flow of this browser is refused', async () => {
    const res = await fetch(`${api.url}/web/oidc/callback?code=stolen&state=whatever`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('登录未完成');
    expect(res.headers.get('set-cookie') ?? '').not.toContain(`${SESSION_COOKIE}=ey`);
  });
});
