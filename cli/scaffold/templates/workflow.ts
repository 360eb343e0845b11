import { docComment } from '../doc-comment';
import type { KindNames } from '../names';

/** `workflow.ts`: the workflow, composed from workflows/blocks. */
export function workflowFile(n: KindNames): string {
  const A = n.a === 'an' ? 'An' : 'A';
  return `${docComment(`${A} ${n.words}: one review by the department it names, along the review's escalation ladder, closed with the review's outcome. Deterministic workflow code: contracts are imported as types only, and everything that reaches outside (the directory, NATS) goes through activities.`)}
import { defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { EventOutbox, indexProcess, runTask, toCloudEventSource, workflowNowIso, type TaskHooks } from '../../workflows/blocks';
import type { ${n.type}State, Start${n.type} } from './contract';
import { ladders } from './ladders';

const KIND = '${n.kind}';
/** Its events are \`gl.evt.${n.aggregate}.<event>\`, as definition.ts declares them. */
const AGGREGATE = '${n.aggregate}';

// A department missing from the directory fails at once (a non-retryable RoutingFailed); a
// directory that cannot be read is retried until it can.
const { lookupDepartment } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

/** The state the API's get route and the CLI's \`show\` ask for. */
export const ${n.kind}StateQuery = defineQuery<${n.type}State>('state');

/** One ${n.words}, from its start to its closing. The workflow id is the start's id. */
export async function ${n.kind}(start: Start${n.type}): Promise<${n.type}State> {
  // Validated against the contract and the directory by the intake or the API before it started.
  const id = workflowInfo().workflowId;
  const outbox = new EventOutbox(toCloudEventSource(KIND, id));
  const state: ${n.type}State = {
    id,
    title: start.title,
    status: 'open',
    light: 'green',
    departmentId: start.departmentId,
    openTaskIds: [],
    timeline: [],
  };
  setHandler(${n.kind}StateQuery, () => state);

  const listed: TaskHooks = {
    onOpen: (taskId) => void state.openTaskIds.push(taskId),
    onClose: (taskId) => void (state.openTaskIds = state.openTaskIds.filter((open) => open !== taskId)),
  };
  const happened = (event: string, detail: Record<string, unknown> = {}) => {
    state.timeline.push({ at: workflowNowIso(), event, detail });
    outbox.push({
      aggregate: AGGREGATE,
      event,
      subject: id,
      data: { processId: id, status: state.status, light: state.light, departmentId: state.departmentId, ...detail },
    });
  };
  const index = () => indexProcess({
    kind: KIND,
    status: state.status,
    light: state.light,
    departmentId: state.departmentId,
    assignedLeaderId: state.assignedLeaderId ?? null,
  });

  index();
  happened('started', { title: start.title });
  await outbox.drain();

  const department = await lookupDepartment({ processKind: KIND, departmentId: start.departmentId });
  state.assignedLeaderId = department.assignedLeaderId;
  index();

  const review = await runTask({
    taskKey: 'review',
    processKind: KIND,
    processId: id,
    title: start.title,
    departmentId: state.departmentId,
    form: '${n.kind}Review',
    outcomes: ['approve', 'reject'],
    ladder: department.ladders.review ?? ladders.review,
    assignedLeaderId: department.assignedLeaderId,
  }, listed);
  const { outcome, actorId } = review.completion;
  state.light = review.light;
  state.outcome = outcome === 'approve' ? 'approved' : 'rejected';
  // What the reviewer wrote stays in the task's state (read through the API); events carry ids and outcomes.
  happened('reviewed', { outcome: state.outcome, by: actorId });

  state.status = 'closed';
  index();
  happened('closed', { outcome: state.outcome });
  await outbox.drain();
  return state;
}
`;
}
