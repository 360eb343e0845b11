/**
 * A CPPCC proposal (政协提案): registered by the proposal committee, answered by its lead unit
 * (主办单位) with the co-units' (协办单位) opinions, classified A/B/C, rated by its proposers,
 * and for B and C looked at again in follow-up reviews (回头看) until A or a final answer.
 */
import { z } from 'zod';
import { parseIsoDuration } from '../../calendar/iso-duration';
import { CivilDate } from '../../contracts/civil-date';
import { DepartmentId, PersonId } from '../../contracts/directory';
import { Light } from '../../contracts/ladder';

/** A: adopted or resolved (采纳或解决); B: listed in plans (列入计划); C: not possible for now (因条件所限暂时不能解决). */
export const ProposalClass = z.enum(['A', 'B', 'C']);
export type ProposalClass = z.infer<typeof ProposalClass>;


/** A reply's class with what that class needs: B its planned completion date, C its reason. */
export const ClassifiedReply = z.discriminatedUnion('class', [
  z.object({ class: z.literal('A'), reply: z.string().trim().min(1) }),
  z.object({ class: z.literal('B'), reply: z.string().trim().min(1), plannedCompletion: CivilDate }),
  z.object({ class: z.literal('C'), reply: z.string().trim().min(1), reason: z.string().trim().min(1) }),
]);
export type ClassifiedReply = z.infer<typeof ClassifiedReply>;

function isDuration(text: string): boolean {
  try {
    return parseIsoDuration(text) > 0;
  } catch {
    return false;
  }
}

/** When and how often B and C proposals are looked at again. Defaults follow the district's practice. */
export const FollowUpSettings = z.object({
  /** Reviews a B or C proposal gets before it closes with its class. */
  reviews: z.number().int().min(1).max(10).default(2),
  /** C's annual review window, months of the year (March to May). */
  windowStartMonth: z.number().int().min(1).max(12).default(3),
  windowEndMonth: z.number().int().min(1).max(12).default(5),
  /** B is reviewed at its planned completion date, or this many months after the reply when that date has passed. */
  lateBReviewMonths: z.number().int().min(1).max(24).default(6),
  /** Working days the lead unit has for a B review. */
  reviewWorkingDays: z.number().int().min(1).max(100).default(20),
  /**
   * When set, a B is reviewed this long (ISO-8601, e.g. P26W) after its reply or its last review
   * instead of at its planned completion date: a district's own rule, or a test's seconds.
   */
  bReviewAfter: z.string().refine(isDuration, 'an ISO-8601 duration such as P26W or PT30S').optional(),
}).refine((s) => s.windowStartMonth <= s.windowEndMonth, { message: 'the review window must not wrap the year' });
export type FollowUpSettings = z.output<typeof FollowUpSettings>;

/**
 * A proposal registered earlier and imported at a later stage (e.g. already answered before the
 * engine ran): its reply, as recorded then. The workflow starts at the satisfaction or follow-up.
 */
export const ImportedHistory = z.object({
  repliedAt: z.iso.datetime({ offset: true }),
  reply: ClassifiedReply,
  /** The proposers' rating, if already known; then the proposal goes straight to follow-up. */
  satisfaction: z.enum(['satisfied', 'basicallySatisfied', 'notSatisfied']).optional(),
});
export type ImportedHistory = z.infer<typeof ImportedHistory>;

/** The registration, as committee staff send it on `gl.cmd.proposal.register` or `POST /api/processes/proposalHandling`. */
export const RegisterProposal = z.object({
  /** The case number (案号), e.g. "2026-017": also the workflow id, so registering twice has one effect. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,80}$/, '3–81 letters, digits, ".", "_" or "-"'),
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(20000),
  /** The committee members who made it; not users of the engine. */
  proposers: z.array(z.string().trim().min(1).max(100)).min(1),
  leadUnitId: DepartmentId,
  coUnitIds: z.array(DepartmentId).default([]),
  /** A key proposal (重点提案) is supervised by these top leaders (领衔督办). */
  key: z.object({ supervisingLeaderIds: z.array(PersonId).min(1) }).optional(),
  /** Defaults to when the workflow starts. */
  registeredAt: z.iso.datetime({ offset: true }).optional(),
  /** A simple proposal is answered within two months instead of three. */
  simple: z.boolean().default(false),
  followUp: FollowUpSettings.default(FollowUpSettings.parse({})),
  history: ImportedHistory.optional(),
}).refine((p) => !p.coUnitIds.includes(p.leadUnitId), { message: 'the lead unit cannot also be a co-unit', path: ['coUnitIds'] });
export type RegisterProposal = z.input<typeof RegisterProposal>;
export type ProposalParams = z.output<typeof RegisterProposal>;

export const ProposalStatus = z.enum(['replying', 'rating', 'followUp', 'reviewing', 'closed']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

export const Satisfaction = z.enum(['satisfied', 'basicallySatisfied', 'notSatisfied', 'noAnswer']);
export type Satisfaction = z.infer<typeof Satisfaction>;

export const TimelineEntry = z.object({
  at: z.string(),
  event: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** The proposal workflow's state: its query's answer, and what a run continued as new carries on. */
export const ProposalState = z.object({
  id: z.string(),
  title: z.string(),
  leadUnitId: z.string(),
  coUnitIds: z.array(z.string()),
  key: z.boolean(),
  supervisingLeaderIds: z.array(z.string()),
  registeredAt: z.string(),
  /** The proposal committee: it records the proposers' rating, and late replies escalate to its head. */
  committeeId: z.string().optional(),
  committeeHeadId: z.string().optional(),
  status: ProposalStatus,
  /** The class now; `repliedClass` is the one first given. */
  class: ProposalClass.optional(),
  repliedClass: ProposalClass.optional(),
  reply: ClassifiedReply.optional(),
  /** B's planned completion date (YYYY-MM-DD), as last given in a reply or review. */
  plannedCompletion: z.string().optional(),
  repliedOnTime: z.boolean().optional(),
  /** 1, or 2 after the proposers were not satisfied and the lead unit answered again. */
  replyRound: z.number().int(),
  satisfaction: Satisfaction.optional(),
  reviewsDone: z.number().int(),
  nextReviewAt: z.string().optional(),
  light: Light,
  openTaskIds: z.array(z.string()),
  /** Every task the proposal has had, so its whole timeline can be read from their histories. */
  taskIds: z.array(z.string()),
  timeline: z.array(TimelineEntry),
  /** The event outbox's sequence, carried over continue-as-new so event ids stay unique. */
  eventSequence: z.number().int(),
  /** The proposal's text, as its state query answers it (not carried over continue-as-new: the input holds it). */
  text: z.string().optional(),
  /** The committee members who made it, as its state query answers it (from the input, like the text). */
  proposers: z.array(z.string()).optional(),
});
export type ProposalState = z.infer<typeof ProposalState>;

/** Whom a proposal concerns: its lead and co-units, and the leaders supervising a key one (its definition's access scope). */
export const proposalScope = (state: Pick<ProposalState, 'leadUnitId' | 'coUnitIds' | 'supervisingLeaderIds'>) =>
  ({ departments: [state.leadUnitId, ...state.coUnitIds], people: state.supervisingLeaderIds });

const byClass = z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() });

/** The `stats` report (`GET /api/processes/proposalHandling/reports/stats`): counted by Temporal visibility over every proposal. */
export const ProposalStats = z.object({
  registered: z.number().int(),
  key: z.number().int(),
  replied: z.number().int(),
  repliedOnTime: z.number().int(),
  closed: z.number().int(),
  /** The class each proposal has now. */
  byClass,
  /** The class of each first reply. */
  byRepliedClass: byClass,
  satisfaction: z.object({
    satisfied: z.number().int(), basicallySatisfied: z.number().int(), notSatisfied: z.number().int(), noAnswer: z.number().int(),
  }),
  satisfactionRate: z.number().nullable(),
  /** B or C proposals moved to A by a follow-up review (回头看). */
  movedToAByFollowUp: z.number().int(),
});
export type ProposalStats = z.infer<typeof ProposalStats>;
