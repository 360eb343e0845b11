/**
 * The forms of a proposal's tasks: the co-units' opinions, the reply with its class, the proposers' rating and the follow-up review.
 * Each is a function: its schemas are built the first time a task uses it.
 */
import { z } from 'zod';
import { comment } from '../../contracts/engine-forms';
import type { FormSet } from '../../contracts/forms';
import { CivilDate } from '../../contracts/civil-date';

export const forms = {
  /** The co-unit (协办单位) gives its opinion to the lead unit. */
  proposalOpinion: () => ({
    given: z.object({ opinion: z.string().trim().min(1, 'give the opinion') }).strict(),
  }),
  /** The lead unit (主办单位) replies and classifies: A adopted, B planned (with the date), C not possible for now (with why). */
  proposalReply: () => ({
    A: z.object({ reply: z.string().trim().min(1, 'write the reply') }).strict(),
    B: z.object({
      reply: z.string().trim().min(1, 'write the reply'),
      plannedCompletion: CivilDate,
    }).strict(),
    C: z.object({
      reply: z.string().trim().min(1, 'write the reply'),
      reason: z.string().trim().min(1, 'say which conditions prevent it for now'),
    }).strict(),
  }),
  /** Committee staff record the proposers' rating of the handling. */
  proposalSatisfaction: () => ({
    satisfied: z.object({ comment: comment() }).strict(),
    basicallySatisfied: z.object({ comment: comment() }).strict(),
    notSatisfied: z.object({ reason: z.string().trim().min(1, 'say why the proposers are not satisfied') }).strict(),
  }),
  /** The lead unit's follow-up review (回头看) of a B or C proposal: reclassified, or unchanged. */
  followUpReview: () => ({
    A: z.object({ progress: z.string().trim().min(1, 'say what was done') }).strict(),
    B: z.object({
      progress: z.string().trim().min(1, 'say what was done'),
      plannedCompletion: CivilDate,
    }).strict(),
    unchanged: z.object({
      progress: z.string().trim().min(1, 'say where it stands'),
      /** A B proposal may move its planned completion date; the next review follows it. */
      plannedCompletion: CivilDate.optional(),
    }).strict(),
  }),
} satisfies FormSet;
