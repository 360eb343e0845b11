/**
 * One project while it runs: what its parts share (its state, its plan, its watches, the
 * applicant's answers awaited by its items) and the one way anything that happens is told.
 *
 * Rules:
 * - Workflow code: deterministic, no I/O; the calendar is asked through the activities below,
 *   ordinary ones (not local): several item runs await calendar results beside the outbox's
 *   local activity, and their completions as history events keep one order on replay (with local
 *   activities here, recorded histories failed the replay gate).
 * - Everything that happens goes through `happened`: a line of the item's history, the event
 *   (ids, outcomes and states, and the project's light once it happened; what a person typed,
 *   `said`, stays in the history, which only those who may read the project see —
 *   workflows/blocks/journal.ts — save a rejection's reason, which the assigned leader told of it
 *   must read), and the project's light recomputed after it.
 * - The project's light (亮灯预警) is the worst of its open items' and of its overall target's;
 *   a closed item (approved or waived) no longer counts (滚动销号).
 */
import { ApplicationFailure, patched, proxyActivities, type CancellationScope } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Ladder, Light, RecipientRole } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import { GlDemonstration, GlProvisional } from '../../contracts/search-attributes';
import { indexProcess, workflowNowIso, type EventOutbox } from '../../workflows/blocks';
import { projectScope, type ApprovalItem, type ItemState, type ItemStatus, type ProjectState, type SupplyMaterials } from './contract';
import type { ProcessSnapshot } from '../../contracts/events';
import type { TaskReturn } from '../../contracts/task';
import type { Watches } from './watches';

export const PROCESS_KIND = 'projectApproval';

/** The patch under which an event carries the project's light after it, and a rejection its reason. */
export const TELLS_LIGHT_AND_REASON = 'project-events-tell-light-after-and-reason';

export const { computeDeadlines, countWorkingDays, ladderPresets } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const closedStatuses: readonly ItemStatus[] = ['approved', 'waived'];

export const refuse = (message: string, type = 'InvalidRequest'): never => {
  throw new ApplicationFailure(message, type, true);
};

/** Tells what happened to the project or one of its items (see the rules above). */
export type Happened = (
  event: string, it: ItemState | undefined, detail?: Record<string, unknown>, roles?: RecipientRole[], time?: string, said?: Record<string, unknown>,
) => void;

export interface ProjectRun {
  id: string;
  state: ProjectState;
  /** The plan as it stands now: items added and moved included. */
  plan: Map<string, ApprovalItem>;
  /** The directory's ladders for `review` and `supplementCheck`, replacing the built-in ones. */
  presets: Record<string, Ladder>;
  watches: Watches;
  /** The applicant's resubmissions and supplied materials, by item key, until the item's run takes them. */
  resubmitted: Set<string>;
  supplied: Map<string, SupplyMaterials>;
  /** Each running item's scope, so that waiving or moving it cancels its open task. */
  running: Map<string, CancellationScope>;
  /** Whether each tolerance item's supplement and grace deadlines have passed, set by their watches. */
  deadlinesPassed: Map<string, { supplement: boolean; grace: boolean }>;
  /** Prerequisites reopened by a return (退回, returns.ts), until their next round takes the return. */
  reopenings: Map<string, TaskReturn>;
  /** The first error of an item's run, which fails the project. */
  fatal: unknown;
  item(key: string): ItemState | undefined;
  index(): void;
  happened: Happened;
  refreshLight(cause: Record<string, unknown>, time?: string): void;
  /** Starts every waiting item whose dependencies are all satisfied (items.ts). */
  startReady(): void;
  /** Runs an item in its own scope (items.ts). */
  launch(it: ItemState): void;
}

/** The search attributes, the light and `happened` of a project, over its outbox and its watches. */
export function projectJournal(id: string, state: ProjectState, outbox: EventOutbox, watches: Watches): Pick<ProjectRun, 'index' | 'happened' | 'refreshLight'> {
  const snapshot = (): ProcessSnapshot => ({
    kind: PROCESS_KIND, title: state.name, status: state.status, light: state.light, closed: state.status === 'approved',
    category: state.category, departmentId: state.responsibleDepartmentId, assignedLeaderId: state.assignedLeaderId, ...projectScope(state),
  });
  const index = () => indexProcess(snapshot(), [
    { key: GlDemonstration, value: state.demonstration },
    { key: GlProvisional, value: watches.anyProvisional() },
  ]);

  /** The worst light among items not yet closed (滚动销号) and the overall target. */
  const projectLight = (): Light => state.items
    .filter((i) => !closedStatuses.includes(i.status))
    .reduce<Light>((worst, i) => worseLight(worst, i.light), state.target.light);
  const refreshLight = (cause: Record<string, unknown>, time?: string) => {
    const light = projectLight();
    if (light === state.light) return;
    const from = state.light;
    state.light = light;
    index();
    outbox.push({
      aggregate: 'project', event: 'light-changed', subject: id, time,
      data: { projectId: id, name: state.name, from, to: light, ...cause, process: snapshot() },
    });
  };

  // An event tells the light the project has once it happened (a rejection: red), not the one
  // before; projects started before this told the light before.
  const happened: Happened = (event, it, detail = {}, roles, time, said) => {
    const at = time ?? workflowNowIso();
    it?.history.push({ at, event, actorId: detail.by as string | undefined, detail: { ...detail, ...said } });
    outbox.push({
      aggregate: 'project', event, subject: id, time,
      data: {
        projectId: id, name: state.name, status: state.status, light: patched(TELLS_LIGHT_AND_REASON) ? projectLight() : state.light,
        itemKey: it?.key, itemName: it?.name, itemStatus: it?.status, departmentId: it?.departmentId, ...detail, process: snapshot(),
      },
      recipients: roles && {
        roles, departmentId: it?.departmentId ?? state.responsibleDepartmentId, assignedLeaderId: state.assignedLeaderId,
      },
    });
    refreshLight(it ? { itemKey: it.key, itemLight: it.light } : {}, time);
  };

  return { index, happened, refreshLight };
}
