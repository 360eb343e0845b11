/**
 * Every word a page shows of a kind has Chinese: each kind's events, its forms' outcomes and
 * fields, and its ladders' labels, from its own folder (its definition's `presentation`) or the
 * engine's catalogue; every task and instruction history type has Chinese; an unknown event stays
 * readable. The kinds are given to the workbench as the API gives them (GET /api/processes).
 */
import { z } from 'zod';
import { describeKind } from '../../api/routes/processes';
import { formSchemas } from '../../contracts/forms';
import { definitions } from '../../processes/registry';
import { eventWord, kindName, setLanguage, tOr } from './i18n';
import { setKinds } from './kinds';

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

beforeAll(() => setKinds(definitions.map(describeKind)));

test("every kind's events, bare as a timeline says them and prefixed as the registry lists them, have Chinese words", () => {
  const missing = definitions.flatMap((d) => d.events.flatMap((e) => {
    const bare = e.slice(e.indexOf('.') + 1);
    return [e, bare].filter((x) => !hasChinese(eventWord(x, d.kind)));
  }).map((x) => `${d.kind}: ${x}`));
  expect(missing).toEqual([]);
});

test("every outcome and field of a kind's own forms, and every label of its ladders, has Chinese words", () => {
  const missing = definitions.flatMap((d) => {
    const keys = Object.keys(d.forms).flatMap((form) => Object.entries(formSchemas(form)).flatMap(([outcome, schema]) => [
      `outcome.${outcome}`,
      ...(schema instanceof z.ZodObject ? Object.keys(schema.shape).map((field) => `field.${field}`) : []),
    ]));
    const labels = Object.values(d.ladders).flatMap((ladder) => ladder.steps.flatMap((s) => (s.label ? [`ladder.${s.label}`] : [])));
    return [...new Set([...keys, ...labels])].filter((key) => !hasChinese(tOr(key, key, {}, d.kind))).map((key) => `${d.kind}: ${key}`);
  });
  expect(missing).toEqual([]);
});

test('task and instruction history types have Chinese words', () => {
  const task = ['created', 'claimed', 'released', 'reassigned', 'completed', 'cancelled', 'reminded', 'escalated', 'acknowledged', 'light-changed',
    'extension-requested', 'extension-approved', 'extension-refused', 'deadline-extended', 'deadlines-recomputed', 'chased', 'copied', 'signers-added', 'sign-answered', 'signer-removed', 'delegated', 'delegation-returned', 'transferred'];
  const instruction = ['issued', 'answered', 'accepted', 'returned', 'escalated'];
  expect([...task.map((x) => `task.${x}`), ...instruction.map((x) => `instruction.${x}`)].filter((x) => !hasChinese(eventWord(x)))).toEqual([]);
  expect(eventWord('task.claimed')).toBe('任务：认领');
  expect(eventWord('request.submitted', 'enterpriseRequest')).toBe('已提交');
});

test("a new kind's unknown event is shown in plain words", () => {
  expect(eventWord('permit.site-inspected')).toBe('permit site inspected');
  expect(eventWord('task.fooBar')).toBe('任务：foo bar');
});

test("in English, a kind's words are its own English; a word it gives none stays Chinese", () => {
  try {
    setLanguage('en');
    expect(kindName('enterpriseRequest')).toBe('Enterprise request');
    expect(eventWord('request.submitted', 'enterpriseRequest')).toBe('Submitted');
    expect(tOr('outcome.resolved', 'resolved', {}, 'enterpriseRequest')).toBe('Resolved');
  } finally {
    setLanguage('zh');
  }
});
