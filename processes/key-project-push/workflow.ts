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
 *
 * The story is here; its parts, each with its rules, beside it:
 * - `push-run.ts`: what the parts share — the state, `happened`, the project's light, its strands,
 *   its stoppable tasks and the directory's ladders;
 * - `nodes.ts`: a node's run and its replans (the `replanNode` Update, the linked approval
 *   item's signal);
 * - `problems.ts`: a problem's run (the `raiseProblem` Update) and the elements (`reportElement`);
 * - `dispatch.ts`: the monthly dispatch and its 约谈; `dispatch-light.ts`: its light;
 * - `strategies.ts`: the visits and the policy service, by category;
 * - `ladders.ts`: the built-in ladders; `templates.ts`: the chains a project starts from.
 *
 * Rules of the story: every handler is registered before the first await (an Update sent right
 * after the start finds them); what happened before the project was put on the chart (nodes done,
 * months reported, problems known) is recorded before its strands start, and an element short at
 * the start raises its problem; every strand waits for the directory's presets; the project closes
 * when every strand has ended, and the first strand to fail fails it.
 */
import { condition, defineQuery, setHandler, workflowInfo } from '@temporalio/workflow';
import { EventOutbox, toCloudEventSource } from '../../workflows/blocks';
import type { KeyProjectPushState, StartKeyProjectPush } from './contract';
import { recordPastDispatches, scheduleDispatches } from './dispatch';
import { handleChain, recordNodesDone, runNode } from './nodes';
import { elementProblem, handleProblems, raise } from './problems';
import { newPushState, PROCESS_KIND, pushRun } from './push-run';
import { runPolicyService, runVisits } from './strategies';
import { START_NODE } from './templates';

export { PROCESS_KIND } from './push-run';
export { approvalItemApprovedSignal, replanNodeUpdate } from './nodes';
export { raiseProblemUpdate, reportElementUpdate } from './problems';

export const keyProjectPushStateQuery = defineQuery<KeyProjectPushState>('state');

/** One key project's year. The workflow id is the start's id. */
export async function keyProjectPush(start: StartKeyProjectPush): Promise<KeyProjectPushState> {
  const id = workflowInfo().workflowId;
  const outbox = new EventOutbox(toCloudEventSource(PROCESS_KIND, id));
  const state = newPushState(start, id);
  setHandler(keyProjectPushStateQuery, () => state);
  // Asks the directory for its presets, which every strand waits for; the handlers below are
  // registered at once (an Update sent right after the start finds them).
  const run = pushRun(state, outbox);
  run.index();
  run.happened('started', { year: state.year, nodes: state.nodes.length, approvalProcessId: state.approvalProcessId });
  handleChain(run);
  handleProblems(run);

  // What happened before the project was put on the chart: nodes done, months reported, problems known.
  recordNodesDone(run, start.nodes);
  recordPastDispatches(run, start.pastDispatches);
  for (const known of start.problems ?? []) raise(run, { ...known, by: known.raisedBy });
  // Its strands: the chain, by category, the dispatches; and the elements short at the start.
  for (const node of state.nodes) if (node.status === 'open') run.spawn(() => runNode(run, node));
  if (state.category === 'newStart' && state.nodes.some((n) => n.key === START_NODE)) run.spawn(() => runVisits(run));
  if (state.category === 'socialInvestment') run.spawn(() => runPolicyService(run));
  run.spawn(() => scheduleDispatches(run));
  for (const e of state.elements) {
    if (!e.secured) e.problemKey = raise(run, { category: elementProblem[e.element], description: `要素保障不足: ${e.element}`, blocks: '施工进度', by: 'system' }).key;
  }

  for (;;) {
    await outbox.drain();
    if (run.fatal !== undefined) throw run.fatal;
    if (run.strands === 0) break;
    await condition(() => !outbox.isEmpty || run.fatal !== undefined || run.strands === 0);
  }
  state.status = 'closed';
  run.index();
  run.happened('closed', { nodesLate: state.nodes.filter((n) => n.done?.late).length, problems: state.problems.length });
  await outbox.drain();
  return state;
}
