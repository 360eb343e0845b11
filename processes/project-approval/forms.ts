/**
 * The forms of a project's tasks: the review of an approval item, and the check of a tolerance item's supplied materials.
 * Each is a function: its schemas are built the first time a task uses it.
 */
import { z } from 'zod';
import { comment } from '../../contracts/engine-forms';
import type { FormSet } from '../../contracts/forms';

export const forms = {
  /** A department reviews a project's approval item (审批事项). */
  approvalReview: () => ({
    approve: z.object({ comment: comment() }).strict(),
    reject: z.object({ reason: z.string().trim().min(1, 'say why') }).strict(),
    /** 补正: the applicant corrects and resubmits; the waiting time does not count against the time limit. */
    returnForCorrection: z.object({
      missing: z.array(z.string().trim().min(1)).min(1, 'name what is missing or wrong'),
      comment: comment(),
    }).strict(),
    /** 容缺: approved while non-essential materials are missing, on the applicant's commitment to supply them. */
    approveWithTolerance: z.object({
      missingMaterials: z.array(z.string().trim().min(1)).min(1, 'name the missing materials'),
      commitment: z.string().trim().min(1, "record the applicant's commitment"),
    }).strict(),
  }),
  /** A reviewer checks the materials supplied for a tolerance item. */
  supplementCheck: () => ({
    accept: z.object({ comment: comment() }).strict(),
    insufficient: z.object({ reason: z.string().trim().min(1, 'say what is still missing') }).strict(),
  }),
} satisfies FormSet;
