/**
 * A supervision instruction (督办): a leader instructs a department on a process, the department's
 * head answers in a response task within the working days given, and the leader accepts the
 * answer or sends it back once. Unanswered at its deadline, the instruction turns red and
 * escalates back to the leader who issued it. A process can carry several at once; each is its
 * own workflow (`<processId>/instruction-<n>`, started by the API), linked to its process by
 * search attributes, so no kind's workflow changes for it.
 *
 * ```ts
 * await client.workflow.start(supervisionInstruction, { workflowId: `${processId}/instruction-1`, args: [input], ... });
 * await handle.executeUpdate(acceptInstructionUpdate, { args: [{ actor, comment }] });
 * ```
 *
 * Terms: a **round** is one response task and its answer; a return opens the next round with a
 * new deadline, counted from the return, and the light green again.
 */
import {
  ApplicationFailure, condition, defineQuery, defineUpdate, ParentClosePolicy, proxyLocalActivities, setHandler, startChild,
  upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Activities } from '../activities';
import type { DecideInstruction, InstructionInput, InstructionState, ReturnInstruction } from '../contracts/instruction';
import type { Ladder, LadderStep, RecipientRole } from '../contracts/ladder';
import {
  GlAssignedLeader, GlAssignee, GlDepartment, GlDueAt, GlEntityKind, GlLight, GlProcessId, GlProcessKind, GlStatus,
} from '../contracts/search-attributes';
import type { TaskResult } from '../contracts/task';
import { workflowNowIso, workflowNowMs } from './clock';
import { EventOutbox } from './event-outbox';
import { humanTask } from './human-task';
import { toCloudEventSource } from './sources';
import { actorOf, InvalidRequest } from './task-requests';

const { computeDeadlines } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const instructionStateQuery = defineQuery<InstructionState>('state');
/** The leader who issued it accepts the answer: the instruction closes. */
export const acceptInstructionUpdate = defineUpdate<InstructionState, [DecideInstruction]>('accept');
/** The leader who issued it sends the answer back, once: a new round with a new deadline. */
export const returnInstructionUpdate = defineUpdate<InstructionState, [ReturnInstruction]>('return');

/** The response task's ladder: a reminder the day before (when there is one), red at the deadline. */
export function responseLadder(workingDays: number): Ladder {
  const steps: LadderStep[] = [];
  if (workingDays > 1) steps.push({ at: { workingDays: workingDays - 1 }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: '督办 answer due tomorrow' });
  steps.push({ at: { workingDays }, kind: 'escalation', light: 'red', notify: ['assignee'], label: '督办 answer overdue' });
  return { due: { workingDays }, steps };
}

/** The instruction as its leader issues it: awaiting the department's answer. */
function newInstructionState(input: InstructionInput, instructionId: string): InstructionState {
  return {
    ...input,
    instructionId,
    issuedAt: workflowNowIso(),
    status: 'awaitingAnswer',
    light: 'green',
    provisional: false,
    round: 0,
    answers: [],
    returned: false,
    history: [],
  };
}

/** A supervision instruction: its rounds of answer and decision, and its escalation back to the leader at each deadline. */
export async function supervisionInstruction(input: InstructionInput): Promise<InstructionState> {
  const { workflowId } = workflowInfo();
  const outbox = new EventOutbox(toCloudEventSource(input.processKind, input.processId));
  const state = newInstructionState(input, workflowId);
  let decision: 'accepted' | 'returned' | undefined;

  const record = (type: string, actorId?: string, detail?: Record<string, unknown>) =>
    state.history.push({ at: workflowNowIso(), type, actorId, detail });
  /** The leader is `assignedLeader` to the directory's recipients, the department's head `assignee`. */
  const emit = (event: string, tell: RecipientRole[], extra: { actorId?: string; detail?: Record<string, unknown>; time?: string } = {}) =>
    outbox.push({
      aggregate: 'instruction',
      event,
      subject: workflowId,
      time: extra.time,
      data: {
        instructionId: workflowId, processKind: input.processKind, processId: input.processId, processTitle: input.processTitle, about: input.about, text: input.text,
        status: state.status, light: state.light, round: state.round, dueAt: state.dueAt, provisional: state.provisional,
        departmentId: input.departmentId, issuedBy: input.issuedBy, responderId: input.responderId, actorId: extra.actorId, detail: extra.detail,
      },
      recipients: { roles: tell, departmentId: input.departmentId, assigneeId: input.responderId, assignedLeaderId: input.issuedBy },
    });
  const index = () => {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: GlEntityKind, value: 'instruction' },
      { key: GlProcessKind, value: input.processKind },
      { key: GlProcessId, value: input.processId },
      { key: GlStatus, value: state.status },
      { key: GlLight, value: state.light },
      { key: GlDepartment, value: input.departmentId },
      { key: GlAssignedLeader, value: input.issuedBy },
      { key: GlAssignee, value: input.responderId },
      { key: GlDueAt, value: state.dueAt ? new Date(state.dueAt) : null },
    ];
    upsertSearchAttributes(pairs);
  };
  const refuse = (message: string, type = 'Forbidden'): never => {
    throw new ApplicationFailure(message, type, true);
  };
  const checkDecision = (req: unknown, needsComment: boolean) => {
    let actor;
    try {
      actor = actorOf(req);
    } catch (err) {
      if (err instanceof InvalidRequest) refuse(err.message, 'InvalidRequest');
      throw err;
    }
    const { comment } = req as { comment?: unknown };
    if (comment !== undefined && typeof comment !== 'string') refuse('comment: text', 'InvalidRequest');
    if (needsComment && (typeof comment !== 'string' || comment.trim() === '')) refuse('comment: say what the answer lacks', 'InvalidRequest');
    if (actor.personId !== input.issuedBy && !actor.roles.includes('admin')) refuse(`only ${input.issuedBy}, who issued this instruction, decides on its answer`);
    if (state.status === 'accepted') refuse('the instruction is already closed', 'Conflict');
    if (state.status !== 'answered' || decision !== undefined) refuse('the instruction awaits its answer', 'Conflict');
  };
  const decide = (outcome: 'accepted' | 'returned', req: DecideInstruction) => {
    const answer = state.answers[state.answers.length - 1];
    answer.decision = outcome;
    answer.decidedAt = workflowNowIso();
    if (req.comment) answer.comment = req.comment;
    decision = outcome;
    return state;
  };

  setHandler(instructionStateQuery, () => state);
  setHandler(acceptInstructionUpdate, (req) => decide('accepted', req), { validator: (req) => checkDecision(req, false) });
  setHandler(returnInstructionUpdate, (req) => decide('returned', req), {
    validator: (req) => {
      checkDecision(req, true);
      if (state.returned) refuse('an answer is sent back once: this one is accepted or left open', 'Conflict');
    },
  });

  record('issued', input.issuedBy, { text: input.text, departmentId: input.departmentId, responseWorkingDays: input.responseWorkingDays, about: input.about });
  emit('issued', ['assignee'], { actorId: input.issuedBy });

  for (;;) {
    state.round += 1;
    state.status = 'awaitingAnswer';
    decision = undefined;
    const roundStart = workflowNowIso();
    const [due] = await computeDeadlines({ from: roundStart, offsets: [{ workingDays: input.responseWorkingDays }] });
    state.dueAt = due.at;
    state.provisional = due.provisional;
    const task = await startChild(humanTask, {
      workflowId: `${workflowId}/response-${state.round}`,
      args: [{
        taskKey: `${workflowId.slice(workflowId.lastIndexOf('/') + 1)}.response-${state.round}`,
        processKind: input.processKind,
        processId: input.processId,
        title: `督办: ${input.text.length > 60 ? `${input.text.slice(0, 60)}…` : input.text}`,
        departmentId: input.departmentId,
        assigneeId: input.responderId,
        candidateRoles: ['departmentHead'],
        form: 'instructionResponse',
        outcomes: ['answered'],
        ladder: responseLadder(input.responseWorkingDays),
        assignedLeaderId: input.issuedBy,
        clockStartsAt: roundStart,
      }],
      memo: { title: input.text },
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    });
    state.responseTaskId = task.workflowId;
    index();
    await outbox.drain();

    let result: TaskResult | undefined;
    const answered = task.result().then((r) => {
      result = r;
    });
    const left = Date.parse(due.at) - workflowNowMs();
    if (!(await condition(() => result !== undefined, Math.max(left, 1)))) {
      state.light = 'red';
      record('escalated', undefined, { round: state.round, deadline: due.at });
      emit('escalated', ['assignedLeader'], { time: due.at, detail: { deadline: due.at, label: '督办 unanswered: back to the leader who issued it' } });
      index();
      await outbox.drain();
    }
    await answered;
    if (result?.status !== 'completed') throw new Error(`response task ${task.workflowId} ended without an answer`);
    const { completion } = result;
    state.answers.push({ round: state.round, answer: String(completion.payload.answer ?? ''), answeredBy: completion.actorId, answeredAt: completion.at });
    state.status = 'answered';
    state.responseTaskId = undefined;
    record('answered', completion.actorId, { round: state.round, answer: completion.payload.answer });
    emit('answered', ['assignedLeader'], { actorId: completion.actorId, detail: { answer: completion.payload.answer } });
    index();
    await outbox.drain();

    await condition(() => decision !== undefined);
    const last = state.answers[state.answers.length - 1];
    if (decision === 'accepted') {
      state.status = 'accepted';
      record('accepted', input.issuedBy, { round: state.round, comment: last.comment });
      emit('accepted', ['assignee'], { actorId: input.issuedBy, detail: { comment: last.comment } });
      index();
      await outbox.drain();
      return state;
    }
    state.returned = true;
    state.light = 'green';
    record('returned', input.issuedBy, { round: state.round, comment: last.comment });
    emit('returned', ['assignee'], { actorId: input.issuedBy, detail: { comment: last.comment } });
  }
}
