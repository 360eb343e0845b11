/**
 * A key project's year (重点项目年度推进), from the day the project office puts it on the wall chart
 * until its chain is done, its problems closed and its last dispatch in:
 *
 * - **the chain (节点清单)**: each node a task of its person (责任人), along a ladder counted back
 *   from its date — yellow so many working days before (临期), red at the end of the day it is
 *   due by, then the department head, the assigned leader (挂点领导) and, for a provincial or city
 *   project, the top leaders. A replan (调整计划) is decided by the project office; asked before
 *   the node's date, an approval moves the date the node is assessed against (its task starts again
 *   on the new date); asked after, the new date is recorded but the node is still assessed against
 *   the old one. A node that names an approval item is also completed when that item is approved
 *   in the project's approval process (the `approvalItemApproved` signal, sent by the intake's
 *   event subscription the definition declares);
 * - **the problem list (问题清单)** closed one by one (滚动销号): raised by anyone on the project,
 *   assigned by the office (a department and working days), handled by the department, which applies
 *   for 销号; the office verifies: 销号, or returned with the reason (the problem reopens);
 * - **the monthly dispatch (月调度)**: the owner unit reports by the dispatch day (the working day
 *   before when it is a day off); a report missing at that day's end is red; a report is lit against
 *   the time-proportional plan (序时进度); one red, or two yellows in a row, reach the assigned
 *   leader (约谈);
 * - **by category (分类施策)**: a project planned to start is visited (走访) every so many working
 *   days until it starts; one under construction has its elements (要素保障), a shortfall raising a
 *   problem; a social-investment project gets its policies and services (送政策、送服务) first.
 *
 * The project's light is the worst of its open nodes, its open problems and its latest dispatch.
 */
import {
  ActivityFailure, ApplicationFailure, CancellationScope, condition, defineQuery, defineSignal, defineUpdate, patched, proxyActivities, setHandler, sleep, workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ProcessSnapshot } from '../../contracts/events';
import type { Actor } from '../../contracts/directory';
import type { Ladder, Light, RecipientRole } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import type { HumanTaskInput } from '../../contracts/task';
import { EventOutbox, indexProcess, processJournal, runTask, toCloudEventSource, workflowNowIso, workflowNowMs, type TaskRun } from '../../workflows/blocks';
import type { KeyProjectPushActivities } from './activities';
import type {
  DispatchState, ElementState, KeyProjectPushState, NodeState, ProblemCategory, ProblemState, PushSettings, RaiseProblem, ReplanNode, ReportElement, StartKeyProjectPush,
} from './contract';
import { keyProjectScope, keyProjectTitle } from './contract';
import { dispatchLight, expectedPercent, round1, shouldInterview } from './dispatch-light';
import { GlLinkedProcessId } from './search-attributes';
import {
  DISPATCH_WINDOW_WORKING_DAYS, TIER_SETTINGS, dispatchLadder, ladders, nodeLadder, problemLadder, visitLadder,
} from './ladders';
import { reportFacts } from './report-facts';
import { START_NODE, templates } from './templates';

export const PROCESS_KIND = 'keyProjectPush';
const AGGREGATE = 'keyprojectpush';

const { lookupDepartment, computeDeadlines, keyProjectPushDateClock } = proxyActivities<Activities & KeyProjectPushActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const keyProjectPushStateQuery = defineQuery<KeyProjectPushState>('state');
/** 调整计划: asked by the node's person or department; the project office decides in its task. */
export const replanNodeUpdate = defineUpdate<NodeState, [ReplanNode]>('replanNode');
/** 问题上报: a problem raised by anyone on the project. */
export const raiseProblemUpdate = defineUpdate<ProblemState, [RaiseProblem]>('raiseProblem');
/** 要素保障: an element of a project under construction secured, or short (which raises a problem). */
export const reportElementUpdate = defineUpdate<ElementState, [ReportElement]>('reportElement');
/** An approval item of the linked approval process was approved: the node naming it is done. */
export const approvalItemApprovedSignal = defineSignal<[{ processId: string; itemKey: string; by?: string; at?: string }]>('approvalItemApproved');

/** What a problem's category is called when an element falls short. */
const elementProblem: Record<ElementState['element'], ProblemCategory> = {
  land: 'land', energy: 'energy', labour: 'labour', funds: 'funds', materials: 'other',
};

/** Refuses an Update: the API answers 400, 403, 404 or 409 by the type. */
function refuse(message: string, type: 'InvalidRequest' | 'Forbidden' | 'NotFound' | 'Conflict' = 'InvalidRequest'): never {
  throw new ApplicationFailure(message, type, true);
}

const isDate = (d: unknown): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
/** The Shanghai date of an instant. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** One key project's year. The workflow id is the start's id. */
export async function keyProjectPush(start: StartKeyProjectPush): Promise<KeyProjectPushState> {
  const id = workflowInfo().workflowId;
  const outbox = new EventOutbox(toCloudEventSource(PROCESS_KIND, id));
  const templateName = start.template ?? 'standard';
  const template = templates[templateName];
  const settings: PushSettings = { ...TIER_SETTINGS[start.tier], ...start.settings };
  const chainKeys = new Set(start.nodes.map((n) => n.key));
  const state: KeyProjectPushState = {
    id,
    year: start.year,
    name: start.name,
    tier: start.tier,
    category: start.category,
    ownerUnit: { name: start.ownerUnit.name, contactId: start.ownerUnit.contactId },
    responsibleDepartmentId: start.responsibleDepartmentId,
    assignedLeaderId: start.assignedLeaderId,
    officeDepartmentId: start.officeDepartmentId,
    plannedInvestment: start.plannedInvestment,
    approvalProcessId: start.approvalProcessId,
    template: templateName,
    settings,
    status: 'running',
    light: 'green',
    nodes: start.nodes.map((n) => {
      const fromTemplate = template?.nodes.find((t) => t.key === n.key);
      return {
        key: n.key,
        name: n.name ?? fromTemplate?.name ?? n.key,
        departmentId: n.departmentId,
        personId: n.personId,
        plannedDate: n.plannedDate,
        assessedDate: n.plannedDate,
        dependsOn: (n.dependsOn ?? fromTemplate?.dependsOn ?? []).filter((d) => chainKeys.has(d)),
        approvalItemKey: n.approvalItemKey,
        status: 'open',
        light: 'green',
        replans: [],
      };
    }),
    problems: [],
    dispatches: [],
    visits: [],
    elements: (start.elements ?? []).map((e) => ({ element: e.element, departmentId: e.departmentId, secured: e.secured ?? true })),
    openTaskIds: [],
    timeline: [],
  };
  setHandler(keyProjectPushStateQuery, () => state);

  const { happened } = processJournal({
    outbox,
    aggregate: AGGREGATE,
    subject: id,
    timeline: state.timeline,
    data: () => ({ projectId: id, name: state.name, tier: state.tier, category: state.category, light: state.light, departmentId: state.responsibleDepartmentId }),
    recipients: (roles) => ({ roles, departmentId: state.responsibleDepartmentId, assignedLeaderId: state.assignedLeaderId }),
    snapshot: (): ProcessSnapshot => ({
      kind: PROCESS_KIND, title: keyProjectTitle(state), status: state.status, light: state.light, closed: state.status === 'closed',
      category: state.category, departmentId: state.responsibleDepartmentId, assignedLeaderId: state.assignedLeaderId, ...keyProjectScope(state),
      // Its nodes and problems, on time or late, for the accountability report; projects started before this said none.
      ...(patched('key-project-report-facts') ? { facts: reportFacts(state) } : {}),
    }),
  });
  const index = () => indexProcess({
    kind: PROCESS_KIND,
    status: state.status,
    light: state.light,
    category: state.category,
    departmentId: state.responsibleDepartmentId,
    assignedLeaderId: state.assignedLeaderId,
  }, [{ key: GlLinkedProcessId, value: state.approvalProcessId ?? null }]);

  /** The project's light: the worst of its open nodes, open problems and latest dispatch. */
  const refreshLight = (cause: Record<string, unknown>) => {
    const latest = [...state.dispatches].reverse().find((d) => d.status === 'reported' || d.missed);
    const light = [
      ...state.nodes.filter((n) => n.status === 'open').map((n) => n.light),
      ...state.problems.filter((p) => p.status !== 'closed').map((p) => p.light),
      latest?.light ?? 'green',
    ].reduce<Light>((worst, l) => worseLight(worst, l), 'green');
    if (light === state.light) return;
    const from = state.light;
    state.light = light;
    index();
    happened('light-changed', { from, to: light, ...cause });
  };

  // Strands (a node, a problem, a month's dispatch) run side by side; the first failure fails the process.
  let fatal: unknown;
  let strands = 0;
  const spawn = (strand: () => Promise<void>) => {
    strands++;
    ready.then(strand).then(() => void strands--, (err) => void (fatal ??= err));
  };
  const listed = {
    onOpen: (taskId: string) => void state.openTaskIds.push(taskId),
    onClose: (taskId: string) => void (state.openTaskIds = state.openTaskIds.filter((t) => t !== taskId)),
  };
  /** Resolves true when `stop` holds before `at`, false when `at` comes first. */
  const until = async (at: string, stop: () => boolean): Promise<boolean> => {
    const ms = Date.parse(at) - workflowNowMs();
    if (ms <= 0) return stop();
    return condition(stop, ms);
  };

  /**
   * A task run that can be stopped from outside (a replanned node, a node its approval completed):
   * `result` once completed; `stop()` cancels it and waits for the cancellation.
   */
  const stoppable = (input: HumanTaskInput) => {
    const scope = new CancellationScope();
    const run: { result?: TaskRun; stopped: boolean; stop: () => Promise<void> } = {
      stopped: false,
      async stop() {
        run.stopped = true;
        scope.cancel();
        await settled.catch(() => undefined);
      },
    };
    const settled = scope.run(() => runTask(input, listed)).then((r) => void (run.result = r), (err) => {
      if (!run.stopped) fatal ??= err;
    });
    return run;
  };

  // The directory's presets replace the built-in ladders; every strand waits for them, while the
  // handlers below are registered at once (an Update sent right after the start finds them).
  let presets: Record<string, Ladder> = {};
  const ready = lookupDepartment({ processKind: PROCESS_KIND, departmentId: start.responsibleDepartmentId }).then((d) => void (presets = d.ladders));
  const preset = (task: keyof typeof ladders): Ladder | undefined => presets[task];
  const supervising = { assignedLeaderId: state.assignedLeaderId };
  index();
  happened('started', { year: state.year, nodes: state.nodes.length, approvalProcessId: state.approvalProcessId });

  // ── The chain ──────────────────────────────────────────────────────────────────────────────
  const nodeControl = new Map<string, { restart: boolean; linked?: { by?: string; at?: string } }>();
  const dueAtOf = new Map<string, string>();

  const setNodeLight = (node: NodeState, light: Light) => {
    if (worseLight(node.light, light) === node.light) return;
    node.light = light;
    state.timeline.push({ at: workflowNowIso(), event: 'node-light', detail: { nodeKey: node.key, light } });
    refreshLight({ nodeKey: node.key });
  };

  async function runNode(node: NodeState): Promise<void> {
    const control = { restart: false } as { restart: boolean; linked?: { by?: string; at?: string } };
    nodeControl.set(node.key, control);
    const dueSoon = settings.dueSoonWorkingDays;
    for (let round = 1; ; round++) {
      const clock = await keyProjectPushDateClock({ date: node.assessedDate, daysBefore: dueSoon });
      node.dueDate = clock.dueDate;
      dueAtOf.set(node.key, clock.dueAt);
      const task = stoppable({
        taskKey: round === 1 ? `node-${node.key}` : `node-${node.key}-${round}`,
        processKind: PROCESS_KIND,
        processId: id,
        title: `节点: ${state.name} · ${node.name}（${node.assessedDate}）`,
        departmentId: node.departmentId,
        assigneeId: node.personId,
        form: 'keyProjectPushNode',
        outcomes: ['done'],
        ladder: preset('node') ?? nodeLadder(state.tier, dueSoon),
        clockStartsAt: clock.clockStartsAt,
        ...supervising,
      });
      node.taskId = `${id}/${round === 1 ? `node-${node.key}` : `node-${node.key}-${round}`}`;
      const stop = () => task.result !== undefined || control.restart || control.linked !== undefined;
      for (const [at, light] of (dueSoon > 0 ? [[clock.dueSoonAt, 'yellow'], [clock.dueAt, 'red']] : [[clock.dueAt, 'red']]) as [string, Light][]) {
        if (await until(at, stop)) break;
        setNodeLight(node, light);
      }
      await condition(stop);
      if (task.result) {
        const { payload, actorId, at } = task.result.completion;
        finishNode(node, { actualDate: String(payload.actualDate), summary: String(payload.summary), by: actorId, at, byApproval: false });
        return;
      }
      await task.stop();
      if (control.linked) {
        const at = control.linked.at ?? workflowNowIso();
        finishNode(node, { actualDate: shanghaiDate(Date.parse(at)), summary: `审批事项 ${node.approvalItemKey} 已办结`, by: control.linked.by ?? 'system', at, byApproval: true });
        return;
      }
      control.restart = false;
      node.light = 'green';
      refreshLight({ nodeKey: node.key });
    }
  }

  function finishNode(node: NodeState, done: { actualDate: string; summary: string; by: string; at: string; byApproval: boolean }) {
    const openBefore = node.dependsOn.filter((d) => state.nodes.find((n) => n.key === d)?.status === 'open');
    node.status = 'done';
    node.taskId = undefined;
    node.done = { ...done, late: done.actualDate > node.assessedDate, beforeDependencies: openBefore };
    happened('node-done', {
      nodeKey: node.key, by: done.by, actualDate: done.actualDate, assessedDate: node.assessedDate, late: node.done.late, byApproval: done.byApproval, nodeLight: node.light,
    }, { said: { summary: done.summary } });
    refreshLight({ nodeKey: node.key });
  }

  async function runReplan(node: NodeState, replan: NodeState['replans'][number], n: number): Promise<void> {
    const decision = await runTask({
      taskKey: `replan-${node.key}-${n}`,
      processKind: PROCESS_KIND,
      processId: id,
      title: `调整计划: ${state.name} · ${node.name} ${replan.fromDate} → ${replan.newDate}`,
      departmentId: state.officeDepartmentId,
      candidateRoles: ['projectOffice'],
      form: 'keyProjectPushReplan',
      outcomes: ['approve', 'refuse'],
      ladder: preset('office') ?? ladders.office,
      ...supervising,
    }, listed);
    const { outcome, payload, actorId, at } = decision.completion;
    replan.decidedBy = actorId;
    replan.decidedAt = at;
    if (outcome === 'approve') {
      replan.status = 'approved';
      node.plannedDate = replan.newDate;
      // Asked in time, the node is assessed against the new date from now on; asked late, the old date stands.
      if (replan.early && node.status === 'open') {
        node.assessedDate = replan.newDate;
        const control = nodeControl.get(node.key);
        if (control) control.restart = true;
      }
    } else {
      replan.status = 'refused';
      replan.refusal = String(payload.reason);
    }
    happened('replan-decided', { nodeKey: node.key, approved: outcome === 'approve', newDate: replan.newDate, early: replan.early, by: actorId }, { said: { reason: payload.reason ?? payload.comment } });
  }

  setHandler(replanNodeUpdate, (req) => {
    const node = state.nodes.find((n) => n.key === req.nodeKey) as NodeState;
    const dueAt = dueAtOf.get(node.key);
    const replan = {
      requestedAt: workflowNowIso(),
      requestedBy: req.actor.personId,
      fromDate: node.plannedDate,
      newDate: req.newDate,
      reason: req.reason,
      status: 'pending' as const,
      early: dueAt !== undefined && workflowNowMs() < Date.parse(dueAt),
    };
    node.replans.push(replan);
    happened('replan-requested', { nodeKey: node.key, newDate: req.newDate, early: replan.early, by: req.actor.personId }, { said: { reason: req.reason } });
    spawn(() => runReplan(node, replan, node.replans.length));
    return node;
  }, {
    validator: (req) => {
      if (!req || typeof req !== 'object' || !req.actor) refuse('a replan is asked by a person');
      const node = state.nodes.find((n) => n.key === req.nodeKey);
      if (!node) refuse(`no node ${req.nodeKey} in this chain`, 'NotFound');
      mayWorkOn(req.actor, [node.departmentId], [node.personId]);
      if (node.status !== 'open') refuse(`node ${node.key} is done`, 'Conflict');
      if (node.replans.some((r) => r.status === 'pending')) refuse(`a replan of ${node.key} awaits the project office`, 'Conflict');
      if (!isDate(req.newDate) || !req.newDate.startsWith(String(state.year))) refuse(`newDate: a date in ${state.year}`);
      if (req.newDate === node.plannedDate) refuse(`newDate: ${node.key} is planned for ${req.newDate} already`);
      if (typeof req.reason !== 'string' || req.reason.trim() === '') refuse('reason: say why the plan changes');
    },
  });

  setHandler(approvalItemApprovedSignal, ({ processId, itemKey, by, at }) => {
    if (processId !== state.approvalProcessId) return;
    for (const node of state.nodes) {
      if (node.approvalItemKey !== itemKey || node.status !== 'open') continue;
      const control = nodeControl.get(node.key);
      if (control && !control.linked) control.linked = { by, at };
    }
  });

  /** Whether this person is on the project: the office, its departments, the people it names; else refused. */
  function mayWorkOn(actor: Actor, departments: string[], people: string[]): void {
    if (actor.roles.includes('admin') || actor.roles.includes('projectOffice')) return;
    const named = [state.ownerUnit.contactId, state.assignedLeaderId, ...people];
    const on = [state.responsibleDepartmentId, ...departments];
    if (named.includes(actor.personId) || actor.departments.some((d) => on.includes(d))) return;
    refuse('only the project office, the departments on this project and the people it names may do this', 'Forbidden');
  }

  // ── The problem list ───────────────────────────────────────────────────────────────────────
  const officeTask = (taskKey: string, title: string, form: string, outcomes: string[]) => runTask({
    taskKey,
    processKind: PROCESS_KIND,
    processId: id,
    title,
    departmentId: state.officeDepartmentId,
    candidateRoles: ['projectOffice'],
    form,
    outcomes,
    ladder: preset('office') ?? ladders.office,
    ...supervising,
  }, listed);
  const problemEvent = (p: ProblemState, event: string, detail: Record<string, unknown> = {}, said?: Record<string, unknown>, recipients?: RecipientRole[]) => {
    p.history.push({ at: workflowNowIso(), event, by: detail.by as string | undefined, detail: { ...detail, ...said } });
    happened(event, { problemKey: p.key, category: p.category, problemStatus: p.status, ...detail }, { said, recipients });
  };
  const setProblemLight = (p: ProblemState, light: Light) => {
    if (p.light === light) return;
    p.light = light;
    refreshLight({ problemKey: p.key });
  };

  async function runProblem(p: ProblemState): Promise<void> {
    const short = `问题${p.key.replace('p', '')}`;
    let days = 0;
    for (let attempt = 1; ; attempt++) {
      const assign = await officeTask(`problem-${p.key}-assign${attempt > 1 ? `-${attempt}` : ''}`, `交办: ${state.name} · ${short}`, 'keyProjectPushProblemAssign', ['assign']);
      const { departmentId, workingDays, comment } = assign.completion.payload as { departmentId: string; workingDays: number; comment?: string };
      try {
        await lookupDepartment({ processKind: PROCESS_KIND, departmentId });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        problemEvent(p, 'problem-assign-refused', { by: assign.completion.actorId, departmentId });
        continue;
      }
      p.departmentId = departmentId;
      p.workingDays = workingDays;
      days = workingDays;
      problemEvent(p, 'problem-assigned', { by: assign.completion.actorId, departmentId, workingDays }, { comment }, ['departmentHead']);
      break;
    }
    for (let round = 1; ; round++) {
      p.round = round;
      p.status = 'assigned';
      p.light = 'green';
      const now = workflowNowIso();
      const [soon, due] = await computeDeadlines({ from: now, offsets: [{ workingDays: Math.max(days - 1, 0) }, { workingDays: days }] });
      p.dueAt = due.at;
      const taskKey = `problem-${p.key}-handling-${round}`;
      p.taskId = `${id}/${taskKey}`;
      const handling = stoppable({
        taskKey,
        processKind: PROCESS_KIND,
        processId: id,
        title: `${round > 1 ? '重新办理' : '办理'}: ${state.name} · ${short}`,
        departmentId: p.departmentId as string,
        form: 'keyProjectPushProblemHandling',
        outcomes: ['applyClose'],
        ladder: preset('problemHandling') ?? problemLadder(state.tier, days),
        clockStartsAt: now,
        notifyOnCreate: round > 1 ? ['departmentHead'] : [],
        ...supervising,
      });
      const answered = () => handling.result !== undefined;
      for (const [at, light] of (days > 1 ? [[soon.at, 'yellow'], [due.at, 'red']] : [[due.at, 'red']]) as [string, Light][]) {
        if (await until(at, answered)) break;
        setProblemLight(p, light);
      }
      await condition(answered);
      const applied = (handling.result as TaskRun).completion;
      p.status = 'applied';
      problemEvent(p, 'problem-applied', { by: applied.actorId, round, late: (p.light as Light) === 'red' }, { summary: applied.payload.summary });
      await outbox.drain();

      const verifyKey = `problem-${p.key}-verify-${round}`;
      p.taskId = `${id}/${verifyKey}`;
      const verify = await officeTask(verifyKey, `销号核验: ${state.name} · ${short}`, 'keyProjectPushProblemVerify', ['close', 'return']);
      const { outcome, payload, actorId, at } = verify.completion;
      if (outcome === 'close') {
        p.status = 'closed';
        p.closedAt = at;
        p.taskId = undefined;
        problemEvent(p, 'problem-closed', { by: actorId, round }, { comment: payload.comment });
        refreshLight({ problemKey: p.key });
        return;
      }
      problemEvent(p, 'problem-returned', { by: actorId, round }, { reason: payload.reason }, ['departmentHead']);
    }
  }

  const raise = (detail: { category: ProblemCategory; description: string; blocksNodeKey?: string; blocks?: string; by: string }): ProblemState => {
    const p: ProblemState = {
      key: `p${state.problems.length + 1}`,
      category: detail.category,
      description: detail.description,
      blocksNodeKey: detail.blocksNodeKey,
      blocks: detail.blocks,
      raisedBy: detail.by,
      raisedAt: workflowNowIso(),
      status: 'raised',
      light: 'green',
      round: 0,
      history: [],
    };
    state.problems.push(p);
    problemEvent(p, 'problem-raised', { by: detail.by, blocksNodeKey: detail.blocksNodeKey }, { description: detail.description, blocks: detail.blocks });
    spawn(() => runProblem(p));
    return p;
  };

  setHandler(raiseProblemUpdate, (req) => raise({ ...req, by: req.actor.personId }), {
    validator: (req) => {
      if (!req || typeof req !== 'object' || !req.actor) refuse('a problem is raised by a person');
      mayWorkOn(req.actor, state.nodes.map((n) => n.departmentId), []);
      if (!(['land', 'energy', 'labour', 'funds', 'approval', 'relocation', 'other'] as const).includes(req.category)) refuse('category: 用地 land, 用能 energy, 用工 labour, 资金 funds, 审批 approval, 征迁 relocation or other');
      if (typeof req.description !== 'string' || req.description.trim() === '') refuse('description: say what the problem is');
      if (req.blocksNodeKey !== undefined && !state.nodes.some((n) => n.key === req.blocksNodeKey)) refuse(`blocksNodeKey: no node ${req.blocksNodeKey} in this chain`);
    },
  });

  setHandler(reportElementUpdate, (req) => {
    const element = state.elements.find((e) => e.element === req.element) as ElementState;
    element.secured = req.secured;
    element.note = req.note;
    element.at = workflowNowIso();
    happened('element-reported', { element: element.element, secured: req.secured, by: req.actor.personId }, { said: { note: req.note } });
    const open = element.problemKey && state.problems.find((p) => p.key === element.problemKey && p.status !== 'closed');
    if (!req.secured && !open) {
      element.problemKey = raise({ category: elementProblem[element.element], description: req.note ?? `要素保障不足: ${element.element}`, blocks: '施工进度', by: req.actor.personId }).key;
    }
    return element;
  }, {
    validator: (req) => {
      if (!req || typeof req !== 'object' || !req.actor) refuse('an element is reported by a person');
      const element = state.elements.find((e) => e.element === req.element);
      if (!element) refuse(`this project lists no element ${req.element}`, 'NotFound');
      mayWorkOn(req.actor, [element.departmentId], []);
      if (typeof req.secured !== 'boolean') refuse('secured: true or false');
    },
  });

  // ── The monthly dispatch ───────────────────────────────────────────────────────────────────
  async function runDispatch(month: number, clock: { dueDate: string; clockStartsAt: string; dueAt: string }): Promise<void> {
    const key = `${state.year}-${String(month).padStart(2, '0')}`;
    const d: DispatchState = { month: key, dueDate: clock.dueDate, status: 'awaiting', light: 'green', missed: false, openProblems: [], interview: false };
    state.dispatches.push(d);
    const taskKey = `dispatch-${key}`;
    d.taskId = `${id}/${taskKey}`;
    const report = stoppable({
      taskKey,
      processKind: PROCESS_KIND,
      processId: id,
      title: `月调度: ${state.name} ${month}月`,
      departmentId: state.responsibleDepartmentId,
      assigneeId: state.ownerUnit.contactId,
      form: 'keyProjectPushDispatch',
      outcomes: ['reported'],
      ladder: preset('dispatchReport') ?? dispatchLadder(),
      clockStartsAt: clock.clockStartsAt,
      ...supervising,
    });
    const reported = () => report.result !== undefined;
    if (!(await until(clock.dueAt, reported))) {
      d.missed = true;
      d.light = 'red';
      happened('dispatch-missed', { month: key, dueDate: d.dueDate });
      interview(d, 'missed');
      refreshLight({ month: key });
    }
    await condition(reported);
    const { payload, actorId, at } = (report.result as TaskRun).completion;
    const r = payload as { investmentThisMonth: number; cumulativeInvestment: number; workers: number; progress: string };
    d.taskId = undefined;
    d.status = 'reported';
    d.report = { ...r, by: actorId, at };
    d.expectedPercent = round1(expectedPercent(month));
    d.actualPercent = round1((r.cumulativeInvestment / state.plannedInvestment) * 100);
    d.behindPoints = round1(expectedPercent(month) - (r.cumulativeInvestment / state.plannedInvestment) * 100);
    d.openProblems = state.problems.filter((p) => p.status !== 'closed').map((p) => p.key);
    d.light = worseLight(d.missed ? 'red' : 'green', dispatchLight(d.behindPoints, settings));
    happened('dispatch-reported', {
      month: key, by: actorId, late: d.missed, expectedPercent: d.expectedPercent, actualPercent: d.actualPercent, behindPoints: d.behindPoints, dispatchLight: d.light, openProblems: d.openProblems,
    }, { said: { progress: r.progress } });
    const previous = state.dispatches.filter((x) => x.month < key && (x.status === 'reported' || x.missed)).sort((a, b) => a.month.localeCompare(b.month)).pop();
    if (shouldInterview(d.light, previous?.light)) interview(d, d.light === 'red' ? 'red' : 'two yellows');
    refreshLight({ month: key });
  }

  /** 约谈: the month's dispatch reaches the assigned leader, once. */
  function interview(d: DispatchState, reason: string) {
    if (d.interview) return;
    d.interview = true;
    happened('dispatch-interview', { month: d.month, reason, dispatchLight: d.light }, { recipients: ['assignedLeader'] });
  }

  async function scheduleDispatches(): Promise<void> {
    const today = shanghaiDate(workflowNowMs());
    const thisYear = Number(today.slice(0, 4));
    if (thisYear > state.year) return;
    const first = thisYear < state.year ? 1 : Number(today.slice(5, 7));
    for (let month = first; month <= 12; month++) {
      const day = `${state.year}-${String(month).padStart(2, '0')}-${String(settings.dispatchDay).padStart(2, '0')}`;
      if (state.dispatches.some((d) => day.startsWith(d.month))) continue;
      const clock = await keyProjectPushDateClock({ date: day, daysBefore: DISPATCH_WINDOW_WORKING_DAYS });
      if (workflowNowMs() >= Date.parse(clock.dueAt)) continue;
      await sleep(Math.max(0, Date.parse(clock.clockStartsAt) - workflowNowMs()));
      spawn(() => runDispatch(month, clock));
    }
  }

  // ── By category ────────────────────────────────────────────────────────────────────────────
  async function runVisits(): Promise<void> {
    const started = () => state.nodes.find((n) => n.key === START_NODE)?.status !== 'open';
    for (let round = 1; !started(); round++) {
      const taskKey = `visit-${round}`;
      const visit = { round, status: 'open' as const, taskId: `${id}/${taskKey}` };
      state.visits.push(visit);
      const task = stoppable({
        taskKey,
        processKind: PROCESS_KIND,
        processId: id,
        title: `走访: ${state.name}（第${round}次）`,
        departmentId: state.responsibleDepartmentId,
        form: 'keyProjectPushVisit',
        outcomes: ['visited'],
        ladder: preset('visit') ?? visitLadder(settings.visitEveryWorkingDays),
        ...supervising,
      });
      await condition(() => task.result !== undefined || started());
      const v = state.visits[state.visits.length - 1];
      if (!task.result) {
        await task.stop();
        v.status = 'stopped';
        return;
      }
      const { payload, actorId, at } = task.result.completion;
      Object.assign(v, { status: 'done', by: actorId, at, found: String(payload.found) });
      happened('visit-done', { round, by: actorId }, { said: { found: payload.found } });
    }
  }

  async function runPolicyService(): Promise<void> {
    const taskKey = 'policy-service';
    state.policyService = { status: 'open', taskId: `${id}/${taskKey}` };
    const run = await runTask({
      taskKey,
      processKind: PROCESS_KIND,
      processId: id,
      title: `送政策、送服务: ${state.name}`,
      departmentId: state.responsibleDepartmentId,
      form: 'keyProjectPushPolicyService',
      outcomes: ['delivered'],
      ladder: preset('policyService') ?? ladders.policyService,
      ...supervising,
    }, listed);
    const { payload, actorId } = run.completion;
    state.policyService = { status: 'done', taskId: run.taskId, summary: String(payload.summary), by: actorId };
    happened('policy-service-done', { by: actorId }, { said: { summary: payload.summary } });
  }

  // ── Run ────────────────────────────────────────────────────────────────────────────────────
  // What happened before the project was put on the chart: nodes done, months reported, problems known.
  for (const plan of start.nodes) {
    const node = state.nodes.find((n) => n.key === plan.key) as NodeState;
    if (plan.done) {
      node.status = 'done';
      node.done = { actualDate: plan.done.actualDate, summary: plan.done.summary, by: 'record', at: workflowNowIso(), late: plan.done.actualDate > node.assessedDate, byApproval: false, beforeDependencies: [] };
    }
  }
  for (const past of [...(start.pastDispatches ?? [])].sort((a, b) => a.month.localeCompare(b.month))) {
    const month = Number(past.month.slice(5, 7));
    const behind = expectedPercent(month) - (past.cumulativeInvestment / state.plannedInvestment) * 100;
    state.dispatches.push({
      month: past.month,
      dueDate: `${past.month}-${String(settings.dispatchDay).padStart(2, '0')}`,
      status: 'reported',
      light: dispatchLight(behind, settings),
      report: { investmentThisMonth: past.investmentThisMonth, cumulativeInvestment: past.cumulativeInvestment, workers: past.workers, progress: past.progress, by: 'record', at: workflowNowIso() },
      expectedPercent: round1(expectedPercent(month)),
      actualPercent: round1((past.cumulativeInvestment / state.plannedInvestment) * 100),
      behindPoints: round1(behind),
      missed: false,
      openProblems: [],
      interview: false,
    });
  }
  for (const known of start.problems ?? []) raise({ ...known, by: known.raisedBy });
  for (const node of state.nodes) if (node.status === 'open') spawn(() => runNode(node));
  if (state.category === 'newStart' && state.nodes.some((n) => n.key === START_NODE)) spawn(runVisits);
  if (state.category === 'socialInvestment') spawn(runPolicyService);
  spawn(scheduleDispatches);
  for (const e of state.elements) {
    if (!e.secured) e.problemKey = raise({ category: elementProblem[e.element], description: `要素保障不足: ${e.element}`, blocks: '施工进度', by: 'system' }).key;
  }

  for (;;) {
    await outbox.drain();
    if (fatal !== undefined) throw fatal;
    if (strands === 0) break;
    await condition(() => !outbox.isEmpty || fatal !== undefined || strands === 0);
  }
  state.status = 'closed';
  index();
  happened('closed', { nodesLate: state.nodes.filter((n) => n.done?.late).length, problems: state.problems.length });
  await outbox.drain();
  return state;
}
