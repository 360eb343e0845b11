/**
 * The forms of the enterprise request's tasks: the handling department's, and the liaison's confirmation.
 * Each is a function: its schemas are built the first time a task uses it.
 */
import { z } from 'zod';
import { comment } from '../../contracts/engine-forms';
import type { FormSet } from '../../contracts/forms';

export const forms = {
  /** A handling department resolves an enterprise's request (企业诉求). */
  requestHandling: () => ({
    resolved: z.object({ summary: z.string().trim().min(1, 'say what was done') }).strict(),
    transferred: z.object({
      toDepartmentId: z.string().min(1, 'name the department that should handle it'),
      reason: z.string().trim().min(1, 'say why it belongs there'),
    }).strict(),
  }),
  /** The liaison confirms the enterprise's satisfaction. */
  requestConfirmation: () => ({
    satisfied: z.object({ comment: comment() }).strict(),
    notSatisfied: z.object({ reason: z.string().trim().min(1, 'say why the enterprise is not satisfied') }).strict(),
  }),
} satisfies FormSet;
