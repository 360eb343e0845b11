/**
 * The engine's own forms, which any kind's tasks may name, and the fields the kinds' forms share.
 * Kept apart from the registry (contracts/forms.ts) because they import zod: the registry loads
 * this module the first time a form is looked up, so a workflow that never validates a
 * completion never evaluates zod (the sandbox evaluates a workflow's imports once per workflow).
 */
import { z } from 'zod';
import type { FormSet } from './form-set';

/** An optional free-text comment, as every form's approving outcome takes it. */
export const comment = () => z.string().trim().max(4000).optional();

export const forms = {
  /** A plain review: approve or reject, with a reason for a rejection. */
  review: () => ({
    approve: z.object({ comment: comment() }).strict(),
    reject: z.object({ reason: z.string().trim().min(1, 'say why') }).strict(),
  }),
  /** The responsible department's answer to a supervision instruction (督办, workflows/supervision.ts). */
  instructionResponse: () => ({
    answered: z.object({ answer: z.string().trim().min(1, 'say what was done').max(4000) }).strict(),
  }),
} as const satisfies FormSet;
