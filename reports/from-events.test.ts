/**
 * The seeded history's events, as the engine publishes them (contracts/events.ts), give back
 * the seeded facts: the adapter reads what the record's tables keep.
 */
import type { CloudEvent } from '../contracts/events';
import { factsFromEvents } from './from-events';
import { seededFacts } from './seeded-history';

const sh = (local: string) => `${local}+08:00`;
let seq = 0;
const event = (type: string, time: string, data: Record<string, unknown>, subject?: string): CloudEvent => ({
  specversion: '1.0', id: `e-${++seq}`, source: 'greenlight/test', type: `greenlight.${type}`, subject, time: sh(time), datacontenttype: 'application/json', data,
});
const task = (taskId: string, processKind: string, departmentId: string, title: string, dueAt: string) =>
  (name: string, time: string, extra: Record<string, unknown> = {}) => event(`task.${name}`, time, {
    taskId, taskKey: taskId.split('/')[1], processKind, processId: taskId.split('/')[0], title, status: name === 'completed' ? 'completed' : 'open',
    light: 'green', dueAt: sh(dueAt), provisional: false, departmentId, recipients: [], ...extra,
  });

const refund = task('req-2/handling-1', 'enterpriseRequest', 'dept-tax', '税收：增值税留抵退税', '2026-11-07T00:00:00');
const lift = task('12345-1/handling-1', 'hotlineTicket', 'dept-housing', '物业：电梯停运', '2026-11-11T00:00:00');
const instruction = (name: string, time: string) => event(`instruction.${name}`, time, {
  instructionId: 'req-2/instruction-1', processKind: 'enterpriseRequest', processId: 'req-2', status: name, light: 'green', round: 0,
  dueAt: sh('2026-11-12T00:00:00'), departmentId: 'dept-tax', issuedBy: 'leader-sun', responderId: 'tax-head',
});

const events: CloudEvent[] = [
  event('hotline.submitted', '2026-11-06T09:00:00', { process: { kind: 'hotlineTicket', assignedLeaderId: 'leader-li' } }, '12345-1'),
  refund('created', '2026-11-04T09:00:00'),
  refund('extension-requested', '2026-11-05T09:00:00', { actorId: 'tax-huang', detail: { workingDays: 2 } }),
  refund('extension-refused', '2026-11-05T12:00:00', { actorId: 'tax-head' }),
  refund('light-changed', '2026-11-07T00:00:00', { light: 'red' }),
  refund('escalated', '2026-11-07T00:00:00', { light: 'red', step: 1, roles: ['departmentHead'], recipients: ['tax-head'] }),
  lift('created', '2026-11-06T09:00:00'),
  instruction('issued', '2026-11-09T09:00:00'),
  refund('completed', '2026-11-09T10:00:00', { light: 'red', actorId: 'tax-huang' }),
  instruction('answered', '2026-11-10T10:00:00'),
  instruction('returned', '2026-11-10T15:00:00'),
  lift('light-changed', '2026-11-11T00:00:00', { light: 'red' }),
  lift('escalated', '2026-11-11T00:00:00', { light: 'red', step: 1, roles: ['departmentHead'], recipients: ['housing-head'] }),
  instruction('answered', '2026-11-11T09:00:00'),
  lift('escalated', '2026-11-12T00:00:00', { light: 'red', step: 2, roles: ['assignee', 'assignedLeader'], recipients: ['housing-wu', 'leader-li'] }),
];

test('the events of two tasks and a 督办 give the facts the record would keep', () => {
  const facts = factsFromEvents(events, { leaderOfDepartment: (d) => ({ 'dept-tax': 'leader-sun', 'dept-housing': 'leader-nobody' })[d] });
  const seeded = (id: string) => seededFacts.tasks.find((t) => t.taskId === id);
  expect(facts.tasks).toEqual([seeded('req-2/handling-1'), seeded('12345-1/handling-1')]);
  const [i1] = seededFacts.instructions;
  expect(facts.instructions).toEqual([{ ...i1, answeredAt: [...i1.answeredAt].sort() }]);
});

test('a green light after red closes the span; a new deadline starts the chase count again', () => {
  const t = task('p/t', 'k', 'd', 't', '2026-11-10T00:00:00');
  const later = task('p/t', 'k', 'd', 't', '2026-11-13T00:00:00');
  const [fact] = factsFromEvents([
    t('light-changed', '2026-11-10T00:00:00', { light: 'red' }),
    t('escalated', '2026-11-10T00:00:00', { light: 'red', step: 1, roles: ['departmentHead'] }),
    later('deadline-extended', '2026-11-10T09:00:00', { light: 'green' }),
    later('escalated', '2026-11-13T00:00:00', { light: 'red', step: 1, roles: ['departmentHead'] }),
    later('escalated', '2026-11-14T00:00:00', { light: 'red', step: 2, roles: ['assignedLeader'] }),
  ]).tasks;
  expect(fact.reds).toEqual([{ from: sh('2026-11-10T00:00:00'), to: sh('2026-11-10T09:00:00') }, { from: sh('2026-11-13T00:00:00') }]);
  expect(fact.rungs.map((r) => r.chase)).toEqual([false, false, true]);
  expect(fact.dueAt).toBe(sh('2026-11-13T00:00:00'));
});
