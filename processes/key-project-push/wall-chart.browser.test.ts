/**
 * The key projects' views in a real browser (Debian's Chromium) against the real stack with the
 * demo's four key projects: the wall chart (挂图作战) filtered by tier, a project's page with its
 * chain, problems and dispatch history, a department's 责任清单; each photographed at 1280 and
 * 375 px (web/screenshots), scanned with axe-core, and the wall chart printed on A3 landscape.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed';
import { eventually } from '../../test/harness/eventually';
import { startStack, type TestStack } from '../../test/harness/stack';
import { buildWorkbench } from '../../web/build';
import { launch, screenshotDir, screenshots, seriousViolations, signedIn } from '../../web/test/browser';

let stack: TestStack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const pageErrors: string[] = [];

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  await buildWorkbench();
  stack = await startStack();
  await seedDemo(stack.nats, [join(__dirname, 'demo.commands.json')]);
  ({ browser, close: closeBrowser } = await launch());
  await eventually(() => stack.call('pmo-gao', 'GET', '/api/processes/keyProjectPush'), (r) => r.body.processes?.length === 4, 'the four demo projects listed', 60_000);
}, 180_000);

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await closeBrowser?.();
  await stack?.stop();
}, 60_000);

const signIn = async (personId: string) => (await signedIn(browser, stack.apiUrl, personId, pageErrors)).page;

test('the wall chart: every key project a row of its nodes on the year, lit with shape and word, filtered by tier; printable on A3 landscape', async () => {
  const page = await signIn('pmo-gao');
  await page.getByRole('link', { name: '重点项目挂图作战' }).click();
  await page.getByRole('heading', { name: /重点项目挂图作战/ }).waitFor();
  const rows = page.locator('.wall-row');
  await eventually(() => rows.count(), (n) => n === 4, 'four rows');
  // Done nodes are ◆, open ones ◇, and every mark carries its light's word, not colour alone.
  const bridge = page.locator('.wall-row', { hasText: '洪州大道三清山跨线桥工程' });
  await expect(bridge.locator('.wall-mark', { hasText: '主线通车' }).textContent()).resolves.toMatch(/◆主线通车/);
  await expect(bridge.locator('.wall-mark', { hasText: '匝道完工' }).textContent()).resolves.toMatch(/◇匝道完工.*红/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'key-projects-chart');

  await page.getByLabel('级别').selectOption('city');
  await eventually(() => rows.count(), (n) => n === 2, 'the two city projects');
  expect(await rows.locator('.wall-name a').allTextContents()).toEqual(['江西金控数字金融创新产业园', '洪州大道三清山跨线桥工程'].sort((a, b) => a.localeCompare(b, 'zh')));
  await page.getByLabel('级别').selectOption('');

  // The print preview: the navigation and filters gone, the chart whole, on A3 landscape.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1587, height: 1123 }); // A3 landscape at 96 px to the inch
  expect(await page.locator('header.top').isVisible()).toBe(false);
  expect(await page.locator('.view-filters').isVisible()).toBe(false);
  await page.screenshot({ path: join(screenshotDir, 'key-projects-chart-print.png'), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(screenshotDir, 'key-projects-chart.pdf'), pdf);
  // A3 landscape: 420 × 297 mm, 1190.55 × 841.89 points.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([1191, 842]);
  await page.emulateMedia({ media: 'screen' });
  await page.context().close();
});

test("a project's page: its facts, the chain, the problem list and the dispatch history", async () => {
  const page = await signIn('pmo-gao');
  await page.goto(`${stack.apiUrl}/#/views/keyProjectPush/page/kp-2026-hongzhou-bridge`);
  await page.getByRole('heading', { name: '洪州大道三清山跨线桥工程' }).waitFor();
  for (const title of ['节点清单（年度推进工作链条）', '问题清单（滚动销号）', '月调度']) await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
  await page.getByRole('cell', { name: '三清山路匝道口两户房屋征收补偿未达成一致，匝道施工受阻' }).waitFor();
  await page.getByRole('cell', { name: '洪州大道主线6月通车' }).waitFor();
  expect(await page.locator('table').nth(2).locator('tbody tr').count()).toBe(11);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'key-projects-page');
  await page.context().close();
});

test("a department's 责任清单: its open nodes and problems across the projects, red first", async () => {
  const page = await signIn('housing-wu');
  await page.goto(`${stack.apiUrl}/#/views/keyProjectPush/responsibilities`);
  await page.getByRole('heading', { name: '责任清单' }).waitFor();
  const lines = page.locator('tbody tr');
  await eventually(() => lines.count(), (n) => n > 0, 'the lines');
  const departments = await page.locator('tbody tr td:nth-child(5)').allTextContents();
  expect(new Set(departments)).toEqual(new Set(['区住建局']));
  const lights = await page.locator('tbody tr td:first-child').allTextContents();
  expect(lights.indexOf(lights.find((l) => l.includes('绿')) ?? '')).not.toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'key-projects-responsibilities');
  await page.context().close();
});
