/**
 * Benchmark (not a test): 300 projects of 40 approval items in 10 dependency layers, submitted
 * on NATS and open at once, every item approved through the staff inboxes and the API, layer
 * by layer, on real servers. Reports p50/p99 from a dependency's approval (the last one an
 * item waits for) to the dependant's task visible in its department's inbox, the project
 * workflow's history length, and the memory of the process that runs the worker (with the API
 * and the intake) while every project is open. `stagesMs` splits the unblocking of up to 40
 * dependants into its stages, from the histories (bench/histories.ts).
 *
 *   npx tsx processes/project-approval/projects.bench.ts [projects] [layers] [itemsPerLayer] [layersToApprove] [approvalsPerSecond]
 *
 * With `layersToApprove` below `layers` the run stops after approving that many layers: on a
 * small machine the full 300 × 40 takes long, and the unblocking latency and the memory with
 * every project open are measured in the first layers already. With `approvalsPerSecond`, layer 0
 * is approved as fast as it goes (32 at a time: it brings every project to the state under test)
 * and every later layer at that steady rate, open loop; the unblocking latency is measured on
 * those layers' dependants.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { jetstream } from '@nats-io/jetstream';
import { maxCachedWorkflows } from '../../contracts/config';
import type { CloudEvent } from '../../contracts/events';
import type { ApprovalItemInput, SubmitProjectInput } from './contract';
import { startStack } from '../../test/harness/stack';
import { inBatches, progress, summarize } from '../../bench/stats';
import { inboxReading, Inboxes } from '../../bench/inboxes';
import { childStartInitiatedAt, historyOf, parentTaskAfterChildClosed, stageBreakdown, taskOpening, timeOf } from '../../bench/histories';

/** One member of staff per department the items rotate through. */
const staff = [
  { departmentId: 'drc', personId: 'drc-chen' },
  { departmentId: 'resources', personId: 'resources-he' },
  { departmentId: 'permits', personId: 'permits-feng' },
  { departmentId: 'ecology', personId: 'ecology-lu' },
  { departmentId: 'fire', personId: 'fire-shi' },
  { departmentId: 'housing', personId: 'housing-wu' },
  { departmentId: 'traffic', personId: 'traffic-zheng' },
  { departmentId: 'commerce', personId: 'commerce-tang' },
] as const;

interface PlannedItem {
  key: string;
  layer: number;
  dependsOn: string[];
  staff: (typeof staff)[number];
}

/** Layer l's item j depends on items j and j+1 of layer l-1: every layer waits for the one before. */
function layeredPlan(layers: number, perLayer: number): PlannedItem[] {
  const key = (l: number, j: number) => `l${l}-i${j}`;
  return Array.from({ length: layers * perLayer }, (_, n) => {
    const layer = Math.floor(n / perLayer);
    const j = n % perLayer;
    return {
      key: key(layer, j),
      layer,
      dependsOn: layer === 0 ? [] : [...new Set([key(layer - 1, j), key(layer - 1, (j + 1) % perLayer)])],
      staff: staff[n % staff.length],
    };
  });
}

function projectCommand(id: string, items: PlannedItem[]): SubmitProjectInput {
  const planItems: ApprovalItemInput[] = items.map((i) => ({
    key: i.key, name: `审批事项 ${i.key}`, departmentId: i.staff.departmentId, slaWorkingDays: 10, dependsOn: i.dependsOn,
  }));
  return {
    id, name: `benchmark project ${id}`, category: 'starting', demonstration: false, assignedLeaderId: 'leader-qian',
    responsibleDepartmentId: 'housing', taskForce: 'bench', applicant: { name: 'bench' }, plan: { items: planItems, targetWorkingDays: 200 },
  };
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Waits until every task is seen, printing the count as it grows by a tenth. */
async function untilVisible(taskIds: string[], seenAt: Map<string, number>, label: string): Promise<void> {
  let reported = -1;
  for (;;) {
    const seen = taskIds.filter((t) => seenAt.has(t)).length;
    if (seen === taskIds.length) return;
    const tenth = Math.floor((seen * 10) / taskIds.length);
    if (tenth !== reported) process.stderr.write(`  ${label}: ${seen}/${taskIds.length}\n`);
    reported = tenth;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  const layers = Number(process.argv[3] ?? 10);
  const perLayer = Number(process.argv[4] ?? 4);
  const layersToApprove = Number(process.argv[5] ?? layers);
  const rate = process.argv[6] === undefined ? undefined : Number(process.argv[6]);
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').trim();
  process.stderr.write(`load ${loadAtStart}; starting the stack (Temporal, NATS, worker, API, intake, notifier)...\n`);
  const stack = await startStack();
  const run = Date.now().toString(36);
  const ids = Array.from({ length: count }, (_, i) => `prj-bench-${run}-${i}`);
  const plan = layeredPlan(layers, perLayer);
  const taskId = (projectId: string, key: string) => `${projectId}/${key}.review-1`;

  const approvedEvents = new Set<string>();
  const sub = stack.nats.subscribe('gl.evt.project.approved');
  void (async () => {
    for await (const m of sub) approvedEvents.add(String(m.json<CloudEvent>().subject));
  })();

  // Each staff member's inbox is read as the workbench reads it: when an awaited task's
  // `task.created` arrives, then every 50 ms until it shows (bench/inboxes.ts). Every task of the
  // layers the run reaches is awaited from the start.
  const seenAt = new Map<string, number>();
  const inboxes = new Inboxes(stack, staff.map((s) => s.personId), 'events');
  for (const id of ids) {
    for (const i of plan.filter((p) => p.layer <= layersToApprove)) {
      const task = taskId(id, i.key);
      void inboxes.waitFor(i.staff.personId, task).then((at) => seenAt.set(task, at));
    }
  }
  const js = jetstream(stack.nats);
  const t0 = Date.now();
  await inBatches(ids, 64, async (id) => {
    await js.publish('gl.cmd.project.submit', JSON.stringify(projectCommand(id, plan)));
  });

  const approvedAt = new Map<string, number>();
  /** Completions the API answered 202 (not confirmed in time), each sent again. */
  let pendingAnswers = 0;
  let memoryWithAllOpen: NodeJS.MemoryUsage | undefined;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let loopMeasured = false;
  for (let layer = 0; layer < layersToApprove; layer++) {
    const items = plan.filter((i) => i.layer === layer);
    const wanted = ids.flatMap((id) => items.map((i) => ({ id, item: i, taskId: taskId(id, i.key) })));
    await untilVisible(wanted.map((w) => w.taskId), seenAt, `layer ${layer} tasks visible`);
    if (layer === 0) {
      global.gc?.();
      memoryWithAllOpen = process.memoryUsage();
    }
    let done = 0;
    const approve = async (w: (typeof wanted)[number]) => {
      // A completion the API could not confirm in time answers 202 with its Idempotency-Key: it is
      // sent again with that key after the time the answer gives, as the API asks.
      const path = `/api/tasks/${encodeURIComponent(w.taskId)}/complete`;
      let res = await stack.call(w.item.staff.personId, 'POST', path, { outcome: 'approve', payload: {} });
      while (res.status === 202) {
        pendingAnswers++;
        await new Promise((r) => setTimeout(r, res.body.retryAfterSeconds * 1000));
        res = await stack.call(w.item.staff.personId, 'POST', path, { outcome: 'approve', payload: {} }, { 'idempotency-key': res.body.idempotencyKey });
      }
      if (res.status !== 200) throw new Error(`approving ${w.taskId}: ${res.status} ${JSON.stringify(res.body)}`);
      approvedAt.set(w.taskId, Date.now());
      progress(`layer ${layer} approved`, ++done, wanted.length);
    };
    if (rate === undefined || layer === 0) {
      await inBatches(wanted, 32, approve);
    } else {
      // The process's main thread runs the API, the worker's activities and the intake here: how
      // late its event loop runs says how much of an inbox read's time is queueing in this process.
      if (!loopMeasured) {
        loopDelay.enable();
        loopMeasured = true;
      }
      const l0 = Date.now();
      await Promise.all(wanted.map(async (w, i) => {
        await new Promise((r) => setTimeout(r, l0 + (i * 1000) / rate - Date.now()));
        await approve(w);
      }));
    }
  }
  loopDelay.disable();
  const complete = layersToApprove >= layers;
  if (complete) while (ids.some((id) => !approvedEvents.has(id))) await new Promise((r) => setTimeout(r, 100));
  else await untilVisible(ids.flatMap((id) => plan.filter((i) => i.layer === layersToApprove).map((i) => taskId(id, i.key))), seenAt, 'next layer visible');
  const seconds = (Date.now() - t0) / 1000;
  await inboxes.stop();
  sub.unsubscribe();

  // With a steady rate, only the dependants of approvals made at that rate: layer 1's were unblocked by layer 0's burst.
  const firstMeasured = rate === undefined ? 1 : 2;
  const unblocked = ids.flatMap((id) => plan.filter((i) => i.layer >= firstMeasured && i.layer <= layersToApprove).map((i) => {
    const last = i.dependsOn.map((d) => taskId(id, d)).reduce((a, b) => (approvedAt.get(a)! >= approvedAt.get(b)! ? a : b));
    return { projectId: id, dependant: taskId(id, i.key), lastDependency: last };
  }));
  const unblockMs = unblocked.map((u) => seenAt.get(u.dependant)! - approvedAt.get(u.lastDependency)!);
  // Where an unblocking's time goes, from the histories (bench/histories.ts): the approved task
  // closing after its Update answered, the project's workflow task, its starting the dependant,
  // the dependant's opening, and its `task.created` to the inbox's next read.
  const stagesMs = await stageBreakdown(unblocked, async (u) => {
    const [project, approved, dependant] = await Promise.all([historyOf(stack, u.projectId), historyOf(stack, u.lastDependency), historyOf(stack, u.dependant)]);
    const approvedClosed = timeOf(approved[approved.length - 1]);
    const projectTask = parentTaskAfterChildClosed(project, u.lastDependency);
    const initiated = childStartInitiatedAt(project, u.dependant);
    const arrived = inboxes.createdAt(u.dependant);
    return {
      approvalAnsweredToTaskClosed: approvedClosed - approvedAt.get(u.lastDependency)!,
      taskClosedToProjectWorkflowTask: projectTask - approvedClosed,
      projectWorkflowTaskToChildStart: initiated - projectTask,
      ...taskOpening(dependant, initiated, arrived, 'dependant'),
      createdEventToInbox: seenAt.get(u.dependant)! - arrived,
    };
  });
  const histories = await Promise.all(ids.slice(0, 10).map(async (id) => (await historyOf(stack, id)).length));

  console.log(JSON.stringify({
    loadAtStart,
    temporalStore: stack.temporalStore,
    node: process.version,
    projects: count,
    itemsPerProject: plan.length,
    layers,
    layersApproved: layersToApprove,
    projectsClosed: approvedEvents.size,
    tasksApproved: approvedAt.size,
    completionsAnsweredPendingAndSentAgain: pendingAnswers,
    seconds: +seconds.toFixed(1),
    approvalsPerSecond: +(approvedAt.size / seconds).toFixed(1),
    offeredApprovalsPerSecondAfterLayer0: rate ?? 'as fast as it goes, 32 at a time',
    maxCachedWorkflows: maxCachedWorkflows(process.env),
    dependencyApprovedToDependantInInboxMs: summarize(unblockMs),
    stagesMs,
    dependantsMeasured: `layers ${firstMeasured} to ${layersToApprove}`,
    inbox: inboxReading('events'),
    inboxReads: { count: inboxes.queries, ms: summarize(inboxes.readMs) },
    ...(loopMeasured && {
      mainThreadEventLoopDelayMsAtTheSteadyRate: {
        p50: Math.round(loopDelay.percentile(50) / 1e6), p99: Math.round(loopDelay.percentile(99) / 1e6), max: Math.round(loopDelay.max / 1e6),
      },
    }),
    projectHistoryEvents: { max: Math.max(...histories), sampled: histories.length, projectsClosed: complete },
    workerProcessMemoryMbWithAllProjectsOpen: memoryWithAllOpen && {
      rss: megabytes(memoryWithAllOpen.rss), heapUsed: megabytes(memoryWithAllOpen.heapUsed), gcBeforeMeasure: global.gc !== undefined,
    },
  }, null, 2));
  await stack.stop();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
