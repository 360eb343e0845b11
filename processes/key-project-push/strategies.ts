/**
 * By category (分类施策): what the responsible department does for a project besides its chain.
 *
 * Rules:
 * - A project planned to start (`newStart`) whose chain has the start node is visited (走访):
 *   one visit task after another, each along a ladder of so many working days, until the start
 *   node is no longer open; an open visit is then stopped.
 * - A social-investment project (`socialInvestment`) gets its policies and services (送政策、送服务)
 *   first: one task, done once.
 * - (A project under construction has its elements, problems.ts.)
 */
import { condition } from '@temporalio/workflow';
import { runTask } from '../../workflows/blocks';
import { ladders, visitLadder } from './ladders';
import { PROCESS_KIND, type PushRun } from './push-run';
import { START_NODE } from './templates';

/** 走访: visit after visit until the project starts. */
export async function runVisits(run: PushRun): Promise<void> {
  const { id, state } = run;
  const started = () => state.nodes.find((n) => n.key === START_NODE)?.status !== 'open';
  for (let round = 1; !started(); round++) {
    const taskKey = `visit-${round}`;
    const visit = { round, status: 'open' as const, taskId: `${id}/${taskKey}` };
    state.visits.push(visit);
    const task = run.stoppable({
      taskKey,
      processKind: PROCESS_KIND,
      processId: id,
      title: `走访: ${state.name}（第${round}次）`,
      departmentId: state.responsibleDepartmentId,
      form: 'keyProjectPushVisit',
      outcomes: ['visited'],
      ladder: run.preset('visit') ?? visitLadder(run.settings.visitEveryWorkingDays),
      ...run.supervising,
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
    run.happened('visit-done', { round, by: actorId }, { said: { found: payload.found } });
  }
}

/** 送政策、送服务: one task for a social-investment project. */
export async function runPolicyService(run: PushRun): Promise<void> {
  const { id, state } = run;
  const taskKey = 'policy-service';
  state.policyService = { status: 'open', taskId: `${id}/${taskKey}` };
  const result = await runTask({
    taskKey,
    processKind: PROCESS_KIND,
    processId: id,
    title: `送政策、送服务: ${state.name}`,
    departmentId: state.responsibleDepartmentId,
    form: 'keyProjectPushPolicyService',
    outcomes: ['delivered'],
    ladder: run.preset('policyService') ?? ladders.policyService,
    ...run.supervising,
  }, run.listed);
  const { payload, actorId } = result.completion;
  state.policyService = { status: 'done', taskId: result.taskId, summary: String(payload.summary), by: actorId };
  run.happened('policy-service-done', { by: actorId }, { said: { summary: payload.summary } });
}
