/**
 * The events of part of the seeded history (reports/seeded-history.ts) as the engine publishes
 * them (contracts/events.ts): two tasks of November, a process's snapshot and a 督办.
 */
import type { CloudEvent } from '../contracts/events';

export const sh = (local: string) => `${local}+08:00`;
let seq = 0;
const event = (type: string, time: string, data: Record<string, unknown>, subject?: string): CloudEvent => ({
  specversion: '1.0', id: `e-${++seq}`, source: 'greenlight/test', type: `greenlight.${type}`, subject, time: sh(time), datacontenttype: 'application/json', data,
});
export const task = (taskId: string, processKind: string, departmentId: string, title: string, dueAt: string) =>
  (name: string, time: string, extra: Record<string, unknown> = {}) => event(`task.${name}`, time, {
    taskId, taskKey: taskId.split('/')[1], processKind, processId: taskId.split('/')[0], title, status: name === 'completed' ? 'completed' : 'open',
    light: 'green', dueAt: sh(dueAt), provisional: false, departmentId, recipients: [], ...extra,
  });

const refund = task('req-2/handling-1', 'enterpriseRequest', 'tax', '税收：增值税留抵退税', '2026-11-07T00:00:00');
const lift = task('12345-1/handling-1', 'hotlineTicket', 'housing', '物业：电梯停运', '2026-11-11T00:00:00');
const instruction = (name: string, time: string) => event(`instruction.${name}`, time, {
  instructionId: 'req-2/instruction-1', processKind: 'enterpriseRequest', processId: 'req-2', status: name, light: 'green', round: 0,
  dueAt: sh('2026-11-12T00:00:00'), departmentId: 'tax', issuedBy: 'leader-sun', responderId: 'tax-head',
});

export const seededEvents: CloudEvent[] = [
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
