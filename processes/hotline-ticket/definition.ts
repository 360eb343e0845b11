/**
 * The 12345 hotline ticket (工单): the citizen hotline's center dispatches a ticket to a handling
 * unit, which signs for it within 1 working day and handles it within 3 (consultation) or 13
 * (complaint) working days, with extensions its head approves on the handling task itself; the center calls the citizen back,
 * and a dissatisfied citizen sends it back once for a redo. See workflow.ts.
 *
 * The center is a department the directory gives the duty `hotlineCenter`; a ticket names it,
 * and only its staff (and admins) dispatch. The demo directory gives it to 区行政审批局 (`permits`,
 * the government-service bureau the hotline usually belongs to), whose staff then do the
 * callback. A real directory may add the center as a department of its own.
 */
import { join } from 'node:path';
import type { Issue } from '../../contracts/issues';
import { presentation } from './presentation';
import { departmentsWith } from '../../contracts/directory';
import { defineProcess } from '../definition';
import { HotlineTicket, TicketState, ticketScope } from './contract';
import { forms } from './forms';
import { ladders } from './ladders';
import { hotlineTicket } from './workflow';

/** The duty (Department.duties) of the 12345 center's departments: only their staff dispatch tickets. */
export const HOTLINE_CENTER = 'hotlineCenter';

export const hotlineTicketDefinition = defineProcess<HotlineTicket, TicketState>({
  kind: 'hotlineTicket',
  version: 1,
  title: '12345 hotline ticket (工单)',
  summary: 'A citizen hotline ticket dispatched to a handling unit: signed for within 1 working day, handled within 3 (consultation) or 13 (complaint), called back by the center, redone once if the citizen is dissatisfied.',
  workflow: hotlineTicket,
  input: () => HotlineTicket,
  checkDirectory: (ticket, directory) => {
    const issues: Issue[] = [];
    const department = (id: string) => directory.departments.some((d) => d.id === id);
    if (!department(ticket.departmentId)) issues.push({ path: 'departmentId', message: `unknown department ${ticket.departmentId}` });
    if (!department(ticket.centerDepartmentId)) issues.push({ path: 'centerDepartmentId', message: `unknown department ${ticket.centerDepartmentId}` });
    else if (!departmentsWith(directory, HOTLINE_CENTER).includes(ticket.centerDepartmentId)) {
      issues.push({ path: 'centerDepartmentId', message: `${ticket.centerDepartmentId} is not a 12345 center: the directory gives that duty (${HOTLINE_CENTER}) to ${departmentsWith(directory, HOTLINE_CENTER).join(', ') || 'no department'}` });
    }
    if (ticket.dispatcherId !== undefined && !directory.people.some((p) => p.id === ticket.dispatcherId)) {
      issues.push({ path: 'dispatcherId', message: `unknown person ${ticket.dispatcherId}` });
    }
    return issues;
  },
  idOf: (ticket) => ticket.id,
  titleOf: (ticket) => ticket.title,
  access: {
    // The hotline center's staff dispatch a ticket: the center the ticket names is one the directory gives the duty (checkDirectory).
    start: [{ role: 'staff', reach: 'department' }, { role: 'departmentHead', reach: 'department' }],
    whoStarts: "only the hotline center's staff (or an admin) may dispatch a ticket",
    startScope: (ticket) => ({ departments: [ticket.centerDepartmentId], people: [] }),
    // The state holds the citizen's contact: the handling unit, the center and those who oversee read it.
    scope: ticketScope,
  },
  state: () => TicketState,
  tasksOf: (state) => state.openTaskIds,
  forms,
  ladders,
  searchAttributes: [],
  events: [
    'hotlineticket.dispatched', 'hotlineticket.signed', 'hotlineticket.handled', 'hotlineticket.called-back', 'hotlineticket.redone', 'hotlineticket.escalated', 'hotlineticket.closed',
    'hotlineticket.withdrawn', 'hotlineticket.returned',
  ],
  presentation,
  // Each callback (回访): the citizen satisfied or not, for the handling unit.
  measures: [{ name: 'callbacksSatisfied', label: '12345回访满意', good: ['callbackSatisfied'], bad: ['callbackDissatisfied'] }],
  start: { subject: 'gl.cmd.hotline-ticket.dispatch' },
  demo: join(__dirname, 'demo.commands.json'),
});
