/**
 * The chain (节点清单): each node a task of its person (责任人), and its replans (调整计划).
 *
 * Rules:
 * - A node's task runs along a ladder counted back from the date it is assessed against: yellow
 *   so many working days before (临期, none when the tier says 0), red at the end of the day it
 *   is due by. The node's light only worsens while its task runs.
 * - A node is done when its person completes its task (late when the actual date is after the
 *   assessed date), or when the approval item it names is approved in the linked approval
 *   process (the `approvalItemApproved` signal; the node's task is cancelled).
 * - A replan is asked by the node's person or department, one at a time, for an open node, with
 *   a date in the project's year and a reason; the project office decides in its task. Asked
 *   before the node is due, an approval moves the assessed date: the node's task is cancelled and
 *   starts again (round 2, …) on the new date, green. Asked after, the new date is recorded but
 *   the node is still assessed against the old one.
 * - A node's run starts, and nodes done before the project was put on the chart are recorded, by
 *   the workflow; the handlers here are registered before its first await.
 */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import type { Light } from '../../contracts/ladder';
import { worseLight } from '../../contracts/lights';
import { runTask, workflowNowIso, workflowNowMs } from '../../workflows/blocks';
import type { NodeState, ReplanNode, StartKeyProjectPush } from './contract';
import { ladders, nodeLadder } from './ladders';
import { isDate, keyProjectPushDateClock, PROCESS_KIND, refuse, shanghaiDate, type NodeControl, type PushRun } from './push-run';

/** 调整计划: asked by the node's person or department; the project office decides in its task. */
export const replanNodeUpdate = defineUpdate<NodeState, [ReplanNode]>('replanNode');
/** An approval item of the linked approval process was approved: the node naming it is done. */
export const approvalItemApprovedSignal = defineSignal<[{ processId: string; itemKey: string; by?: string; at?: string }]>('approvalItemApproved');

/** Nodes done before the project was put on the chart, as the start says. */
export function recordNodesDone(run: PushRun, plans: StartKeyProjectPush['nodes']): void {
  for (const plan of plans) {
    const node = run.state.nodes.find((n) => n.key === plan.key) as NodeState;
    if (plan.done) {
      node.status = 'done';
      node.done = { actualDate: plan.done.actualDate, summary: plan.done.summary, by: 'record', at: workflowNowIso(), late: plan.done.actualDate > node.assessedDate, byApproval: false, beforeDependencies: [] };
    }
  }
}

const setNodeLight = (run: PushRun, node: NodeState, light: Light) => {
  if (worseLight(node.light, light) === node.light) return;
  node.light = light;
  run.state.timeline.push({ at: workflowNowIso(), event: 'node-light', detail: { nodeKey: node.key, light } });
  run.refreshLight({ nodeKey: node.key });
};

/** A node's run: its task, round after round while replans restart it, until it is done. */
export async function runNode(run: PushRun, node: NodeState): Promise<void> {
  const { id, state } = run;
  const control: NodeControl = { restart: false };
  run.nodeControl.set(node.key, control);
  const dueSoon = run.settings.dueSoonWorkingDays;
  for (let round = 1; ; round++) {
    const clock = await keyProjectPushDateClock({ date: node.assessedDate, daysBefore: dueSoon });
    node.dueDate = clock.dueDate;
    run.dueAtOf.set(node.key, clock.dueAt);
    const task = run.stoppable({
      taskKey: round === 1 ? `node-${node.key}` : `node-${node.key}-${round}`,
      processKind: PROCESS_KIND,
      processId: id,
      title: `节点: ${state.name} · ${node.name}（${node.assessedDate}）`,
      departmentId: node.departmentId,
      assigneeId: node.personId,
      form: 'keyProjectPushNode',
      outcomes: ['done'],
      ladder: run.preset('node') ?? nodeLadder(state.tier, dueSoon),
      clockStartsAt: clock.clockStartsAt,
      ...run.supervising,
    });
    node.taskId = `${id}/${round === 1 ? `node-${node.key}` : `node-${node.key}-${round}`}`;
    const stop = () => task.result !== undefined || control.restart || control.linked !== undefined;
    for (const [at, light] of (dueSoon > 0 ? [[clock.dueSoonAt, 'yellow'], [clock.dueAt, 'red']] : [[clock.dueAt, 'red']]) as [string, Light][]) {
      if (await run.until(at, stop)) break;
      setNodeLight(run, node, light);
    }
    await condition(stop);
    if (task.result) {
      const { payload, actorId, at } = task.result.completion;
      finishNode(run, node, { actualDate: String(payload.actualDate), summary: String(payload.summary), by: actorId, at, byApproval: false });
      return;
    }
    await task.stop();
    if (control.linked) {
      const at = control.linked.at ?? workflowNowIso();
      finishNode(run, node, { actualDate: shanghaiDate(Date.parse(at)), summary: `审批事项 ${node.approvalItemKey} 已办结`, by: control.linked.by ?? 'system', at, byApproval: true });
      return;
    }
    control.restart = false;
    node.light = 'green';
    run.refreshLight({ nodeKey: node.key });
  }
}

function finishNode(run: PushRun, node: NodeState, done: { actualDate: string; summary: string; by: string; at: string; byApproval: boolean }) {
  const openBefore = node.dependsOn.filter((d) => run.state.nodes.find((n) => n.key === d)?.status === 'open');
  node.status = 'done';
  node.taskId = undefined;
  node.done = { ...done, late: done.actualDate > node.assessedDate, beforeDependencies: openBefore };
  run.happened('node-done', {
    nodeKey: node.key, by: done.by, actualDate: done.actualDate, assessedDate: node.assessedDate, late: node.done.late, byApproval: done.byApproval, nodeLight: node.light,
  }, { said: { summary: done.summary } });
  run.refreshLight({ nodeKey: node.key });
}

/** The project office's decision on a replan; approved in time, the node's run starts again on the new date. */
async function runReplan(run: PushRun, node: NodeState, replan: NodeState['replans'][number], n: number): Promise<void> {
  const { id, state } = run;
  const decision = await runTask({
    taskKey: `replan-${node.key}-${n}`,
    processKind: PROCESS_KIND,
    processId: id,
    title: `调整计划: ${state.name} · ${node.name} ${replan.fromDate} → ${replan.newDate}`,
    departmentId: state.officeDepartmentId,
    candidateRoles: ['projectOffice'],
    form: 'keyProjectPushReplan',
    outcomes: ['approve', 'refuse'],
    ladder: run.preset('office') ?? ladders.office,
    ...run.supervising,
  }, run.listed);
  const { outcome, payload, actorId, at } = decision.completion;
  replan.decidedBy = actorId;
  replan.decidedAt = at;
  if (outcome === 'approve') {
    replan.status = 'approved';
    node.plannedDate = replan.newDate;
    // Asked in time, the node is assessed against the new date from now on; asked late, the old date stands.
    if (replan.early && node.status === 'open') {
      node.assessedDate = replan.newDate;
      const control = run.nodeControl.get(node.key);
      if (control) control.restart = true;
    }
  } else {
    replan.status = 'refused';
    replan.refusal = String(payload.reason);
  }
  run.happened('replan-decided', { nodeKey: node.key, approved: outcome === 'approve', newDate: replan.newDate, early: replan.early, by: actorId }, { said: { reason: payload.reason ?? payload.comment } });
}

/** Registers the replan Update and the linked approval item's signal. */
export function handleChain(run: PushRun): void {
  const { state } = run;
  setHandler(replanNodeUpdate, (req) => {
    const node = state.nodes.find((n) => n.key === req.nodeKey) as NodeState;
    const dueAt = run.dueAtOf.get(node.key);
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
    run.happened('replan-requested', { nodeKey: node.key, newDate: req.newDate, early: replan.early, by: req.actor.personId }, { said: { reason: req.reason } });
    run.spawn(() => runReplan(run, node, replan, node.replans.length));
    return node;
  }, {
    validator: (req) => {
      if (!req || typeof req !== 'object' || !req.actor) refuse('a replan is asked by a person');
      const node = state.nodes.find((n) => n.key === req.nodeKey);
      if (!node) refuse(`no node ${req.nodeKey} in this chain`, 'NotFound');
      run.mayWorkOn(req.actor, [node.departmentId], [node.personId]);
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
      const control = run.nodeControl.get(node.key);
      if (control && !control.linked) control.linked = { by, at };
    }
  });
}
