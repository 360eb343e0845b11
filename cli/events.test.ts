import type { CloudEvent } from '../contracts/events';
import { describeEvent, describeNotification } from './events';

const event: CloudEvent = {
  specversion: '1.0', id: 'req-1/handling-1#7', source: 'urn:greenlight:enterpriseRequest:req-1', type: 'greenlight.task.escalated',
  subject: 'req-1/handling-1', time: '2026-12-07T16:00:00.000Z', datacontenttype: 'application/json',
  data: { light: 'red', dueAt: '2026-12-04T16:00:00.000Z', provisional: true, recipients: ['leader-qian'] },
};

test('an event is told in Shanghai words, its deadline with how late it was then in working days, not in UTC', () => {
  const line = describeEvent('gl.evt.task.escalated', event);
  expect(line).toMatch(/^(2026年)?12月7日 周一 24:00 {2}task\.escalated {2}req-1\/handling-1 {2}light=red {2}due=(2026年)?12月4日 周五 24:00（暂定） 已超期 1 个工作日 {2}to=leader-qian$/);
  expect(line).not.toContain('T16:00');
});

test('a notification is headed by when it was sent, in Shanghai words', () => {
  const head = describeNotification({ id: 'n-1', personId: 'leader-qian', kind: 'escalation', urgent: true, subject: 's', text: '【超期升级】…', eventId: 'e', eventType: 't', time: '2026-12-07T01:30:00.000Z' });
  expect(head).toMatch(/^# (2026年)?12月7日 周一 09:30 {2}n-1\n【超期升级】…\n$/);
});
