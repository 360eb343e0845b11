/** A robot's markdown (企业微信, 钉钉) carries people's text as text: no link, image or heading made from a title. */
import type { Notification } from '../contracts/events';
import { escapeMarkdown, webhookBody } from './webhook';

const hostile: Notification = {
  id: 'n-1', personId: 'leader-sun', kind: 'escalation', urgent: true, subject: '【超期升级】[click](javascript:alert(1))',
  text: '【超期升级】[click](javascript:alert(1))\n> 事项：![x](http://evil.example/a.png) # 标题 **粗** `code` <b>b</b>\n查看：https://gl.example.gov.cn/#/task/req-(1)%2Fhandling-1',
  link: 'https://gl.example.gov.cn/#/task/req-(1)%2Fhandling-1',
  eventId: 'e-1', eventType: 'gl.evt.task.escalated', time: '2026-12-07T08:00:00Z',
};

test.each(['wecom-markdown', 'dingtalk-markdown'] as const)('%s: user text cannot make markup; the link stays one link', (format) => {
  const body = webhookBody(hostile, format) as { markdown: { content?: string; text?: string } };
  const markdown = body.markdown.content ?? body.markdown.text ?? '';
  const [headline, ...rest] = markdown.split('\n');
  const link = rest.pop();
  expect(headline).toBe('**【超期升级】［click］（javascript:alert（1））**');
  expect(rest.map((l) => l.replace(/^> /, '')).join('\n')).not.toMatch(/[[\]()<>*_`#!|]/);
  expect(link).toBe('[查看](https://gl.example.gov.cn/#/task/req-%281%29%2Fhandling-1)');
  expect(markdown.match(/\]\(/g)).toHaveLength(1);
});

test('escaping reads the same, in full-width forms', () => {
  expect(escapeMarkdown('关于(A)类提案 [重点]')).toBe('关于（A）类提案 ［重点］');
  expect(escapeMarkdown('普通标题')).toBe('普通标题');
});
