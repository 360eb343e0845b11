/**
 * The public building blocks of a workflow definition. A new kind of process (a 12345 hotline
 * ticket, an inspection follow-up) is written from these alone:
 *
 * ```ts
 * import { EventOutbox, indexProcess, runSequence, runTask, workingDayLadder, workflowNowIso } from '../../workflows/blocks';
 * ```
 *
 * Every block is deterministic workflow code, imports contracts only as types (no zod schema is
 * built when a workflow module is imported) and has a test of its own; docs/building-blocks.md
 * lists them with where each is tested.
 */

// Human tasks: one, several in parallel under a completion rule, one after another.
export { runTask, TaskReturned, TaskWithdrawn, type TaskHooks, type TaskRun } from './task';
export { returnable, returnKey, tellReturned, withReturn, type Reopening, type ReturnableRun, type ReturnableStep } from './returnable';
export { attemptKey, withdrawable, withdrawableQuery, withReopened, type Reopened, type WithdrawableStep, type WithdrawableSteps } from './withdrawable';
export { openTask, taskId, type TaskHandle } from '../task-child';
export { runTaskGroup, type CompletionRule, type GroupDecision } from '../task-group';
export { runSequence, type SequenceResult, type SequenceStep } from './sequence';

// Waiting: a tolerance item's supplement deadline, a follow-up review at a later instant.
export {
  runToleranceItem, type SupplementDeadline, type ToleranceDeadlines, type ToleranceItemOptions, type ToleranceOutcome,
} from './tolerance-item';
export { followUpAt } from './follow-up';
export { redoUntilSatisfied, type Rounds } from './rounds';

// Escalation ladders.
export { pausedLadder, workingDayLadder, type Ladder, type LadderStep, type Offset, type RecipientRole, type WorkingDayLadder } from './ladder';

// Events out, search attributes, and time.
export { processJournal, type Journal, type JournalEntry } from './journal';
export { EventOutbox, type PendingEvent } from '../event-outbox';
export { toCloudEventSource } from '../sources';
export { indexProcess, type ProcessIndex } from '../process-search';
export { workflowNowIso, workflowNowMs } from '../clock';
