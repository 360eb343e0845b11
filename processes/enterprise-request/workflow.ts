/**
 * An enterprise's request (企业诉求): routed to a department, resolved within 3 working days
 * along an escalation ladder, confirmed by the liaison (红小二), reopened one level higher
 * once if the enterprise is not satisfied.
 */
import { defineQuery, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RequestActivities } from './activities';
import { requestScope, type RequestState, type SubmitRequest } from './contract';
import type { ProcessSnapshot } from '../../contracts/events';
import type { Ladder, LadderStep, RecipientRole } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import type { HumanTaskInput } from '../../contracts/task';
import { namedHandlingLadder, PROCESS_KIND } from './kind';
import {
  EventOutbox, indexProcess, processJournal, redoUntilSatisfied, runTask, toCloudEventSource, attemptKey, withdrawable, workflowNowIso, workingDayLadder,
  type Reopened, type TaskHooks, type TaskRun,
} from '../../workflows/blocks';

export { PROCESS_KIND } from './kind';

const routing = { startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } } as const;
const { routeRequest: routeInHistory } = proxyActivities<Activities & RequestActivities>(routing);
// Routing reads the directory the worker holds in memory: a local activity rides the workflow task
// that asked for it, saving an activity task's round trip through the server (docs/performance.md).
const { routeRequest: routeLocally } = proxyLocalActivities<Activities & RequestActivities>(routing);

export const requestStateQuery = defineQuery<RequestState>('state');

/** The standard (3个工作日): a request is resolved within 3 working days. */
export const HANDLING_WORKING_DAYS = 3;

/** The handling ladder: yellow at the end of working day 2, red to the head at 3, the leader at 4. */
const { due: handlingDue, steps: handlingLadder } = workingDayLadder({ due: HANDLING_WORKING_DAYS });

const oneLevelUp: Record<RecipientRole, RecipientRole> = {
  assignee: 'departmentHead',
  departmentHead: 'assignedLeader',
  assignedLeader: 'topLeaders',
  topLeaders: 'topLeaders',
};

const confirmationLadder: Ladder = {
  due: { workingDays: 2 },
  steps: [{ at: { workingDays: 2 }, kind: 'reminder', light: 'yellow', notify: ['assignee'], label: 'confirmation overdue' }],
};

/** The built-in ladders by task name; the directory's `enterpriseRequest.<task>` presets replace them. */
export const requestLadders: Record<'handling' | 'confirmation', Ladder> = {
  handling: { due: handlingDue, steps: handlingLadder },
  confirmation: confirmationLadder,
};

/** A reopened request's ladder starts one level higher: the handler's reminder also reaches the head, and so on up. */
export function ladderForRound(round: number, steps: LadderStep[] = handlingLadder): LadderStep[] {
  if (round === 1) return steps;
  return steps.map((step) => ({ ...step, notify: [...new Set([...step.notify, ...step.notify.map((r) => oneLevelUp[r])])] }));
}

/** The request as the enterprise submits it: to be routed to its department. */
function newRequestState(request: SubmitRequest, id: string): RequestState {
  return {
    id,
    title: request.title,
    category: request.category,
    enterpriseName: request.enterprise.name,
    description: request.description,
    liaisonId: request.liaisonId,
    status: 'routing',
    round: 1,
    openTaskIds: [],
    light: 'green',
    timeline: [],
  };
}

/** One enterprise request, from submission to closing. The workflow id is the request's id. */
export async function enterpriseRequest(raw: SubmitRequest): Promise<RequestState> {
  // Validated against the contract and the directory by the intake or the API before it started.
  const request = raw;
  const id = workflowInfo().workflowId;
  const outbox = new EventOutbox(toCloudEventSource(PROCESS_KIND, id));
  const state = newRequestState(request, id);
  setHandler(requestStateQuery, () => state);
  // One task is open at a time: handling, then the liaison's confirmation.
  const listed: TaskHooks = {
    onOpen: (taskId) => void (state.openTaskIds = [taskId]),
    onClose: () => void (state.openTaskIds = []),
  };

  const snapshot = (): ProcessSnapshot => ({
    kind: PROCESS_KIND, title: state.title, status: state.status, light: state.light, closed: state.status === 'closed',
    category: state.category, departmentId: state.departmentId ?? null, assignedLeaderId: state.assignedLeaderId ?? null, ...requestScope(state),
  });
  const index = () => indexProcess(snapshot());
  const { happened, stepped } = processJournal({
    outbox,
    aggregate: 'request',
    subject: id,
    timeline: state.timeline,
    data: () => ({ requestId: id, status: state.status, light: state.light, departmentId: state.departmentId, round: state.round }),
    recipients: (roles) => ({ roles, departmentId: state.departmentId, assignedLeaderId: state.assignedLeaderId }),
    snapshot,
    index,
  });

  happened('submitted', { category: request.category, liaisonId: request.liaisonId });
  // The submission is announced before routing, so a request whose routing waits (a directory
  // being fixed) is already visible downstream. Requests started before this change published
  // it together with `routed`: they keep doing so on replay.
  if (patched('publish-submitted-before-routing')) await outbox.drain();
  // Requests started before routing became local keep routing through an ordinary activity on replay.
  const routeRequest = patched('route-as-local-activity') ? routeLocally : routeInHistory;
  const route = await routeRequest({ category: request.category, departmentId: request.departmentId });
  // A named ladder the directory no longer holds falls back to the kind's, as a missing preset does.
  const handlingPreset = (request.handlingLadder ? route.ladders[namedHandlingLadder(request.handlingLadder)] : undefined) ?? route.ladders.handling;
  await stepped(() => {
    state.departmentId = route.departmentId;
    state.assignedLeaderId = route.assignedLeaderId;
    state.status = 'handling';
  }, 'routed', { departmentId: route.departmentId, explicit: request.departmentId !== undefined });

  // Not satisfied once, the request is reopened one level higher; not satisfied again, it goes to the leader.
  // The handler may take the resolution back (撤回) while the liaison has not confirmed it: the
  // handling reopens to them. The liaison confirms for the enterprise in person: no 委派 or 转交.
  const withdrawals = patched('withdraw-resolution');
  let notSatisfiedBecause: unknown;
  let satisfiedThisRound = false;
  const roundStartedAt: Record<number, string> = {};
  const resolution = await redoUntilSatisfied({
    rounds: 2,
    handle: async (round) => {
      satisfiedThisRound = await withdrawable({
        allow: withdrawals,
        step: (reopened) => handle(round, reopened),
        next: async ({ completion: handling }, runNext) => {
          happened('resolved', { by: handling.actorId }, { said: { summary: handling.payload.summary } });
          state.status = 'confirming';
          index();
          await outbox.drain();
          return confirm(round, runNext);
        },
        withdrawn: (w) => stepped(() => void (state.status = 'handling'), 'withdrawn', { by: w.by }, { said: { reason: w.reason } }),
      });
    },
    check: async () => satisfiedThisRound,
    redo: (round) => stepped(() => {
      state.round = round;
      state.status = 'handling';
    }, 'reopened', {}, { said: { reason: notSatisfiedBecause } }),
    giveUp: () => happened('escalated', { reason: 'not satisfied after a second handling' }, { recipients: ['assignedLeader'] }),
  });

  await stepped(() => {
    state.status = 'closed';
    state.resolution = resolution;
  }, 'closed', { resolution });
  return state;

  /** The liaison's confirmation of a round: whether the enterprise is satisfied. */
  async function confirm(round: number, open: (input: HumanTaskInput, hooks: TaskHooks) => Promise<TaskRun>): Promise<boolean> {
    const { completion: confirmation } = await open({
      taskKey: `confirmation-${round}`,
      processKind: PROCESS_KIND,
      processId: id,
      title: `确认企业满意度: ${request.title}`,
      assigneeId: request.liaisonId,
      form: 'requestConfirmation',
      outcomes: ['satisfied', 'notSatisfied'],
      ladder: route.ladders.confirmation ?? confirmationLadder,
      ...(withdrawals ? { verbs: { forbid: ['delegate', 'transfer'] } } : {}),
    }, listed);
    const satisfied = confirmation.outcome === 'satisfied';
    notSatisfiedBecause = confirmation.payload.reason;
    happened('confirmed', { satisfied, by: confirmation.actorId }, { said: { reason: confirmation.payload.reason } });
    return satisfied;
  }

  /** The handling of one round, following transfers until someone resolves it; reopened to whoever took its resolution back (撤回). */
  async function handle(round: number, reopened?: Reopened): Promise<TaskRun> {
    // A transfer keeps the deadline: every department's task counts from when this round began; so does a reopened one.
    const clockStartsAt = (roundStartedAt[round] ??= workflowNowIso());
    const key = attemptKey(`handling-${round}`, reopened?.attempt ?? 0);
    for (let transfer = 0; ; transfer++) {
      const run = await runTask({
        taskKey: transfer === 0 ? key : `${key}.${transfer}`,
        processKind: PROCESS_KIND,
        processId: id,
        title: request.title,
        departmentId: state.departmentId,
        form: 'requestHandling',
        outcomes: ['resolved', 'transferred'],
        outcomeRoles: { transferred: ['departmentHead', 'admin'] },
        ladder: {
          due: handlingPreset?.due ?? handlingDue,
          steps: ladderForRound(round, handlingPreset?.steps),
        },
        assignedLeaderId: state.assignedLeaderId,
        notifyOnCreate: round > 1 && transfer === 0 ? ['departmentHead'] : [],
        clockStartsAt,
        initiatorId: request.liaisonId,
        ...(transfer === 0 && reopened ? { assigneeId: reopened.withdrawal.by } : {}),
      }, listed);
      const { completion, light } = run;
      state.light = worseLight(state.light, light);
      if (completion.outcome !== 'transferred') return run;
      const to = String(completion.payload.toDepartmentId);
      const from = state.departmentId;
      const transferredTo = await routeRequest({ category: request.category, departmentId: to });
      state.departmentId = transferredTo.departmentId;
      state.assignedLeaderId = transferredTo.assignedLeaderId;
      index();
      happened('transferred', { from, to, by: completion.actorId }, { said: { reason: completion.payload.reason } });
      await outbox.drain();
    }
  }
}
