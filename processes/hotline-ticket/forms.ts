/**
 * The forms of the hotline ticket's tasks. Form names are global, so each starts with the kind.
 * Each is a function: its schemas are built the first time a task uses it.
 */
import { z } from 'zod';
import { comment } from '../../contracts/engine-forms';
import type { FormSet } from '../../contracts/forms';

export const forms = {
  /** The handling unit signs for the ticket (签收). */
  hotlineTicketSigning: () => ({
    signed: z.object({ comment: comment() }).strict(),
  }),
  /**
   * The handling unit handles it (办理). More time is asked for on the task itself, before its
   * deadline (`POST /api/tasks/<id>/extension`), and the department head decides there.
   */
  hotlineTicketHandling: () => ({
    handled: z.object({ summary: z.string().trim().min(1, 'say what was done for the citizen') }).strict(),
  }),
  /** The hotline center calls the citizen back (回访) and records the answer. */
  hotlineTicketCallback: () => ({
    satisfied: z.object({ comment: comment() }).strict(),
    dissatisfied: z.object({ reason: z.string().trim().min(1, 'say why the citizen is not satisfied') }).strict(),
  }),
} satisfies FormSet;
