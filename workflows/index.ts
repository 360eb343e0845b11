/**
 * The engine's deterministic part, its one public surface: the human task with its queries and
 * Updates, and the building blocks every kind of process is written from (workflows/blocks/).
 * Deterministic code only: no I/O, no Node modules; side effects go through activities.
 *
 * ```ts
 * import { EventOutbox, indexProcess, runTask, workingDayLadder, workflowNowIso } from '../../workflows';
 * ```
 *
 * It names no kind and imports nothing from processes/ or the adapters (the lint says so).
 */
export * from './blocks';
export {
  humanTask, taskStateQuery, completeTaskUpdate, claimTaskUpdate, releaseTaskUpdate, reassignTaskUpdate,
  requestExtensionUpdate, decideExtensionUpdate, acknowledgeEscalationUpdate, chaseTaskUpdate, calendarUpdatedSignal, candidateGroups,
  copyTaskUpdate, copyIdOf, copyStateQuery, markCopyReadUpdate, taskCopy, addSignersUpdate, answerSignUpdate, removeSignerUpdate,
  delegateTaskUpdate, returnDelegationUpdate, transferTaskUpdate, returnTaskUpdate, returnedElsewhereSignal,
} from './human-task';
export { personHandover } from './person-handover';
export {
  supervisionInstruction, instructionStateQuery, acceptInstructionUpdate, returnInstructionUpdate, responseLadder,
} from './supervision';
