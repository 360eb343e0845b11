/**
 * The problem list (问题清单), closed one by one (滚动销号), and the elements (要素保障) of a
 * project under construction.
 *
 * Rules:
 * - A problem is raised by anyone on the project (or by an element falling short, or known at the
 *   start); the project office assigns it (交办) to a department, with working days to handle it.
 *   A department the directory does not know is refused, and the office assigns again.
 * - The department handles it and applies for 销号: yellow a working day before its working days
 *   end (when they are more than one), red when they end. The office verifies: 销号 closes the
 *   problem; returned with its reason, the problem reopens (a new round, green, its head told).
 * - An element reported short, with no open problem for it, raises one in its category (materials
 *   as `other`); secured again, the problem already raised runs on until it is closed.
 * - Every step of a problem is a line of its history and an event of the project; a problem's
 *   light counts in the project's until the problem is closed.
 */
import { ActivityFailure, condition, defineUpdate, setHandler } from '@temporalio/workflow';
import type { Light, RecipientRole } from '../../contracts/ladder';
import { runTask, workflowNowIso, type TaskRun } from '../../workflows/blocks';
import type { ElementState, ProblemCategory, ProblemState, RaiseProblem, ReportElement } from './contract';
import { ladders, problemLadder } from './ladders';
import { computeDeadlines, lookupDepartment, PROCESS_KIND, refuse, type PushRun } from './push-run';

/** 问题上报: a problem raised by anyone on the project. */
export const raiseProblemUpdate = defineUpdate<ProblemState, [RaiseProblem]>('raiseProblem');
/** 要素保障: an element of a project under construction secured, or short (which raises a problem). */
export const reportElementUpdate = defineUpdate<ElementState, [ReportElement]>('reportElement');

/** What a problem's category is called when an element falls short. */
export const elementProblem: Record<ElementState['element'], ProblemCategory> = {
  land: 'land', energy: 'energy', labour: 'labour', funds: 'funds', materials: 'other',
};

const officeTask = (run: PushRun, taskKey: string, title: string, form: string, outcomes: string[]) => runTask({
  taskKey,
  processKind: PROCESS_KIND,
  processId: run.id,
  title,
  departmentId: run.state.officeDepartmentId,
  candidateRoles: ['projectOffice'],
  form,
  outcomes,
  ladder: run.preset('office') ?? ladders.office,
  ...run.supervising,
}, run.listed);

const problemEvent = (run: PushRun, p: ProblemState, event: string, detail: Record<string, unknown> = {}, said?: Record<string, unknown>, recipients?: RecipientRole[]) => {
  p.history.push({ at: workflowNowIso(), event, by: detail.by as string | undefined, detail: { ...detail, ...said } });
  run.happened(event, { problemKey: p.key, category: p.category, problemStatus: p.status, ...detail }, { said, recipients });
};

const setProblemLight = (run: PushRun, p: ProblemState, light: Light) => {
  if (p.light === light) return;
  p.light = light;
  run.refreshLight({ problemKey: p.key });
};

/** A problem's run: assigned, then handled and verified round after round until it is closed. */
async function runProblem(run: PushRun, p: ProblemState): Promise<void> {
  const { id, state } = run;
  const short = `问题${p.key.replace('p', '')}`;
  let days = 0;
  for (let attempt = 1; ; attempt++) {
    const assign = await officeTask(run, `problem-${p.key}-assign${attempt > 1 ? `-${attempt}` : ''}`, `交办: ${state.name} · ${short}`, 'keyProjectPushProblemAssign', ['assign']);
    const { departmentId, workingDays, comment } = assign.completion.payload as { departmentId: string; workingDays: number; comment?: string };
    try {
      await lookupDepartment({ processKind: PROCESS_KIND, departmentId });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      problemEvent(run, p, 'problem-assign-refused', { by: assign.completion.actorId, departmentId });
      continue;
    }
    p.departmentId = departmentId;
    p.workingDays = workingDays;
    days = workingDays;
    problemEvent(run, p, 'problem-assigned', { by: assign.completion.actorId, departmentId, workingDays }, { comment }, ['departmentHead']);
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
    const handling = run.stoppable({
      taskKey,
      processKind: PROCESS_KIND,
      processId: id,
      title: `${round > 1 ? '重新办理' : '办理'}: ${state.name} · ${short}`,
      departmentId: p.departmentId as string,
      form: 'keyProjectPushProblemHandling',
      outcomes: ['applyClose'],
      ladder: run.preset('problemHandling') ?? problemLadder(state.tier, days),
      clockStartsAt: now,
      notifyOnCreate: round > 1 ? ['departmentHead'] : [],
      ...run.supervising,
    });
    const answered = () => handling.result !== undefined;
    for (const [at, light] of (days > 1 ? [[soon.at, 'yellow'], [due.at, 'red']] : [[due.at, 'red']]) as [string, Light][]) {
      if (await run.until(at, answered)) break;
      setProblemLight(run, p, light);
    }
    await condition(answered);
    const applied = (handling.result as TaskRun).completion;
    p.status = 'applied';
    problemEvent(run, p, 'problem-applied', { by: applied.actorId, round, late: (p.light as Light) === 'red' }, { summary: applied.payload.summary });
    await run.outbox.drain();

    const verifyKey = `problem-${p.key}-verify-${round}`;
    p.taskId = `${id}/${verifyKey}`;
    const verify = await officeTask(run, verifyKey, `销号核验: ${state.name} · ${short}`, 'keyProjectPushProblemVerify', ['close', 'return']);
    const { outcome, payload, actorId, at } = verify.completion;
    if (outcome === 'close') {
      p.status = 'closed';
      p.closedAt = at;
      p.taskId = undefined;
      problemEvent(run, p, 'problem-closed', { by: actorId, round }, { comment: payload.comment });
      run.refreshLight({ problemKey: p.key });
      return;
    }
    problemEvent(run, p, 'problem-returned', { by: actorId, round }, { reason: payload.reason }, ['departmentHead']);
  }
}

/** Puts a problem on the list, tells it, and starts its run. */
export function raise(run: PushRun, detail: { category: ProblemCategory; description: string; blocksNodeKey?: string; blocks?: string; by: string }): ProblemState {
  const { state } = run;
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
  problemEvent(run, p, 'problem-raised', { by: detail.by, blocksNodeKey: detail.blocksNodeKey }, { description: detail.description, blocks: detail.blocks });
  run.spawn(() => runProblem(run, p));
  return p;
}

/** Registers the Updates that raise a problem and report an element. */
export function handleProblems(run: PushRun): void {
  const { state } = run;
  setHandler(raiseProblemUpdate, (req) => raise(run, { ...req, by: req.actor.personId }), {
    validator: (req) => {
      if (!req || typeof req !== 'object' || !req.actor) refuse('a problem is raised by a person');
      run.mayWorkOn(req.actor, state.nodes.map((n) => n.departmentId), []);
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
    run.happened('element-reported', { element: element.element, secured: req.secured, by: req.actor.personId }, { said: { note: req.note } });
    const open = element.problemKey && state.problems.find((p) => p.key === element.problemKey && p.status !== 'closed');
    if (!req.secured && !open) {
      element.problemKey = raise(run, { category: elementProblem[element.element], description: req.note ?? `要素保障不足: ${element.element}`, blocks: '施工进度', by: req.actor.personId }).key;
    }
    return element;
  }, {
    validator: (req) => {
      if (!req || typeof req !== 'object' || !req.actor) refuse('an element is reported by a person');
      const element = state.elements.find((e) => e.element === req.element);
      if (!element) refuse(`this project lists no element ${req.element}`, 'NotFound');
      run.mayWorkOn(req.actor, [element.departmentId], []);
      if (typeof req.secured !== 'boolean') refuse('secured: true or false');
    },
  });
}
