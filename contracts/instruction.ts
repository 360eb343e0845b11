/**
 * A supervision instruction (督办): a leader's instruction on a process (or on one of its tasks or
 * items), answered by the responsible department's head within a number of working days, and
 * closed when the leader accepts the answer; the leader may send an answer back once. Its own
 * workflow (workflows/supervision.ts), with the id `<processId>/instruction-<n>`, linked to its
 * process by search attributes (GlProcessId, GlProcessKind, GlEntityKind = 'instruction').
 */
import { z } from 'zod';
import { Actor, DepartmentId, PersonId } from './directory';
import { Light } from './ladder';
import { TaskHistoryEntry } from './task';

/** The most working days a response may be given. */
export const maxResponseWorkingDays = 60;

/** What a leader sends: the API adds who they are, the process and the department's head. */
export const IssueInstruction = z.object({
  text: z.string().trim().min(1, 'say what is to be done').max(4000),
  /** Working days the department has to answer, counted in China's calendar from the instruction. */
  responseWorkingDays: z.number().int().min(1).max(maxResponseWorkingDays),
  /** The responsible department: its head answers. */
  departmentId: DepartmentId,
  /** What in the process it is about (a task id, an item's key); the process itself when absent. */
  about: z.string().trim().min(1).max(300).optional(),
});
export type IssueInstruction = z.infer<typeof IssueInstruction>;

export const InstructionInput = IssueInstruction.extend({
  processKind: z.string().min(1),
  processId: z.string().min(1),
  issuedBy: PersonId,
  /** The department's head, from the directory when the instruction is issued. */
  responderId: PersonId,
  /** The process's title when the instruction was issued, so that what is told of it names the process. */
  processTitle: z.string().optional(),
});
export type InstructionInput = z.infer<typeof InstructionInput>;

export const InstructionStatus = z.enum(['awaitingAnswer', 'answered', 'accepted']);
export type InstructionStatus = z.infer<typeof InstructionStatus>;

export const InstructionAnswer = z.object({
  round: z.number().int(),
  answer: z.string(),
  answeredBy: PersonId,
  answeredAt: z.string(),
  decision: z.enum(['accepted', 'returned']).optional(),
  decidedAt: z.string().optional(),
  /** The leader's comment on accepting, or why they sent it back. */
  comment: z.string().optional(),
});
export type InstructionAnswer = z.infer<typeof InstructionAnswer>;

/** The authoritative state of an instruction, as its `state` query returns it. */
export const InstructionState = InstructionInput.extend({
  instructionId: z.string(),
  issuedAt: z.string(),
  status: InstructionStatus,
  /** Red once the current round's answer is overdue (escalated back to the leader). */
  light: Light,
  /** The current round's deadline for the answer. */
  dueAt: z.string().optional(),
  provisional: z.boolean(),
  round: z.number().int(),
  /** The open response task of the current round, while it awaits the answer. */
  responseTaskId: z.string().optional(),
  answers: z.array(InstructionAnswer),
  /** Whether the leader has sent an answer back (once at most). */
  returned: z.boolean(),
  history: z.array(TaskHistoryEntry),
});
export type InstructionState = z.infer<typeof InstructionState>;

export const DecideInstruction = z.object({
  actor: Actor,
  comment: z.string().trim().max(4000).optional(),
});
export type DecideInstruction = z.infer<typeof DecideInstruction>;

export const ReturnInstruction = z.object({
  actor: Actor,
  comment: z.string().trim().min(1, 'say what the answer lacks').max(4000),
});
export type ReturnInstruction = z.infer<typeof ReturnInstruction>;
