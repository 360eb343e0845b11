/**
 * Runs the benchmarks one after another, each in its own process on its own fresh stack, and
 * prints one Markdown table (figure, Greenlight, bare Temporal, ratio) with the load average at
 * the start of each; the JSON of every run goes to `bench/results/<time>.json`.
 *
 *   npx tsx bench/compare.ts [steadyRates=2,5,10] [steadySeconds=60] [burst=300] [deadlines=1000] [projects=300,10,4,2,5]
 *
 * `projects` is the project bench's arguments (projects, layers, items per layer, layers approved,
 * approvals per second after the first layer), or `none` to leave it out; the stack's idle
 * footprint (tsx and compiled, two rounds) closes the run. About 30 minutes with the defaults.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerNodeOptions } from '../runtime/project-processes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each benchmark's own JSON

const [rates = '2,5,10', seconds = '60', burst = '300', deadlines = '1000', projects = '300,10,4,2,5'] = process.argv.slice(2);
const run = (file: string, ...args: string[]): Json => {
  process.stderr.write(`bench: ${file} ${args.join(' ')}\n`);
  // With the V8 options the stack gives its worker: the benchmark's process stands in for it.
  const out = execFileSync(process.execPath, [...workerNodeOptions(process.env), '--expose-gc', '--import', 'tsx', join(__dirname, '..', file), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  return JSON.parse(out.slice(out.indexOf('{')));
};

const results = {
  breakdown: run('bench/request-breakdown.ts'),
  steady: run('processes/enterprise-request/requests.bench.ts', 'steady', rates, seconds),
  burst: run('processes/enterprise-request/requests.bench.ts', 'burst', burst),
  deadlines: run('bench/deadlines.bench.ts', deadlines),
  projects: projects === 'none' ? undefined : run('processes/project-approval/projects.bench.ts', ...projects.split(',')),
  footprint: run('bench/stack-footprint.ts', '2', '30'),
};
const dir = join(__dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));

const ms = (s: Json) => `${s.p50} / ${s.p99} ms`;
/** The three largest stages at p50 (`stagesMs` of a request or project run), e.g. `routing 131, … (p50 ms)`. */
const largestStages = (s: Json | undefined) => s === undefined ? '—' : `${Object.entries(s.stages as Record<string, Json>)
  .sort(([, a], [, b]) => b.p50 - a.p50).slice(0, 3).map(([k, v]) => `${k} ${v.p50}`).join(', ')} (p50 ms, ${s.sampled} sampled)`;
const rows: string[][] = [];
const b = results.breakdown.total;
rows.push(['one request: workflow tasks / activities + local / upserts / history events', `${b.workflowTasks} / ${b.activities} + ${b.localActivities} / ${b.searchAttributeUpserts} / ${b.historyEvents}`, '—', '—', results.breakdown.loadAtStart]);
for (const r of [...results.steady.runs, ...results.burst.runs]) {
  const label = r.offeredPerSecond === 'burst' ? `burst of ${r.greenlight.requests}` : `steady ${r.offeredPerSecond}/s`;
  const load = r.offeredPerSecond === 'burst' ? results.burst.loadAtStart : results.steady.loadAtStart;
  rows.push([`${label}: closed per second`, `${r.greenlight.closedPerSecond}`, `${r.bare.closedPerSecond}`, `${r.ratioGreenlightToBare.closedPerSecond}`, load]);
  rows.push([`${label}: submit → inbox (bare: start) p50/p99`, ms(r.greenlight.submitToInboxMs), ms(r.bare.startToStartedMs), `${r.ratioGreenlightToBare.submitToInboxVsStart.p50} / ${r.ratioGreenlightToBare.submitToInboxVsStart.p99}`, load]);
  rows.push([`${label}: completion → next task (bare: next Update)`, ms(r.greenlight.completionToNextTaskMs), ms(r.bare.updateToNextUpdateMs), `${r.ratioGreenlightToBare.completionToNextTaskVsUpdate.p50} / ${r.ratioGreenlightToBare.completionToNextTaskVsUpdate.p99}`, load]);
  rows.push([`${label}: end to end`, ms(r.greenlight.endToEndMs), ms(r.bare.endToEndMs), `${r.ratioGreenlightToBare.endToEnd.p50} / ${r.ratioGreenlightToBare.endToEnd.p99}`, load]);
  rows.push([`${label}: the largest stages`, largestStages(r.greenlight.stagesMs), '—', '—', load]);
  rows.push([`${label}: CPU per request, all processes (Temporal's)`, `${r.greenlight.cpuMsPerUnit.total} ms (${r.greenlight.cpuMsPerUnit.temporal})`, `${r.bare.cpuMsPerUnit.total} ms (${r.bare.cpuMsPerUnit.temporal})`, `${r.ratioGreenlightToBare.cpuPerUnit}`, load]);
}
const d = results.deadlines;
rows.push([`${d.tasks} deadlines at one instant → escalation event`, ms(d.deadlineToEscalationEventMs), ms(d.bareTimerToPublishedEventMs), `${d.ratioToBare.escalationEvent.p50} / ${d.ratioToBare.escalationEvent.p99}`, d.loadAtStart]);
rows.push([`${d.tasks} deadlines → the leader's notification`, ms(d.deadlineToLeaderNotificationMs), ms(d.bareTimerToPublishedEventMs), `${d.ratioToBare.leaderNotification.p50} / ${d.ratioToBare.leaderNotification.p99}`, d.loadAtStart]);
const p = results.projects;
if (p) {
  rows.push([`${p.projects} projects × ${p.itemsPerProject} items: the stack's process RSS with all open (cache ${p.maxCachedWorkflows})`, `${p.workerProcessMemoryMbWithAllProjectsOpen?.rss} MB`, '—', '—', p.loadAtStart ?? '']);
  rows.push([`approval → dependant in the inbox at ${p.offeredApprovalsPerSecondAfterLayer0}/s`, ms(p.dependencyApprovedToDependantInInboxMs), '—', '—', p.loadAtStart ?? '']);
  rows.push(['approval → dependant: the largest stages', largestStages(p.stagesMs), '—', '—', p.loadAtStart ?? '']);
}
const f = results.footprint;
rows.push(['idle demo stack, all six processes: RSS tsx → compiled', `${f.means.tsx.totalRssMB} → ${f.means.compiled.totalRssMB} MB`, '—', `${f.ratio.totalRssMB}`, f.loadAtStart]);
rows.push(['the worker: start → polling, tsx → compiled', `${f.means.tsx.processes.worker.readyMs} → ${f.means.compiled.processes.worker.readyMs} ms`, '—', `${f.ratio.processes.worker.readyMs}`, f.loadAtStart]);
console.log(`Node ${process.version}; highest sustained steady rate: ${results.steady.highestSustainedOfferedPerSecond ?? 'none of those offered'}/s\n`);
console.log('| figure | Greenlight | bare Temporal | ratio | load at start |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
