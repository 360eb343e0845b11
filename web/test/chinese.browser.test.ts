/**
 * Every page in Chinese: a clerk, a department head, a leader and an administrator each walk every
 * page the workbench links them to (inbox, tasks, board, processes, alerts, 督办, administration),
 * and no page in zh-CN shows a run of English words — two or more Latin words in a row, or a lone
 * word like a status code, in any text or label a person sees or hears, outside the developer's
 * view (`details.dev`) and `code`, where ids and codes belong. Then English mode is chosen, kept across a reload, and said in English.
 *
 * The test seeds its own data, written as the district would (one of each kind), so that it says
 * something about the interface whatever the stock demo holds. Run with GREENLIGHT_WALK_DEMO=1 to
 * seed the stock demo as well and walk its pages too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../../test/harness/stack';
import { eventually } from '../../test/harness/eventually';
import { repoRoot } from '../../test/harness/harness';
import { seedDemo } from '../../demo/seed';
import { buildWorkbench } from '../build';
import { demoSignIn, launch, screenshots } from './browser';

let stack: TestStack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const pageErrors: string[] = [];

/** One process of each kind, in the district's words. */
async function seedChinese(): Promise<void> {
  const project = JSON.parse(readFileSync(join(repoRoot, 'processes/project-approval/demo.commands.json'), 'utf8'))[0].body;
  const starts: [string, string, Record<string, unknown>][] = [
    ['liaison-ye', 'enterpriseRequest', {
      id: 'req-zh-roof', enterprise: { name: '绿地滨江小区底商', contact: '139-0000-0000' }, category: 'propertyServices',
      title: '小区物业拒不维修漏水屋面', description: '底商反映屋面漏水已两个月，物业公司一直推诿，请住建局督促维修。', liaisonId: 'liaison-ye',
    }],
    ['liaison-ye', 'enterpriseRequest', {
      id: 'req-zh-parking', enterprise: { name: '名门世家大益茶馆' }, category: 'parkingAndTraffic',
      title: '茶馆门前无处停车', description: '店主希望在店旁设置临时停车位，方便顾客短时停靠。', liaisonId: 'liaison-ye',
    }],
    ['admin', 'hotlineTicket', {
      id: '12345-zh-fund', category: 'consultation', title: '如何申请使用住宅专项维修资金', description: '市民询问楼顶漏水如何申请动用住宅专项维修资金。',
      citizen: { name: '张女士', phone: '13800000001' }, departmentId: 'housing', centerDepartmentId: 'permits',
    }],
    ['admin', 'projectApproval', project],
    ['cppcc-yang', 'proposalHandling', {
      id: '2026-zh-01', title: '关于推进重大项目并联审批的建议', text: '建议重大项目审批事项并联办理，各事项亮灯情况在一张图上公开。',
      proposers: ['张委员', '李委员'], leadUnitId: 'drc', coUnitIds: ['permits'],
    }],
  ];
  for (const [as, kind, body] of starts) {
    const res = await stack.call(as, 'POST', `/api/processes/${kind}`, body);
    if (res.status !== 202) throw new Error(`starting ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  await buildWorkbench();
  stack = await startStack({ directoryPath: join(repoRoot, 'test/fixtures/short-sla-directory.json') });
  if (process.env.GREENLIGHT_WALK_DEMO === '1') await seedDemo(stack.nats);
  await seedChinese();
  ({ browser, close: closeBrowser } = await launch());
  // The housing clerk holds the roof request (red in 4 s on the short ladder, at the leader in 6 s) and asks for more time;
  // the leader instructs on the parking request, so that alerts, an extension awaiting its head and a 督办 all have pages.
  const roof = 'req-zh-roof/handling-1';
  await eventually(() => stack.call('housing-wu', 'POST', `/api/tasks/${encodeURIComponent(roof)}/claim`), (r) => r.status === 200, 'the roof request claimed', 60_000);
  await eventually(() => stack.call('leader-qian', 'GET', '/api/leaders/me/escalations'),
    (r) => r.status === 200 && r.body.escalations.length > 0, 'an escalation reaching leader-qian', 60_000);
  await eventually(() => stack.call('leader-qian', 'POST', '/api/processes/enterpriseRequest/req-zh-parking/instructions', {
    text: '请交警大队三个工作日内拿出临时停车方案', responseWorkingDays: 3, departmentId: 'traffic',
  }), (r) => r.status === 202, 'the 督办 issued', 30_000);
}, 240_000);

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await closeBrowser?.();
  await stack?.stop();
}, 60_000);

/**
 * Two or more Latin words in a row (an id like req-demo-tax is one), or one Latin word of three
 * letters or more (a status code, an outcome's name): what a zh-CN page must not say outside ids and codes. The
 * language switch's own name is the one English word allowed.
 */
const ENGLISH_RUN = /[A-Za-z]{2,}(?:[\s,:;'’-]+[A-Za-z]{2,})+|\b[A-Za-z]{3,}\b/g;
const ALLOWED = new Set(['English']);
/** Codes a message may name for an administrator: paths, variables, acronyms (scripts/stack.sh, NATS_URL, NATS). */
const CODE_LIKE = /[A-Za-z0-9_-]*[/_][A-Za-z0-9_./-]*|\b[A-Z0-9]{2,}\b/g;

/**
 * The runs of English a person sees or hears on the page as it is: each text node, and the labels and titles of
 * elements, outside the developer's view, `code`, scripts and styles.
 */
async function englishOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const skip = (el: Element | null) => Boolean(el?.closest('details.dev, code, script, style, noscript'));
    const found: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!skip(node.parentElement) && node.textContent?.trim()) found.push(node.textContent.trim());
    }
    for (const el of Array.from(document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) found.push(v);
      }
    }
    return found;
  });
  return texts.flatMap((t) => t.replace(CODE_LIKE, ' ').match(ENGLISH_RUN) ?? []).map((run) => run.trim()).filter((run) => !ALLOWED.has(run));
}

/** Waits until the page has shown what it loads: no "loading" line left, the live stream aside. */
async function settled(page: Page): Promise<void> {
  await page.locator('main#main').waitFor();
  await eventually(() => page.locator('[role="status"]', { hasText: '正在载入' }).count(), (n) => n === 0, 'the page loaded', 15_000);
  await page.waitForTimeout(150);
}

/**
 * Every page the workbench links a person to, from their first page on, breadth first (each address once,
 * up to `max`); returns the English found on each.
 */
async function walk(personId: string, max = 40, shoot = false): Promise<{ pages: string[]; english: Record<string, string[]> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${personId}: ${err.message}`));
  await demoSignIn(page, stack.apiUrl, personId);
  await page.locator('header.top .person').waitFor();
  const seen = new Set<string>();
  const shot = new Set<string>();
  const queue = ['#/'];
  const english: Record<string, string[]> = {};
  while (queue.length > 0 && seen.size < max) {
    const hash = queue.shift() as string;
    if (seen.has(hash)) continue;
    seen.add(hash);
    await page.goto(`${stack.apiUrl}/${hash}`);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const runs = await englishOn(page);
    if (runs.length > 0) english[hash] = runs;
    // One photograph of each kind of page (its route's first part and kind), at 1280 and 375 px.
    const shape = hash.split('/').slice(1, 3).map((p) => decodeURIComponent(p).replace(/[^A-Za-z0-9]+/g, '-')).join('-') || 'home';
    if (shoot && !shot.has(shape)) {
      shot.add(shape);
      await screenshots(page, `walk-${personId}-${shape}`);
    }
    const links = await page.locator('a[href^="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') as string));
    for (const l of links) if (!seen.has(l) && !queue.includes(l)) queue.push(l);
  }
  await context.close();
  return { pages: [...seen], english };
}

test.each([
  ['a clerk', 'housing-wu'],
  ['a department head', 'traffic-head'],
  ['a leader', 'leader-qian'],
  ['an administrator', 'admin'],
])('%s walks every page and finds no run of English words', async (_who, personId) => {
  const { pages, english } = await walk(personId, 40, personId === 'admin' || personId === 'traffic-head');
  expect(pages.length).toBeGreaterThan(3);
  expect(english).toEqual({});
}, 240_000);

test('English mode is said in English and kept across a reload', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await demoSignIn(page, stack.apiUrl, 'housing-wu');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'My tasks' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'My tasks' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.goto(`${stack.apiUrl}/#/task/${encodeURIComponent('req-zh-roof/handling-1')}`);
  await page.getByRole('heading', { name: 'Warnings and escalation' }).waitFor();
  await screenshots(page, 'task-english');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '预警与升级' }).waitFor();
  await context.close();
}, 120_000);

test('the extension form checks before sending, beside its fields; a refusal says what to fix; the head finds it marked in the inbox', async () => {
  const ticket = '12345-zh-fund';
  await eventually(() => stack.call('housing-wu', 'POST', `/api/tasks/${encodeURIComponent(`${ticket}/signing`)}/complete`, { outcome: 'signed', payload: {} }),
    (r) => r.status === 200, 'the ticket signed', 30_000);
  const handling = `${ticket}/handling-1`;
  // Whoever signed handles it: the handling task is theirs at once.
  const task = await eventually(() => stack.call('housing-wu', 'GET', `/api/tasks/${encodeURIComponent(handling)}`), (r) => r.status === 200, 'the handling task', 30_000);
  expect(task.body).toMatchObject({ status: 'claimed', assigneeId: 'housing-wu' });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await demoSignIn(page, stack.apiUrl, 'housing-wu');
  await page.goto(`${stack.apiUrl}/#/task/${encodeURIComponent(handling)}`);
  // The 12345 outcome in words.
  await page.getByLabel('办理完毕').waitFor();
  const sent: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/extension')) sent.push(r.url()); });
  // No reason: said beside the field, nothing sent.
  await page.getByRole('button', { name: '申请延期' }).click();
  expect(await page.locator('#ext-reason-error').textContent()).toBe('请填写延期理由');
  expect(await page.locator('#ext-reason').getAttribute('aria-invalid')).toBe('true');
  await page.locator('#ext-days').fill('99');
  await page.getByRole('button', { name: '申请延期' }).click();
  expect(await page.locator('#ext-days-error').textContent()).toBe('延长工作日数请填 1 到 60 之间的整数');
  expect(sent).toEqual([]);
  await screenshots(page, 'task-extension-invalid');
  // More than the ticket allows: the server's refusal, in Chinese, in the form.
  await page.locator('#ext-days').fill('5');
  await page.locator('#ext-reason').fill('业主大会须先表决');
  await page.getByRole('button', { name: '申请延期' }).click();
  await page.locator('#extension [role="alert"]', { hasText: '最多还能延期 3 个工作日，请减少延长工作日数' }).waitFor();
  await page.locator('#ext-days').fill('2');
  await page.getByRole('button', { name: '申请延期' }).click();
  await page.getByText('已申请延期 2 个工作日，等待部门负责人审批。').waitFor();
  await context.close();

  // The head's inbox marks it as waiting for their decision.
  const head = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const headPage = await head.newPage();
  headPage.on('pageerror', (err) => pageErrors.push(err.message));
  await demoSignIn(headPage, stack.apiUrl, 'housing-head');
  const row = headPage.locator(`tr[data-task-id="${handling}"]`);
  await eventually(async () => { await headPage.reload(); await row.waitFor(); return row.locator('[data-extension-pending]').count(); }, (n) => n === 1, 'the mark in the head\'s inbox', 30_000);
  expect(await row.locator('[data-extension-pending]').textContent()).toBe('延期待你审批');
  // The header says who is signed in, on a phone too.
  expect(await headPage.locator('header.top .person').isVisible()).toBe(true);
  await screenshots(headPage, 'inbox-extension-pending');

  // 改派 says to whom, and the history says to whom and why.
  await headPage.goto(`${stack.apiUrl}/#/task/${encodeURIComponent('req-zh-roof/handling-1')}`);
  await headPage.locator('#re-person').selectOption('housing-head');
  await headPage.locator('#re-reason').fill('吴同志出差，由我本人跟进');
  await headPage.getByRole('button', { name: '改派 / 转办' }).click();
  await headPage.getByText('已改派给 住建局局长。').waitFor();
  await headPage.locator('.history li', { hasText: '改派 · 住建局局长（至 住建局局长 · 区住建局，理由：吴同志出差，由我本人跟进）' }).waitFor();
  await screenshots(headPage, 'task-reassigned');
  await head.close();
}, 120_000);
