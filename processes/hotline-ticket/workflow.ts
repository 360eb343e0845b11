/**
 * The 12345 hotline ticket (工单), from the center's dispatch to closing:
 *
 * 1. 签收: the handling unit signs for it within 1 working day.
 * 2. 办理: it handles it within 3 (consultation) or 13 (complaint) working days of signing. Before
 *    the deadline the handler may ask the handling task for an extension (延期); the department
 *    head approves (every working-day rung moves by the days asked for) or refuses (it stays);
 *    one asked after the deadline is refused (the human task's extension: task-extension.ts).
 *    Overdue: red to the department head at the deadline, and the next working day the chase
 *    (催办) to the assignee, copied to the assigned leader.
 * 3. 回访: the hotline center calls the citizen back and records satisfied or dissatisfied. Before
 *    calling, it may return the ticket to the handling (退回): the reply is not one it can read to
 *    the citizen. The handling reopens to whoever handled it, with the reason and a fresh deadline
 *    from the calendar (the category's handling days from the return); the callback follows again.
 * 4. 重办: a dissatisfied citizen sends it back once for a redo (same unit, a fresh handling
 *    deadline from the redo's start); dissatisfied again, it closes unresolved and is escalated to
 *    the assigned leader — as the enterprise request does after its second dissatisfaction.
 *
 * The citizen's name and phone stay in the input and the ticket's state; events and task titles
 * carry the ticket's id and title only.
 */
import { defineQuery, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Ladder } from '../../contracts/ladder';
import type { HumanTaskInput } from '../../contracts/task';
import {
  attemptKey, EventOutbox, indexProcess, processJournal, redoUntilSatisfied, returnable, returnKey, runTask, toCloudEventSource, withdrawable,
  workflowNowIso, type Reopened, type Reopening, type TaskHooks, type TaskRun,
} from '../../workflows/blocks';
import { worseLight } from '../../contracts/lights';
import { ticketScope, type HotlineTicket, type TicketState } from './contract';
import type { ProcessSnapshot } from '../../contracts/events';
import { HANDLING_DAYS, MAX_EXTENSION_DAYS, ladders } from './ladders';

export const PROCESS_KIND = 'hotlineTicket';
/** Handlings a ticket gets: the first, and one redo after a dissatisfied callback. */
export const MAX_ROUNDS = 2;

const { lookupDepartment } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

export const ticketStateQuery = defineQuery<TicketState>('state');

/** The ticket as the center dispatches it: to be signed for, on its category's handling days. */
function newTicketState(ticket: HotlineTicket, id: string): TicketState {
  return {
    id,
    title: ticket.title,
    category: ticket.category,
    citizen: { name: ticket.citizen.name, phone: ticket.citizen.phone },
    departmentId: ticket.departmentId,
    centerDepartmentId: ticket.centerDepartmentId,
    status: 'signing',
    round: 1,
    handlingDays: HANDLING_DAYS[ticket.category],
    extensionDays: 0,
    light: 'green',
    openTaskIds: [],
    timeline: [],
  };
}

/** One hotline ticket. The workflow id is the ticket's id. */
export async function hotlineTicket(ticket: HotlineTicket): Promise<TicketState> {
  const id = workflowInfo().workflowId;
  const outbox = new EventOutbox(toCloudEventSource(PROCESS_KIND, id));
  const baseDays = HANDLING_DAYS[ticket.category];
  const state = newTicketState(ticket, id);
  // The citizen's words, for the handler's task page: in the query's answer, not in the state (queries are not in history).
  setHandler(ticketStateQuery, () => ({ ...state, description: ticket.description }));
  const listed: TaskHooks = {
    onOpen: (taskId) => void state.openTaskIds.push(taskId),
    onClose: (taskId) => void (state.openTaskIds = state.openTaskIds.filter((t) => t !== taskId)),
  };

  // Events carry ids, never the citizen's name or phone.
  const snapshot = (): ProcessSnapshot => ({
    kind: PROCESS_KIND, title: state.title, status: state.status, light: state.light, closed: state.status === 'closed',
    category: state.category, departmentId: state.departmentId, assignedLeaderId: state.assignedLeaderId ?? null, ...ticketScope(state),
    // Each callback's answer, for the accountability report (its definition's `measures`); tickets started before this said none.
    ...(patched('ticket-report-facts') ? { facts: (state.callbacks ?? []).map((c) => `${c.satisfied ? 'callbackSatisfied' : 'callbackDissatisfied'}/callback-${c.round}`) } : {}),
  });
  const index = () => indexProcess(snapshot());
  const { happened, stepped } = processJournal({
    outbox,
    aggregate: 'hotlineticket',
    subject: id,
    timeline: state.timeline,
    data: () => ({ ticketId: id, category: state.category, status: state.status, light: state.light, departmentId: state.departmentId, round: state.round }),
    recipients: (roles) => ({ roles, departmentId: state.departmentId, assignedLeaderId: state.assignedLeaderId }),
    snapshot,
    index,
  });

  const unit = await lookupDepartment({ processKind: PROCESS_KIND, departmentId: ticket.departmentId });
  const ladderOf = (task: keyof typeof ladders): Ladder => unit.ladders[task] ?? ladders[task];
  await stepped(() => void (state.assignedLeaderId = unit.assignedLeaderId), 'dispatched', { centerDepartmentId: ticket.centerDepartmentId, dispatcherId: ticket.dispatcherId });

  // 签收
  const signing = await runTask({
    taskKey: 'signing',
    processKind: PROCESS_KIND,
    processId: id,
    title: `签收: ${ticket.title}`,
    departmentId: ticket.departmentId,
    form: 'hotlineTicketSigning',
    outcomes: ['signed'],
    ladder: ladderOf('signing'),
    assignedLeaderId: unit.assignedLeaderId,
  }, listed);
  await stepped(() => {
    state.light = worseLight(state.light, signing.light);
    state.signedAt = signing.completion.at;
    state.status = 'handling';
  }, 'signed', { by: signing.completion.actorId, late: signing.light === 'red' });

  // The handler may take the handling back (撤回) while the center has not called the citizen back:
  // it reopens to them. Once the call is made (the callback task acted on), it is too late.
  const withdrawals = patched('withdraw-handling');
  // The center may return the handling (退回) from the callback before calling: it reopens to the handler, on a fresh deadline.
  const returns = patched('return-to-handling');
  let dissatisfiedBecause: unknown;
  let satisfiedThisRound = false;
  const roundStartedAt: Record<number, string> = {};
  const returnedAt: Record<string, string> = {};
  const resolution = await redoUntilSatisfied({
    rounds: MAX_ROUNDS,
    handle: async (round) => {
      satisfiedThisRound = await returnable({
        allow: returns,
        step: 'handling',
        title: '办理',
        run: ({ reopened: returned, done, offer }) => withdrawable({
          allow: withdrawals,
          step: async (reopened) => done(await handle(round, reopened, returned)),
          next: async ({ completion: handling }, runNext) => {
            await stepped(() => void (state.status = 'callback'), 'handled', { by: handling.actorId }, { said: { summary: handling.payload.summary } });
            return callBack(round, returned?.attempt ?? 0, (input, hooks) => runNext(offer(input), hooks));
          },
          withdrawn: (w) => stepped(() => void (state.status = 'handling'), 'withdrawn', { by: w.by }, { said: { reason: w.reason } }),
        }),
        returned: (r) => stepped(() => void (state.status = 'handling'), 'returned', { by: r.by, toStep: r.toStep }, { said: { reason: r.reason } }),
      });
    },
    check: async () => satisfiedThisRound,
    redo: (round) => stepped(() => {
      state.round = round;
      state.status = 'handling';
    }, 'redone', {}, { said: { reason: dissatisfiedBecause } }),
    giveUp: () => happened('escalated', { reason: `citizen dissatisfied after ${MAX_ROUNDS} handlings` }, { recipients: ['assignedLeader'] }),
  });

  await stepped(() => {
    state.status = 'closed';
    state.resolution = resolution;
  }, 'closed', { resolution });
  return state;

  /** 回访: the center's department calls the citizen back; whether they are satisfied. */
  async function callBack(round: number, returns: number, open: (input: HumanTaskInput, hooks: TaskHooks) => Promise<TaskRun>): Promise<boolean> {
    const callback = await open({
      taskKey: returnKey(`callback-${round}`, returns),
      processKind: PROCESS_KIND,
      processId: id,
      title: `回访: ${ticket.title}`,
      departmentId: ticket.centerDepartmentId,
      form: 'hotlineTicketCallback',
      outcomes: ['satisfied', 'dissatisfied'],
      ladder: ladderOf('callback'),
    }, listed);
    const satisfied = callback.completion.outcome === 'satisfied';
    dissatisfiedBecause = callback.completion.payload.reason;
    (state.callbacks ??= []).push({ round, satisfied, at: callback.completion.at });
    happened('called-back', { satisfied, by: callback.completion.actorId }, { said: { reason: callback.completion.payload.reason } });
    return satisfied;
  }

  /**
   * One round's handling, through the extensions its department head grants, until the unit says
   * it is handled. The first round counts from signing, a redo from its own start, a handling
   * returned to (退回) from its reopening.
   */
  async function handle(round: number, reopened?: Reopened, returned?: Reopening): Promise<TaskRun> {
    const returnedClock = returned && (returnedAt[`${round}:${returned.attempt}`] ??= workflowNowIso());
    const run = await runTask({
      taskKey: attemptKey(returnKey(`handling-${round}`, returned?.attempt ?? 0), reopened?.attempt ?? 0),
      processKind: PROCESS_KIND,
      processId: id,
      title: `办理: ${ticket.title}`,
      departmentId: ticket.departmentId,
      form: 'hotlineTicketHandling',
      outcomes: ['handled'],
      ladder: ladderOf(ticket.category === 'complaint' ? 'complaintHandling' : 'consultationHandling'),
      assignedLeaderId: unit.assignedLeaderId,
      notifyOnCreate: round > 1 ? ['departmentHead'] : [],
      // Whoever signed for the ticket handles it: the first round is theirs, not offered to the department again.
      ...(round === 1 && patched('handling-assigned-to-signer') ? { assigneeId: signing.completion.actorId } : {}),
      ...(returned ? { assigneeId: returned.returned.completedBy, returnedFrom: returned.returned } : {}),
      ...(reopened ? { assigneeId: reopened.withdrawal.by } : {}),
      // A reopened handling (撤回) keeps its round's deadline; one returned to (退回) counts from its reopening.
      clockStartsAt: returnedClock ?? (round === 1 ? (state.signedAt as string) : (roundStartedAt[round] ??= workflowNowIso())),
      extension: { approverRoles: ['departmentHead'], maxWorkingDays: MAX_EXTENSION_DAYS[ticket.category] },
    }, listed);
    state.light = worseLight(state.light, run.light);
    state.extensionDays = run.extendedWorkingDays;
    state.handlingDays = baseDays + run.extendedWorkingDays;
    return run;
  }
}
