/**
 * One key project while it runs: what its parts (nodes.ts, problems.ts, dispatch.ts,
 * strategies.ts) share — its state, the journal that tells what happened, its search attributes
 * and light, its strands, its stoppable tasks and the directory's ladders.
 *
 * Rules:
 * - Workflow code: deterministic, no I/O. Nothing here awaits: the workflow registers every
 *   handler before its first await (an Update sent right after the start finds them).
 * - Strands (a node, a problem, a month's dispatch, a replan, the visits) run side by side, each
 *   only once the directory's presets are in (`ready`); the first failure of any strand, or of a
 *   task not stopped on purpose, fails the process (`fatal`, thrown by the main loop).
 * - The directory's presets replace the built-in ladders (`preset`); every task's ladder ends at
 *   the assigned leader (`supervising`), and every task is listed while open (`listed`).
 * - The project's light is the worst of its open nodes, its open problems and its latest dispatch
 *   (reported or missed); each change of it is indexed and told (`light-changed`).
 * - Everyone on the project may act on it: the office, its departments, the people it names
 *   (`mayWorkOn`); anyone else is refused.
 */
import { ApplicationFailure, CancellationScope, condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ProcessSnapshot } from '../../contracts/events';
import type { Actor } from '../../contracts/directory';
import type { Ladder, Light } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import type { HumanTaskInput } from '../../contracts/task';
import { indexProcess, processJournal, runTask, workflowNowMs, type EventOutbox, type Journal, type TaskHooks, type TaskRun } from '../../workflows/blocks';
import type { KeyProjectPushActivities } from './activities';
import { keyProjectScope, keyProjectTitle, type KeyProjectPushState, type PushSettings, type StartKeyProjectPush } from './contract';
import { TIER_SETTINGS, type ladders } from './ladders';
import { reportFacts } from './report-facts';
import { GlLinkedProcessId } from './search-attributes';
import { templates } from './templates';

export const PROCESS_KIND = 'keyProjectPush';
const AGGREGATE = 'keyprojectpush';

export const { lookupDepartment, computeDeadlines, keyProjectPushDateClock } = proxyActivities<Activities & KeyProjectPushActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** Refuses an Update: the API answers 400, 403, 404 or 409 by the type. */
export function refuse(message: string, type: 'InvalidRequest' | 'Forbidden' | 'NotFound' | 'Conflict' = 'InvalidRequest'): never {
  throw new ApplicationFailure(message, type, true);
}

export const isDate = (d: unknown): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
/** The Shanghai date of an instant. */
export const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** How a node's run is stopped from outside: a replan approved in time, or its approval item approved. */
export interface NodeControl {
  restart: boolean;
  linked?: { by?: string; at?: string };
}

/** A task run that can be stopped from outside: `result` once completed; `stop()` cancels it and waits for the cancellation. */
export interface Stoppable {
  result?: TaskRun;
  stopped: boolean;
  stop(): Promise<void>;
}

export interface PushRun {
  id: string;
  state: KeyProjectPushState;
  settings: PushSettings;
  outbox: EventOutbox;
  happened: Journal['happened'];
  index(): void;
  /** Recomputes the project's light; a change is indexed and told with its cause. */
  refreshLight(cause: Record<string, unknown>): void;
  /** The first failure of a strand or of a task not stopped on purpose. */
  fatal: unknown;
  /** Strands still running. */
  strands: number;
  /** Resolves once the directory's presets are in. */
  ready: Promise<void>;
  presets: Record<string, Ladder>;
  preset(task: keyof typeof ladders): Ladder | undefined;
  supervising: { assignedLeaderId: string };
  listed: TaskHooks;
  /** Runs a strand once the presets are in, side by side with the others. */
  spawn(strand: () => Promise<void>): void;
  /** Resolves true when `stop` holds before `at`, false when `at` comes first. */
  until(at: string, stop: () => boolean): Promise<boolean>;
  stoppable(input: HumanTaskInput): Stoppable;
  /** Each open node's control (nodes.ts), set by a replan or by its approval item. */
  nodeControl: Map<string, NodeControl>;
  /** Each node's due instant on its current round, for a replan to tell early from late. */
  dueAtOf: Map<string, string>;
  /** Whether this person is on the project: the office, its departments, the people it names; else refused. */
  mayWorkOn(actor: Actor, departments: string[], people: string[]): void;
}

/** The project as the start puts it on the wall chart: every node open and green. */
export function newPushState(start: StartKeyProjectPush, id: string): KeyProjectPushState {
  const templateName = start.template ?? 'standard';
  const template = templates[templateName];
  const settings: PushSettings = { ...TIER_SETTINGS[start.tier], ...start.settings };
  const chainKeys = new Set(start.nodes.map((n) => n.key));
  return {
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
}

/** The run of a project over its state and outbox; asks the directory for its presets (the one command issued here). */
export function pushRun(state: KeyProjectPushState, outbox: EventOutbox): PushRun {
  const { id } = state;
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

  const run: PushRun = {
    id,
    state,
    settings: state.settings,
    outbox,
    happened,
    index: () => indexProcess({
      kind: PROCESS_KIND,
      status: state.status,
      light: state.light,
      category: state.category,
      departmentId: state.responsibleDepartmentId,
      assignedLeaderId: state.assignedLeaderId,
    }, [{ key: GlLinkedProcessId, value: state.approvalProcessId ?? null }]),
    refreshLight(cause) {
      const latest = [...state.dispatches].reverse().find((d) => d.status === 'reported' || d.missed);
      const light = [
        ...state.nodes.filter((n) => n.status === 'open').map((n) => n.light),
        ...state.problems.filter((p) => p.status !== 'closed').map((p) => p.light),
        latest?.light ?? 'green',
      ].reduce<Light>((worst, l) => worseLight(worst, l), 'green');
      if (light === state.light) return;
      const from = state.light;
      state.light = light;
      run.index();
      happened('light-changed', { from, to: light, ...cause });
    },
    fatal: undefined,
    strands: 0,
    ready: Promise.resolve(),
    presets: {},
    preset: (task) => run.presets[task],
    supervising: { assignedLeaderId: state.assignedLeaderId },
    listed: {
      onOpen: (taskId: string) => void state.openTaskIds.push(taskId),
      onClose: (taskId: string) => void (state.openTaskIds = state.openTaskIds.filter((t) => t !== taskId)),
    },
    spawn(strand) {
      run.strands++;
      run.ready.then(strand).then(() => void run.strands--, (err) => void (run.fatal ??= err));
    },
    async until(at, stop) {
      const ms = Date.parse(at) - workflowNowMs();
      if (ms <= 0) return stop();
      return condition(stop, ms);
    },
    stoppable(input) {
      const scope = new CancellationScope();
      const task: Stoppable = {
        stopped: false,
        async stop() {
          task.stopped = true;
          scope.cancel();
          await settled.catch(() => undefined);
        },
      };
      const settled = scope.run(() => runTask(input, run.listed)).then((r) => void (task.result = r), (err) => {
        if (!task.stopped) run.fatal ??= err;
      });
      return task;
    },
    nodeControl: new Map(),
    dueAtOf: new Map(),
    mayWorkOn(actor, departments, people) {
      if (actor.roles.includes('admin') || actor.roles.includes('projectOffice')) return;
      const named = [state.ownerUnit.contactId, state.assignedLeaderId, ...people];
      const on = [state.responsibleDepartmentId, ...departments];
      if (named.includes(actor.personId) || actor.departments.some((d) => on.includes(d))) return;
      refuse('only the project office, the departments on this project and the people it names may do this', 'Forbidden');
    },
  };
  // The directory's presets replace the built-in ladders; every strand waits for them.
  run.ready = lookupDepartment({ processKind: PROCESS_KIND, departmentId: state.responsibleDepartmentId }).then((d) => void (run.presets = d.ladders));
  return run;
}
