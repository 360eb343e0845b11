/** Every kind's events and every task history type have words in the catalogue; an unknown event stays readable. */
import { definitions } from '../../processes/registry';
import { eventWord } from './i18n';

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

test("every kind's events, bare as a timeline says them and prefixed as the registry lists them, have Chinese words", () => {
  const missing = definitions.flatMap((d) => d.events.flatMap((e) => {
    const bare = e.slice(e.indexOf('.') + 1);
    return [e, bare].filter((x) => !hasChinese(eventWord(x)));
  }));
  expect(missing).toEqual([]);
});

test('task and instruction history types have Chinese words', () => {
  const task = ['created', 'claimed', 'released', 'reassigned', 'completed', 'cancelled', 'reminded', 'escalated', 'acknowledged', 'light-changed',
    'extension-requested', 'extension-approved', 'extension-refused', 'deadline-extended', 'deadlines-recomputed'];
  const instruction = ['issued', 'answered', 'accepted', 'returned', 'escalated'];
  expect([...task.map((x) => `task.${x}`), ...instruction.map((x) => `instruction.${x}`)].filter((x) => !hasChinese(eventWord(x)))).toEqual([]);
  expect(eventWord('task.claimed')).toBe('任务：认领');
  expect(eventWord('request.submitted')).toBe('提交');
});

test("a new kind's unknown event is shown in plain words", () => {
  expect(eventWord('permit.site-inspected')).toBe('permit site inspected');
  expect(eventWord('task.fooBar')).toBe('任务：foo bar');
});
