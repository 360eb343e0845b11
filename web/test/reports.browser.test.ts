/**
 * 挂责问效 in the browser: the seeded events on a real stack's GL_EVENTS, applied by its recorder
 * to the record, which the report reads; the report of November 2026 read by the district's administrator — the tables, the chart, a figure opened to its cases,
 * the 红黑榜 and the .xlsx and PDF behind the page's links — with screenshots at 1280 and 375 px.
 */
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import type { Browser } from 'playwright-core';
import { startStack, type TestStack } from '../../test/harness/stack';
import { repoRoot } from '../../test/harness/harness';
import { eventually } from '../../test/harness/eventually';
import { seededEvents } from '../../test/fixtures/reports/seeded-events';
import { buildWorkbench } from '../build';
import { launch, screenshots, seriousViolations } from './browser';

let stack: TestStack;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  await buildWorkbench();
  stack = await startStack({ directoryPath: join(repoRoot, 'directory/demo.json') });
  const js = jetstream(stack.nats);
  for (const e of seededEvents) await js.publish(`gl.evt.${e.type.split('.').slice(1).join('.')}`, JSON.stringify(e), { msgID: e.id });
  await eventually(() => stack.record.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    (r) => Number(r.n) >= seededEvents.length, 'the seeded events in the record', 30_000);
  ({ browser, close: closeBrowser } = await launch());
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await stack?.stop();
}, 60_000);

test('the report page: tables, chart, cases behind a figure, the ranking, and its files', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${stack.apiUrl}/`);
  await page.getByLabel('演示环境：选择一位人员登录').selectOption('admin');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('header.top .person').waitFor();
  await page.getByRole('link', { name: '挂责问效' }).click();
  await page.getByText(/^统计期间：/).waitFor(); // the current month first
  await page.getByLabel('周期').selectOption('month');
  await page.getByLabel('期间').fill('2026-11');
  await page.getByRole('button', { name: '查看' }).click();
  await page.getByText('2026年11月（2026-11-01 至 2026-11-30）').waitFor();
  await page.getByRole('heading', { name: '挂责问效月度通报' }).waitFor();

  const row = (caption: string, name: string) => page.locator('table', { has: page.locator('caption', { hasText: caption }) }).locator('tr', { has: page.getByRole('rowheader', { name }) });
  await expect(row('总体情况', '合计').locator('td').allInnerTexts()).resolves.toEqual(['2', '0', '1', '1', '1', '2', '22.4', '1', '1', '1', '0', '1', '1', '0', '1']);
  await expect(row('按部门', '区住建局').locator('td').nth(4).innerText()).resolves.toBe('1'); // open past due: the lift
  await expect(page.getByRole('img', { name: '各部门应办结任务的按时、超期情况' }).locator('text').allTextContents()).resolves.toEqual(expect.arrayContaining(['区住建局', '共 1', '超期未办结']));

  await row('按部门', '区住建局').locator('td').nth(4).getByRole('button').click();
  await page.getByRole('heading', { name: /超期未办结：1 件/ }).waitFor();
  await expect(page.getByRole('link', { name: '12345-1/handling-1' }).getAttribute('href')).resolves.toBe('#/task/12345-1%2Fhandling-1');

  const ranking = await page.locator('table', { has: page.locator('caption', { hasText: '红黑榜' }) }).locator('tbody tr').allInnerTexts();
  expect(ranking.map((r) => r.split('\t'))).toEqual([['1', '区税务局', '-5', '—', '新上榜', '▼ 黑榜'], ['2', '区住建局', '-9', '—', '新上榜', '▼ 黑榜']]);
  expect(await seriousViolations(page)).toEqual([]);

  const xlsx = await page.request.get(await page.getByRole('link', { name: '电子表格' }).getAttribute('href').then((h) => `${stack.apiUrl}${h}`));
  expect([xlsx.status(), xlsx.headers()['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  const pdf = await page.request.get(await page.getByRole('link', { name: '打印版（A4）' }).getAttribute('href').then((h) => `${stack.apiUrl}${h}`));
  expect([pdf.status(), (await pdf.body()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);

  await screenshots(page, 'reports');
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
