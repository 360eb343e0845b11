/**
 * 挂责问效 in the browser: the seeded events on a real stack's GL_EVENTS, applied by its recorder
 * to the record, which the report reads; the report of November 2026 read by the district's administrator — the tables, the chart, a figure opened to its cases,
 * the 红黑榜 and the .xlsx and PDF behind the page's links — with screenshots at 1280 and 375 px.
 * Then the scheduled reports on the same stack: the Temporal schedules made (twice: the second
 * updates), a weekly dispatch run for a fixed week and the schedule triggered, each leader's
 * notice received by a real NATS subscriber, the report kept and listed on the page.
 */
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import type { Browser } from 'playwright-core';
import { startStack, type TestStack } from '../../test/harness/stack';
import { repoRoot } from '../../test/harness/harness';
import { eventually } from '../../test/harness/eventually';
import { seededEvents } from '../../test/fixtures/reports/seeded-events';
import { buildWorkbench } from '../build';
import { demoSignIn, launch, screenshots, seriousViolations } from './browser';
import { Notification } from '../../contracts/events';
import { ensureReportSchedules, scheduleIds } from '../../reports/schedules';
import { periodHolding, previousPeriod } from '../../reports/period';
import type { ScheduledReportResult } from '../../reports/workflow';

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
  await demoSignIn(page, stack.apiUrl, 'admin');
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
  await expect(page.getByRole('link', { name: '物业：电梯停运' }).getAttribute('href')).resolves.toBe('#/task/12345-1%2Fhandling-1');

  // The key project's own measures, counted from its snapshots' facts: nodes and problems on time, by the department each names.
  const measures = page.locator('table', { has: page.locator('caption', { hasText: '专项指标（达标数/总数）' }) });
  await expect(measures.locator('thead th').allInnerTexts()).resolves.toEqual(['', '重点项目节点按时完成', '重点项目问题按时销号']);
  const measureRow = (name: string) => measures.locator('tr', { has: page.getByRole('rowheader', { name }) }).locator('td').allInnerTexts();
  await expect(measureRow('合计')).resolves.toEqual(['1/2（50%）', '1/2（50%）']);
  await expect(measureRow('区自然资源局')).resolves.toEqual(['1/1（100%）', '—']);
  await expect(measureRow('区交警大队')).resolves.toEqual(['—', '0/1（0%）']);
  // Departments counted only in the measures are not in the figures' tables, nor ranked.
  await expect(row('按部门', '区交警大队').count()).resolves.toBe(0);
  await measures.locator('tr', { has: page.getByRole('rowheader', { name: '合计' }) }).getByRole('button', { name: '1/2（50%）' }).first().click();
  await page.getByRole('heading', { name: /重点项目节点按时完成：2 件/ }).waitFor();
  await expect(page.locator('section.report-cases li').allInnerTexts()).resolves.toEqual(['洪州大道三清山跨线桥工程 （达标）', '洪州大道三清山跨线桥工程 （未达标）']);
  await expect(page.locator('section.report-cases a').first().getAttribute('href')).resolves.toMatch(/^#\/(board\/items|process)\/keyProjectPush\/kp-1$/);

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

test('the weekly dispatch: its schedule, a run sent to each leader with the link, kept and listed', async () => {
  // Twice: the second start finds the schedules and updates them to the configuration.
  await expect(ensureReportSchedules(stack.client, stack.taskQueue)).resolves.toEqual([{ id: scheduleIds.week, action: 'created' }, { id: scheduleIds.month, action: 'created' }]);
  await expect(ensureReportSchedules(stack.client, stack.taskQueue)).resolves.toEqual([{ id: scheduleIds.week, action: 'updated' }, { id: scheduleIds.month, action: 'updated' }]);
  const week = await stack.client.schedule.getHandle(scheduleIds.week).describe();
  const next = new Date(week.info.nextActionTimes[0].getTime() + 8 * 3_600_000); // Shanghai wall time
  expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 8, 30]); // a Monday, 08:30
  const month = await stack.client.schedule.getHandle(scheduleIds.month).describe();
  expect(new Date(month.info.nextActionTimes[0].getTime() + 8 * 3_600_000).getUTCDate()).toBe(1);

  // A real subscriber on the leader's subject, as their device would be.
  const told = stack.nats.subscribe('gl.notify.leader-sun');
  const notices = (async () => {
    const got: Notification[] = [];
    for await (const m of told) {
      const n = Notification.parse(m.json());
      if (n.eventType === 'greenlight.report.issued') got.push(n);
      if (got.length === 2) break;
    }
    return got;
  })();

  // The week of 2 to 8 November: the refund, due at the end of Friday 6 November, still open when the week ended.
  const fixed = await stack.client.workflow.execute<(i: object) => Promise<ScheduledReportResult>>('scheduledReport', {
    args: [{ kind: 'week', key: '2026-W45' }], taskQueue: stack.taskQueue, workflowId: 'test-report-week-2026-W45',
  });
  expect(fixed).toEqual(expect.objectContaining({ kind: 'week', key: '2026-W45', sentTo: expect.arrayContaining(['leader-sun', 'mayor-li', 'tax-head']) }));
  // The schedule fired by hand: it reports the week before this one, whatever day the test runs.
  const handle = stack.client.schedule.getHandle(scheduleIds.week);
  await handle.trigger();
  const run = await eventually(() => handle.describe(), (d) => d.info.recentActions.length > 0, 'the triggered run', 30_000);
  const triggered = await stack.client.workflow.getHandle(run.info.recentActions[0].action.workflow.workflowId).result() as ScheduledReportResult;
  expect(triggered.key).toBe(previousPeriod(periodHolding('week', new Date())).key);

  const [first, second] = await notices;
  told.unsubscribe();
  const sun = [first, second].find((n) => n.text.includes('2026年第45周'))!;
  expect(sun.subject).toBe('【通报已发布】通报「挂责问效周调度 · 2026年第45周」');
  expect(sun.text).toContain('区税务局：应办结 1，超期未办结 1，亮红灯 1，申请延期 1');
  expect(sun.text).toContain('\u3000超期未办结：税收：增值税留抵退税');
  expect(sun.link).toBe(`${stack.apiUrl}/#/reports/week/2026-W45`);
  expect([first, second].map((n) => n.link)).toContain(`${stack.apiUrl}/#/reports/week/${triggered.key}`);

  // Kept: listed to all, its files the district's.
  const issued = await stack.call('admin', 'GET', '/api/reports/issued');
  expect(issued.body.reports.map((r: { key: string }) => r.key).sort()).toEqual(['2026-W45', triggered.key].sort());
  expect(issued.body.reports.find((r: { key: string }) => r.key === '2026-W45')).toEqual(expect.objectContaining({ title: '挂责问效周调度', files: true, sentTo: expect.arrayContaining(['leader-sun']) }));
  const pdf = await fetch(`${stack.apiUrl}/api/reports/issued/week/2026-W45.pdf`, { headers: { authorization: `Bearer ${await stack.token('admin')}` } });
  expect([pdf.status, Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
  const refused = await fetch(`${stack.apiUrl}/api/reports/issued/week/2026-W45.xlsx`, { headers: { authorization: `Bearer ${await stack.token('leader-sun')}` } });
  expect(refused.status).toBe(403);

  // The leader opens the link: the same week over what they oversee, and the issued list below it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await demoSignIn(page, stack.apiUrl, 'leader-sun');
  await page.locator('header.top .person').waitFor();
  await page.goto(sun.link!);
  await page.getByText('2026年第45周（2026-11-02 至 2026-11-08）').waitFor();
  const list = page.locator('section.report-issued');
  await list.getByRole('link', { name: '挂责问效周调度 · 2026年第45周（2026-11-02 至 2026-11-08）' }).waitFor();
  await expect(list.getByRole('link', { name: '电子表格' }).count()).resolves.toBe(0); // the district's files: not a leader's
  expect(await seriousViolations(page)).toEqual([]);
  await list.scrollIntoViewIfNeeded();
  await screenshots(page, 'reports-issued');
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
