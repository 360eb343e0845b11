/**
 * The 12345 hotline ticket (工单): what the hotline center sends when it dispatches a ticket to a
 * handling unit, and what the ticket's state query reports.
 *
 * Personal data (the citizen's name and phone) is in the input, which only the workflow's history
 * and the ticket's own state (read by the handling unit, the hotline center and those who
 * oversee) hold; it never goes into events, task titles or logs.
 */
import { z } from 'zod';
import { DepartmentId, PersonId } from '../../contracts/directory';
import { Light } from '../../contracts/ladder';

export const TicketCategory = z.enum(['consultation', 'complaint']);
export type TicketCategory = z.infer<typeof TicketCategory>;

export const HotlineTicket = z.object({
  /** The ticket number given by the hotline: the workflow id, so a repeated dispatch has one effect. */
  id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, ".", "_", ":" or "-"'),
  /** 咨询 (handled within 3 working days of signing) or 投诉 (13 working days). */
  category: TicketCategory,
  /** What the ticket is about, without the citizen's name or phone: it is shown in inboxes and events. */
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(4000),
  /** The caller: personal data, kept out of events. */
  citizen: z.object({
    name: z.string().trim().min(1).max(100),
    phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number'),
  }).strict(),
  /** The handling unit (承办单位) the center dispatches to. */
  departmentId: DepartmentId,
  /** The hotline center's department, which calls the citizen back (回访). */
  centerDepartmentId: DepartmentId,
  /** Who dispatched it at the center, for the record. */
  dispatcherId: PersonId.optional(),
}).strict();
export type HotlineTicket = z.infer<typeof HotlineTicket>;

export const TicketStatus = z.enum(['signing', 'handling', 'callback', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TicketState = z.object({
  id: z.string(),
  title: z.string(),
  category: TicketCategory,
  /** The citizen's contact, for the handler and the callback; read only by those `mayRead` lets in. */
  citizen: z.object({ name: z.string(), phone: z.string() }),
  departmentId: z.string(),
  centerDepartmentId: z.string(),
  assignedLeaderId: z.string().optional(),
  status: TicketStatus,
  /** 1 for the first handling, 2 for the redo (重办) after a dissatisfied callback. */
  round: z.number().int(),
  signedAt: z.string().optional(),
  /**
   * Working days the last handling had from its clock start, with its approved extensions. While
   * a handling is open, its task shows the extension asked for or granted (`GET /api/tasks/<id>`).
   */
  handlingDays: z.number().int(),
  /** Working days added by approved extensions to the last handling. */
  extensionDays: z.number().int(),
  light: Light,
  openTaskIds: z.array(z.string()),
  resolution: z.enum(['resolved', 'unresolved']).optional(),
  /** Each callback (回访), by round: whether the citizen was satisfied. */
  callbacks: z.array(z.object({ round: z.number().int(), satisfied: z.boolean(), at: z.string() })).optional(),
  timeline: z.array(z.object({ at: z.string(), event: z.string(), detail: z.record(z.string(), z.unknown()) })),
  /** The citizen's words, as the state query answers them (the input holds them). */
  description: z.string().optional(),
});
export type TicketState = z.infer<typeof TicketState>;

/** Whom a ticket concerns: the handling unit and the hotline center that dispatched it (its definition's access scope). */
export const ticketScope = (state: Pick<TicketState, 'departmentId' | 'centerDepartmentId'>) =>
  ({ departments: [state.departmentId, state.centerDepartmentId], people: [] as string[] });
