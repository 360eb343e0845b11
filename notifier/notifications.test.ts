import { join } from 'node:path';
import { loadDirectory } from '../activities/directory-file';
import type { CloudEvent } from '../contracts/events';
import { notificationsFor } from './notifications';

const directory = loadDirectory(join(__dirname, '../directory/demo.json'));

const escalation: CloudEvent = {
  specversion: '1.0',
  id: 'req-1/handling-1#7',
  source: 'urn:greenlight:enterpriseRequest:req-1',
  type: 'greenlight.task.escalated',
  subject: 'req-1/handling-1',
  time: '2026-10-08T16:00:00.000Z',
  datacontenttype: 'application/json',
  data: {
    taskId: 'req-1/handling-1', processKind: 'enterpriseRequest', processId: 'req-1', title: 'parking',
    light: 'red', recipients: ['leader-sun', 'someone-gone'], detail: { label: 'overdue: assigned leader' },
  },
};

test('one notification per known recipient, with an id that makes a redelivered event a duplicate', () => {
  const { notifications, unknown } = notificationsFor(escalation, directory);
  expect(unknown).toEqual(['someone-gone']);
  expect(notifications).toEqual([expect.objectContaining({
    id: 'req-1/handling-1#7:leader-sun', personId: 'leader-sun', kind: 'escalation', taskId: 'req-1/handling-1',
    light: 'red', label: 'overdue: assigned leader', time: '2026-10-08T16:00:00.000Z',
  })]);
  expect(notificationsFor(escalation, directory).notifications.map((n) => n.id)).toEqual(notifications.map((n) => n.id));
});

test('a reminder is a reminder', () => {
  const { notifications } = notificationsFor({ ...escalation, type: 'greenlight.task.reminded', data: { ...escalation.data, recipients: ['tax-huang'] } }, directory);
  expect(notifications.map((n) => [n.personId, n.kind])).toEqual([['tax-huang', 'reminder']]);
});
