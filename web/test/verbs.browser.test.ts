/**
 * The verbs of issue 25 in a real browser (Debian's Chromium) against the real stack: a clerk
 * asks a colleague for an opinion (前加签), the colleague answers from the task page, the clerk
 * sees the opinion and completes, copying someone (抄送); a leader chases (催办) and the holder's
 * notification says so; the person copied finds it under 抄送我的 and marks it 已阅. A clerk puts
 * the resolution to the head (后加签), who approves it; the clerk then takes it back (撤回) before the
 * liaison confirms, and it is in their inbox again. The 12345 center returns a ticket's handling
 * (退回) from the callback, by keyboard; the handler finds it reopened with the reason. Each page is scanned with axe-core and
 * photographed at 1280 and 375 px.
 */
import type { Browser } from 'playwright-core';
import type { Notification } from '../../contracts/events';
import { jetstream } from '@nats-io/jetstream';
import { storedEvents } from '../../test/harness/events';
import { eventually } from '../../test/harness/eventually';
import { startStack, type TestStack } from '../../test/harness/stack';
import { buildWorkbench } from '../build';
import { launch, screenshots, seriousViolations, signedIn } from './browser';

let stack: TestStack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const pageErrors: string[] = [];
const TASK = 'req-web-verbs/handling-1';
const taskUrl = () => `${stack.apiUrl}/#/task/${encodeURIComponent(TASK)}`;

beforeAll(async () => {
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  await buildWorkbench();
  stack = await startStack();
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
    id: 'req-web-verbs', enterprise: { name: '名门世家大益茶馆' }, category: 'tax',
    title: '增值税留抵退税迟迟未到账', description: '三月申请的留抵退税至今未到账，茶馆资金周转困难。', liaisonId: 'liaison-ye',
  })).status).toBe(202);
  ({ browser, close: closeBrowser } = await launch());
  await eventually(() => stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(TASK)}`), (r) => r.status === 200, 'the handling task', 60_000);
}, 180_000);

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await closeBrowser?.();
  await stack?.stop();
}, 60_000);

const signIn = (personId: string) => signedIn(browser, stack.apiUrl, personId, pageErrors);

test('前加签: the clerk asks a colleague, the colleague answers, the clerk completes; a leader chases; a copied person marks 已阅', async () => {
  // The clerk claims the task and asks the finance clerk's opinion.
  const clerk = await signIn('tax-huang');
  await clerk.page.goto(taskUrl());
  await clerk.page.getByRole('button', { name: '认领' }).click();
  await clerk.page.locator('#signers-people').waitFor();
  await clerk.page.locator('#signers-people').selectOption(['finance-liu']);
  await clerk.page.locator('#signers-note').fill('请财政局就退库进度提出意见');
  await clerk.page.getByRole('button', { name: '征求意见' }).click();
  await clerk.page.locator('li[data-signer="finance-liu"] .tag-missing').waitFor();
  await clerk.page.getByText('回复意见后方可办理').waitFor();
  expect(await seriousViolations(clerk.page)).toEqual([]);
  await screenshots(clerk.page, 'verbs-asked');

  // A leader chases the holder: the holder's notification says 催办.
  const leader = await signIn('leader-sun');
  await leader.page.goto(taskUrl());
  await leader.page.locator('#chase-title').waitFor();
  await leader.page.getByRole('button', { name: '催办' }).click();
  await leader.page.getByText('已催办 1 次').waitFor();
  await leader.page.getByText('你已催办过，可再次催办的时间').waitFor();
  expect(await leader.page.getByRole('button', { name: '催办' }).count()).toBe(0);
  expect(await seriousViolations(leader.page)).toEqual([]);
  await screenshots(leader.page, 'verbs-chased');
  const notices = () => storedEvents(stack.nats, 'GL_NOTIFY', 'gl.notify.tax-huang')
    .then((stored) => stored.map((e) => e.event as unknown as Notification).filter((n) => n.taskId === TASK));
  const told = await eventually(notices, (ns) => ns.some((n) => n.eventType === 'greenlight.task.chased'), "the chase in the holder's notifications", 30_000);
  expect(told.find((n) => n.eventType === 'greenlight.task.chased')?.subject).toContain('【催办】');
  await leader.context.close();

  // The colleague opens the task from the link they were told, and answers.
  const colleague = await signIn('finance-liu');
  await colleague.page.goto(taskUrl());
  await colleague.page.locator('#sign-opinion').fill('同意，退库手续已在办理，预计本周内到账');
  expect(await seriousViolations(colleague.page)).toEqual([]);
  await screenshots(colleague.page, 'verbs-opinion');
  await colleague.page.getByRole('button', { name: '回复意见' }).click();
  await colleague.page.locator('li[data-signer="finance-liu"] .opinion').waitFor();
  // Asked for an opinion, they cannot complete the task.
  expect((await stack.call('finance-liu', 'POST', `/api/tasks/${encodeURIComponent(TASK)}/complete`, { outcome: 'resolved', payload: { summary: '代办' } })).status).toBe(403);
  await colleague.context.close();

  // The clerk sees the opinion, copies the housing clerk, and completes.
  await clerk.page.reload();
  await clerk.page.getByText('退库手续已在办理').waitFor();
  await clerk.page.locator('#copy-people').selectOption(['housing-wu']);
  await clerk.page.getByRole('button', { name: '抄送', exact: true }).click();
  await clerk.page.getByText('已抄送：').waitFor();
  await clerk.page.getByLabel('已解决').check();
  await clerk.page.locator('#f-resolved-summary').fill('已与财政局核实，退库本周内到账，已告知企业');
  await clerk.page.getByRole('button', { name: '提交' }).click();
  await clerk.page.locator('#inbox-title').waitFor();
  expect((await stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(TASK)}`)).body).toMatchObject({ status: 'completed' });
  await clerk.context.close();

  // The person copied finds it under 抄送我的, reads it, cannot act, and marks it 已阅.
  const copied = await signIn('housing-wu');
  await copied.page.goto(`${stack.apiUrl}/#/copies`);
  const row = copied.page.locator(`tr[data-copy-of="${TASK}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain('未阅');
  expect(await seriousViolations(copied.page)).toEqual([]);
  await screenshots(copied.page, 'verbs-copies');
  await row.getByRole('link').click();
  await copied.page.locator('#read-title').waitFor();
  expect(await copied.page.getByRole('button', { name: '提交' }).count()).toBe(0);
  await screenshots(copied.page, 'verbs-copy');
  await copied.page.getByRole('button', { name: '已阅' }).click();
  await copied.page.getByText('你已阅此抄送。').waitFor();
  await copied.page.goto(`${stack.apiUrl}/#/copies`);
  await eventually(() => copied.page.locator(`tr[data-copy-of="${TASK}"]`).textContent(), (t) => (t ?? '').includes('已阅'), 'read under 抄送我的');
  await copied.context.close();
}, 180_000);

test('后加签 approved by the head, then 撤回 by the clerk before the liaison confirms', async () => {
  const id = 'req-web-withdraw';
  const handling = `${id}/handling-1`;
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
    id, enterprise: { name: '人民路一家茶馆' }, category: 'tax', title: '发票开具系统无法登录', description: '茶馆的发票开具系统自上周起无法登录。', liaisonId: 'liaison-ye',
  })).status).toBe(202);
  await eventually(() => stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(handling)}`), (r) => r.status === 200, 'the handling task', 60_000);
  const url = (taskId: string) => `${stack.apiUrl}/#/task/${encodeURIComponent(taskId)}`;

  const clerk = await signIn('tax-huang');
  await clerk.page.goto(url(handling));
  await clerk.page.getByRole('button', { name: '认领' }).click();
  await clerk.page.locator('#sign-after-people').waitFor();
  await clerk.page.getByLabel('已解决').check();
  await clerk.page.locator('#f-resolved-summary').fill('已重置茶馆的开票账号，并远程指导登录');
  await clerk.page.locator('#sign-after-people').selectOption(['tax-head']);
  await clerk.page.getByRole('button', { name: '提交审批' }).click();
  await clerk.page.getByText('已提交审批，等待').waitFor();
  await clerk.page.locator('li[data-approver="tax-head"] .tag-missing').waitFor();
  expect(await clerk.page.getByRole('button', { name: '提交' }).count()).toBe(0);
  expect(await seriousViolations(clerk.page)).toEqual([]);
  await screenshots(clerk.page, 'verbs-sign-after');

  const head = await signIn('tax-head');
  await head.page.goto(url(handling));
  await head.page.locator('#sign-after-opinion').fill('同意，请告知企业');
  expect(await seriousViolations(head.page)).toEqual([]);
  await screenshots(head.page, 'verbs-approve');
  await head.page.getByRole('button', { name: '同意', exact: true }).click();
  await head.page.getByText('已同意').waitFor();
  expect((await stack.call('tax-huang', 'GET', `/api/tasks/${encodeURIComponent(handling)}`)).body).toMatchObject({ status: 'completed', completion: { actorId: 'tax-huang' } });
  await head.context.close();

  // The clerk takes it back while the liaison's confirmation is untouched.
  // (Each try reloads the page and counts once the task has loaded, not while it is loading.)
  await eventually(async () => {
    await clerk.page.reload();
    await clerk.page.locator('#task-title').waitFor();
    return clerk.page.locator('#withdraw-title').count();
  }, (n) => n > 0, 'the 撤回 card');
  await clerk.page.locator('#withdraw-reason').fill('账号重置后仍无法登录，需再核实');
  expect(await seriousViolations(clerk.page)).toEqual([]);
  await screenshots(clerk.page, 'verbs-withdraw');
  await clerk.page.getByRole('button', { name: '撤回', exact: true }).click();
  await clerk.page.getByText('已撤回。本任务已重新回到你的待办。').waitFor();
  await clerk.page.goto(`${stack.apiUrl}/#/inbox`);
  await clerk.page.locator(`a[href="#/task/${encodeURIComponent(`${handling}:w1`)}"]`).first().waitFor();
  await clerk.context.close();
}, 180_000);

test('退回: the center returns the handling from the callback, by keyboard; the handler sees it reopened with the reason', async () => {
  const id = '12345-web-return';
  await jetstream(stack.nats).publish('gl.cmd.hotline-ticket.dispatch', JSON.stringify({
    id, category: 'consultation', title: '物业维修资金如何申请', description: '市民咨询住宅专项维修资金的申请程序。',
    citizen: { name: '张女士', phone: '13800000001' }, departmentId: 'housing', centerDepartmentId: 'permits',
  }));
  const api = (taskId: string) => `/api/tasks/${encodeURIComponent(taskId)}`;
  const open = (who: string, taskId: string) => eventually(() => stack.call(who, 'GET', api(taskId)), (r) => r.status === 200, taskId, 60_000);
  await open('housing-wu', `${id}/signing`);
  expect((await stack.call('housing-wu', 'POST', `${api(`${id}/signing`)}/complete`, { outcome: 'signed', payload: {} })).status).toBe(200);
  await open('housing-wu', `${id}/handling-1`);
  expect((await stack.call('housing-wu', 'POST', `${api(`${id}/handling-1`)}/complete`, { outcome: 'handled', payload: { summary: '请咨询物业公司' } })).status).toBe(200);
  await open('permits-feng', `${id}/callback-1`);
  const url = (taskId: string) => `${stack.apiUrl}/#/task/${encodeURIComponent(taskId)}`;

  const center = await signIn('permits-feng');
  await center.page.goto(url(`${id}/callback-1`));
  await center.page.locator('#return-title').waitFor();
  await center.page.getByText('退回到“办理”').waitFor();
  // By keyboard: to the reason, type it, Enter sends the form.
  await center.page.locator('#return-reason').focus();
  await center.page.keyboard.type('答复未说明申请材料，请补充');
  expect(await seriousViolations(center.page)).toEqual([]);
  await screenshots(center.page, 'verbs-return');
  await center.page.keyboard.press('Enter');
  await center.page.getByText('已退回到“办理”').waitFor();
  await center.context.close();

  const handler = await signIn('housing-wu');
  await handler.page.goto(`${stack.apiUrl}/#/inbox`);
  const reopened = `${id}/handling-1:r1`;
  await handler.page.locator(`a[href="#/task/${encodeURIComponent(reopened)}"]`).first().click();
  await handler.page.getByText('退回原因：答复未说明申请材料，请补充').waitFor();
  expect(await seriousViolations(handler.page)).toEqual([]);
  await screenshots(handler.page, 'verbs-returned');
  await handler.context.close();
}, 180_000);
