import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDirectory } from '../activities/directory-file';
import type { CloudEvent } from '../contracts/events';
import { kindNames, kindPresentations } from './notifier';
import { eventTitle } from './messages';
import { notificationsFor } from './notifications';
import { held } from './preferences';
import { secretEnvName, webhookSecrets } from './secrets';
import { sign, verify, webhookBody } from './webhook';

const directory = loadDirectory(join(__dirname, '../directory/demo.json'));
const options = { webUrl: 'https://gl.example.gov.cn/', kindNames: kindNames(), presentations: kindPresentations() };

const escalation: CloudEvent = {
  specversion: '1.0',
  id: 'req-1/handling-1#7',
  source: 'urn:greenlight:enterpriseRequest:req-1',
  type: 'greenlight.task.escalated',
  subject: 'req-1/handling-1',
  time: '2026-12-07T16:00:00.000Z',
  datacontenttype: 'application/json',
  data: {
    taskId: 'req-1/handling-1', processKind: 'enterpriseRequest', processId: 'req-1', title: '茶馆顾客停车难',
    light: 'red', dueAt: '2026-12-04T16:00:00.000Z', provisional: true, departmentId: 'traffic', assigneeId: 'traffic-zheng',
    recipients: ['leader-qian', 'someone-gone'], detail: { label: 'overdue: assigned leader', deadline: '2026-12-07T16:00:00.000Z' },
  },
};

test('one notification per known recipient, with an id that makes a redelivered event a duplicate', () => {
  const { notifications, unknown } = notificationsFor(escalation, directory, options);
  expect(unknown).toEqual(['someone-gone']);
  expect(notifications).toEqual([expect.objectContaining({
    id: 'req-1/handling-1#7:leader-qian', personId: 'leader-qian', kind: 'escalation', urgent: true, taskId: 'req-1/handling-1',
    light: 'red', label: 'overdue: assigned leader', time: '2026-12-07T16:00:00.000Z', dueAt: '2026-12-04T16:00:00.000Z', lateMs: 3 * 86_400_000,
  })]);
  expect(notificationsFor(escalation, directory).notifications.map((n) => n.id)).toEqual(notifications.map((n) => n.id));
});

test('the words: what, which request, department and handler, the deadline in Shanghai with 暂定, how late, the link', () => {
  const [n] = notificationsFor(escalation, directory, options).notifications;
  expect(n.subject).toBe('【超期升级】企业诉求「茶馆顾客停车难」：已超期，报挂点领导');
  expect(n.text.split('\n')).toEqual([
    '【超期升级】企业诉求「茶馆顾客停车难」：已超期，报挂点领导',
    '责任部门：区交警大队\u3000经办人：郑 (交警大队经办)',
    // Late by the working days that passed (Monday), not the calendar days (3), in the one words of calendar/spoken-time.ts.
    '办理时限：12月4日 周五 24:00（暂定）\u3000已超期 1 个工作日',
    '亮灯：红灯',
    '查看：https://gl.example.gov.cn/#/task/req-1%2Fhandling-1',
  ]);
});

test('any event with recipients is told, whatever its kind; without a title it names the process, and links to it', () => {
  const rejected: CloudEvent = {
    ...escalation, id: 'proj-1#4', source: 'urn:greenlight:projectApproval:proj-1', type: 'greenlight.project.item-rejected', subject: 'proj-1',
    data: { projectId: 'proj-1', name: '洪州大道三清山跨线桥工程', itemName: '施工许可', departmentId: 'housing', light: 'red', reason: '图纸不全', recipients: ['leader-qian'] },
  };
  const [n] = notificationsFor(rejected, directory, options).notifications;
  expect(n).toMatchObject({ kind: 'notice', urgent: true, processKind: 'projectApproval', processId: 'proj-1', link: 'https://gl.example.gov.cn/#/board/items/projectApproval/proj-1' });
  expect(n.text).toContain('【审批事项不予通过】重大重点项目并联审批「洪州大道三清山跨线桥工程」\n事项：施工许可\n责任部门：区住建局\n原因：图纸不全');

  const novel: CloudEvent = { ...rejected, id: 'x-1#1', source: 'urn:greenlight:newKind:x-1', type: 'greenlight.newkind.nudged', data: { recipients: ['tax-huang'] } };
  const [m] = notificationsFor(novel, directory, options).notifications;
  expect(m).toMatchObject({ kind: 'notice', urgent: false, subject: '【事项动态 (newkind.nudged)】newKind「x-1」' });
  expect(notificationsFor({ ...novel, data: {} }, directory).notifications).toEqual([]);
});

test('a reminder to staff waits in quiet hours; an escalation to a leader does not', () => {
  const reminder = notificationsFor({ ...escalation, type: 'greenlight.task.reminded', data: { ...escalation.data, recipients: ['traffic-zheng'], detail: { label: 'reminder: due tomorrow' } } }, directory).notifications[0];
  expect(reminder).toMatchObject({ kind: 'reminder', urgent: false });
  expect(reminder.subject).toContain('：明天到期');
  const person = { ...directory.people[0], quietHours: { from: '22:00', to: '07:30' } };
  const night = new Date('2026-12-07T15:00:00Z'); // 23:00 Shanghai
  const morning = new Date('2026-12-08T00:00:00Z'); // 08:00
  expect(held(person, reminder, night)).toBe(true);
  expect(held(person, reminder, morning)).toBe(false);
  expect(held(person, notificationsFor(escalation, directory).notifications[0], night)).toBe(false);
});

test('the webhook signature covers the timestamp and the body; robots get their message shapes', () => {
  const [n] = notificationsFor(escalation, directory, options).notifications;
  const body = JSON.stringify(n);
  const now = Date.parse('2026-12-07T16:00:00Z');
  const ts = String(now / 1000);
  const signature = sign('s3cret', ts, body);
  expect(verify('s3cret', { timestamp: ts, signature }, body, now)).toBe(true);
  expect(verify('s3cret', { timestamp: ts, signature }, `${body} `, now)).toBe(false);
  expect(verify('other', { timestamp: ts, signature }, body, now)).toBe(false);
  expect(verify('s3cret', { timestamp: ts, signature }, body, now + 600_000)).toBe(false);
  expect(webhookBody(n, 'wecom-markdown')).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringMatching(/^\*\*【超期升级】.*\n> 责任部门：区交警大队.*\[查看\]\(https:\/\/gl\.example\.gov\.cn\/#\/task\/req-1%2Fhandling-1\)$/s) } });
  expect(webhookBody(n, 'dingtalk-markdown')).toMatchObject({ msgtype: 'markdown', markdown: { title: n.subject, text: expect.any(String) } });
  expect(webhookBody(n, 'robot-text')).toEqual({ msgtype: 'text', text: { content: n.text } });
});

test('a webhook secret comes from the person\'s variable, else from the secrets file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gl-secrets-'));
  const file = join(dir, 'secrets.json');
  writeFileSync(file, JSON.stringify({ 'leader-sun': 'from-file', 'mayor-li': 'file-mayor' }));
  const secretOf = webhookSecrets({ GREENLIGHT_WEBHOOK_SECRETS: file, [secretEnvName('leader-sun')]: 'from-env' });
  expect(secretEnvName('leader-sun')).toBe('GREENLIGHT_WEBHOOK_SECRET_LEADER_SUN');
  expect([secretOf('leader-sun'), secretOf('mayor-li'), secretOf('nobody')]).toEqual(['from-env', 'file-mayor', undefined]);
  rmSync(dir, { recursive: true, force: true });
});

test('every event of the engine that tells someone has its own headline, not the generic one', () => {
  const told = ['task.created', 'task.reminded', 'task.escalated', 'task.reassigned', 'task.extension-requested', 'task.extension-approved',
    'task.extension-refused', 'task.deadline-extended', 'instruction.issued', 'instruction.answered', 'instruction.accepted', 'instruction.returned',
    'instruction.escalated'];
  expect(told.filter((type) => eventTitle(`greenlight.${type}`).startsWith('事项动态'))).toEqual([]);
});

test('nobody is told of their own act, and a new task is "new" only to whom may take it', () => {
  const created: CloudEvent = {
    ...escalation, id: 'p-1/reply-1#1', type: 'greenlight.task.created', source: 'urn:greenlight:proposalHandling:p-1',
    data: { ...escalation.data, taskId: 'p-1/reply-1', processKind: 'proposalHandling', processId: 'p-1', title: '提案答复: 关于停车的建议',
      departmentId: 'drc', assigneeId: undefined, light: 'green', recipients: ['drc-chen', 'mayor-li'], detail: {} },
  };
  const subjects = Object.fromEntries(notificationsFor(created, directory, options).notifications.map((n) => [n.personId, n.subject]));
  expect(subjects).toEqual({ 'drc-chen': '【新待办】政协提案「提案答复: 关于停车的建议」', 'mayor-li': '【任务已交办】政协提案「提案答复: 关于停车的建议」' });
  const decided: CloudEvent = { ...created, type: 'greenlight.task.extension-refused', data: { ...created.data, actorId: 'drc-head', recipients: ['drc-head', 'drc-chen'] } };
  expect(notificationsFor(decided, directory, options).notifications.map((n) => n.personId)).toEqual(['drc-chen']);
});
