/**
 * Loading the registry is enough for a process to know every kind's forms: the API runs without
 * the worker in production, and answers with a task's state only if its form is known there.
 * (This file loads nothing that runs the consistency check.)
 */
import { isFormName } from '../contracts/forms';
import { TaskState } from '../contracts/task';
import { definitions } from './registry';

test("every registered kind's forms are known to a process that loads only the registry", () => {
  for (const d of definitions) {
    for (const form of Object.keys(d.forms)) expect([d.kind, form, isFormName(form)]).toEqual([d.kind, form, true]);
  }
});

test("a hotline ticket's handling task serialises as the API answers it", () => {
  const state = {
    taskId: '12345-1/handling-1', taskKey: 'handling-1', processKind: 'hotlineTicket', processId: '12345-1', title: '办理: a question',
    form: 'hotlineTicketHandling', outcomes: ['handled'], status: 'open', departmentId: 'housing', candidateRoles: ['staff', 'departmentHead'],
    light: 'green', createdAt: '2026-11-02T01:00:00.000Z', provisional: false, deadlines: [], history: [],
    extension: { grantedWorkingDays: 0 },
  };
  expect(TaskState.safeParse(state).success).toBe(true);
  expect(TaskState.safeParse({ ...state, form: 'noSuchForm' }).success).toBe(false);
});
