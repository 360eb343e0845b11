/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download needs the
 * internet), with a fresh profile per launch (Playwright's own temporary one); and the axe-core scan, injected by evaluation,
 * which the page's Content-Security-Policy does not block.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventually } from '../../test/harness/eventually';
import type { TestStack } from '../../test/harness/stack';

export const CHROMIUM = process.env.GREENLIGHT_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = join(__dirname, '../screenshots');

export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  // Playwright gives every launch a fresh temporary profile (--user-data-dir) of its own, and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: () => browser.close() };
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
}

/** Screenshots of the page at a desktop's 1280 px and a phone's 375 px, into web/screenshots (ignored by git). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The demo's tax request, which the browser tests open as tax-huang. */
export const TAX_TASK = 'req-demo-tax/handling-1';

/** Waits until the demo's tax request is routed and in tax-huang's inbox. */
export async function taxRequestInInbox(stack: TestStack): Promise<void> {
  await eventually(() => stack.call('tax-huang', 'GET', '/api/tasks'),
    (r) => r.body.tasks.some((x: { taskId: string }) => x.taskId === TAX_TASK), 'the demo tax request in the tax inbox', 60_000);
}

/** Signs in with the demo's person picker (GREENLIGHT_WEB_DEMO_SIGNIN=1) on the workbench at `url`. */
export async function demoSignIn(page: Page, url: string, personId: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('演示环境：选择一位人员登录').selectOption(personId);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * A fresh browser context in zh-CN and Asia/Shanghai at `viewport`, signed in as the person with the
 * demo's picker; the page's script errors go to `pageErrors` (each test file asserts it empty).
 */
export async function signedIn(browser: Browser, url: string, personId: string, pageErrors: string[],
  viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await demoSignIn(page, url, personId);
  await page.locator('header.top .person').waitFor();
  return { context, page };
}
