/**
 * A small history of November 2026 (and one task from October) written by hand, whose figures
 * the tests know without the code: two departments, seven tasks, two 督办. Shared by the figures'
 * and the exports' tests and the report page's browser test.
 */
import type { Facts } from './facts';

const sh = (local: string) => `${local}+08:00`;

export const seededFacts: Facts = {
  tasks: [
    { // on time
      taskId: 'req-1/handling-1', processId: 'req-1', processKind: 'enterpriseRequest', title: '融资：小微企业贷款', departmentId: 'tax', leaderId: 'leader-sun',
      dueAt: sh('2026-11-06T00:00:00'), doneAt: sh('2026-11-05T15:00:00'), reds: [], rungs: [], extensions: [],
    },
    { // late by 1 working day (due at 24:00 Friday, done Monday); an extension asked and refused
      taskId: 'req-2/handling-1', processId: 'req-2', processKind: 'enterpriseRequest', title: '税收：增值税留抵退税', departmentId: 'tax', leaderId: 'leader-sun',
      dueAt: sh('2026-11-07T00:00:00'), doneAt: sh('2026-11-09T10:00:00'),
      reds: [{ from: sh('2026-11-07T00:00:00'), to: sh('2026-11-09T10:00:00') }],
      rungs: [{ at: sh('2026-11-07T00:00:00'), kind: 'escalation', roles: ['departmentHead'], reached: ['tax-head'], chase: false }],
      extensions: [{ requestedAt: sh('2026-11-05T09:00:00'), workingDays: 2, decidedAt: sh('2026-11-05T12:00:00'), granted: false }],
    },
    { // open past due, red to the end of the month, chased to the leader
      taskId: '12345-1/handling-1', processId: '12345-1', processKind: 'hotlineTicket', title: '物业：电梯停运', departmentId: 'housing', leaderId: 'leader-li',
      dueAt: sh('2026-11-11T00:00:00'), reds: [{ from: sh('2026-11-11T00:00:00') }],
      rungs: [
        { at: sh('2026-11-11T00:00:00'), kind: 'escalation', roles: ['departmentHead'], reached: ['housing-head'], chase: false },
        { at: sh('2026-11-12T00:00:00'), kind: 'escalation', roles: ['assignee', 'assignedLeader'], reached: ['housing-wu', 'leader-li'], chase: true },
      ],
      extensions: [],
    },
    { // extended, then late by 3 working days
      taskId: '12345-2/handling-1', processId: '12345-2', processKind: 'hotlineTicket', title: '物业：停车收费', departmentId: 'housing', leaderId: 'leader-li',
      dueAt: sh('2026-11-24T00:00:00'), doneAt: sh('2026-11-26T09:00:00'),
      reds: [{ from: sh('2026-11-24T00:00:00'), to: sh('2026-11-26T09:00:00') }],
      rungs: [{ at: sh('2026-11-19T00:00:00'), kind: 'reminder', roles: ['assignee'], reached: ['housing-wu'], chase: false }],
      extensions: [{ requestedAt: sh('2026-11-18T10:00:00'), workingDays: 2, decidedAt: sh('2026-11-18T11:00:00'), granted: true }],
    },
    { // due next month; an extension asked and granted this month
      taskId: 'prop-1/reply', processId: 'prop-1', processKind: 'proposalHandling', title: '关于优化营商环境的提案', departmentId: 'tax', leaderId: 'leader-sun',
      dueAt: sh('2026-12-03T00:00:00'), reds: [], rungs: [],
      extensions: [{ requestedAt: sh('2026-11-27T10:00:00'), workingDays: 5, decidedAt: sh('2026-11-27T16:00:00'), granted: true }],
    },
    { // cancelled: not counted
      taskId: 'req-3/handling-1', processId: 'req-3', processKind: 'enterpriseRequest', title: '用工：招聘', departmentId: 'tax', leaderId: 'leader-sun',
      dueAt: sh('2026-11-10T00:00:00'), cancelled: true, reds: [], rungs: [], extensions: [],
    },
    { // due in October, done in November: only its red days of November count here
      taskId: '12345-0/handling-1', processId: '12345-0', processKind: 'hotlineTicket', title: '物业：漏水', departmentId: 'housing', leaderId: 'leader-li',
      dueAt: sh('2026-10-30T00:00:00'), doneAt: sh('2026-11-02T10:00:00'),
      reds: [{ from: sh('2026-10-30T00:00:00'), to: sh('2026-11-02T10:00:00') }],
      rungs: [{ at: sh('2026-10-31T00:00:00'), kind: 'escalation', roles: ['assignedLeader'], reached: ['leader-li'], chase: true }],
      extensions: [],
    },
  ],
  instructions: [
    { // answered on time, returned once, answered again
      instructionId: 'req-2/instruction-1', processId: 'req-2', processKind: 'enterpriseRequest', departmentId: 'tax', leaderId: 'leader-sun',
      issuedAt: sh('2026-11-09T09:00:00'), dueAt: sh('2026-11-12T00:00:00'),
      answeredAt: [sh('2026-11-11T09:00:00'), sh('2026-11-10T10:00:00')], returnedAt: [sh('2026-11-10T15:00:00')],
    },
    { // answered late
      instructionId: '12345-1/instruction-1', processId: '12345-1', processKind: 'hotlineTicket', departmentId: 'housing', leaderId: 'leader-li',
      issuedAt: sh('2026-11-13T09:00:00'), dueAt: sh('2026-11-17T00:00:00'), answeredAt: [sh('2026-11-18T09:00:00')], returnedAt: [],
    },
  ],
};
