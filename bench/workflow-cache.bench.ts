/**
 * Benchmark (not a test): what the worker's workflow cache costs in memory. Opens human tasks in
 * steps (each sleeping on a deadline an hour ahead), and after each step, once their first
 * workflow tasks have run and a GC has passed (with --expose-gc), reads the stack process's RSS
 * and main-thread heap. Up to the cache's size (GREENLIGHT_MAX_CACHED_WORKFLOWS, 250 unless
 * set) every task stays cached, and the RSS per task is what one cached workflow costs; beyond
 * it the worker evicts, and the RSS should flatten.
 *
 *   node --expose-gc --import tsx bench/workflow-cache.bench.ts [steps=250,250,500]
 *
 * The workflow thread's heap is not the main thread's: it shows in the RSS only.
 */
import { readFileSync } from 'node:fs';
import type { HumanTaskInput } from '../contracts/task';
import { humanTask } from '../workflows/human-task';
import { startStack } from '../test/harness/stack';
import { inBatches } from './stats';

const mb = (n: number) => Math.round(n / 2 ** 20);

async function main(): Promise<void> {
  const steps = (process.argv[2] ?? '250,250,500').split(',').map(Number);
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').trim();
  const stack = await startStack();
  const ladder: HumanTaskInput['ladder'] = {
    due: { duration: 'PT1H' },
    steps: [{ at: { duration: 'PT1H' }, kind: 'escalation', light: 'red', notify: ['assignedLeader'] }],
  };
  const read = (open: number) => {
    global.gc?.();
    const m = process.memoryUsage();
    return { open, rssMb: mb(m.rss), mainHeapMb: mb(m.heapUsed) };
  };
  await new Promise((r) => setTimeout(r, 3000));
  const readings = [read(0)];
  let open = 0;
  for (const step of steps) {
    await inBatches(Array.from({ length: step }, (_, i) => open + i), 32, async (i) => {
      await stack.client.workflow.start(humanTask, {
        taskQueue: stack.taskQueue,
        workflowId: `cache-${i}/handling`,
        args: [{
          taskKey: 'handling', processKind: 'bench', processId: `cache-${i}`, title: `task ${i}`, departmentId: 'tax',
          assignedLeaderId: 'leader-sun', form: 'requestHandling', outcomes: ['resolved'], ladder,
        }],
      });
    });
    open += step;
    process.stderr.write(`  ${open} tasks open\n`);
    await new Promise((r) => setTimeout(r, 8000));
    readings.push(read(open));
  }
  const cacheSize = Number(process.env.GREENLIGHT_MAX_CACHED_WORKFLOWS ?? 250);
  const withinCache = readings.filter((r) => r.open <= cacheSize);
  const last = withinCache[withinCache.length - 1];
  console.log(JSON.stringify({
    benchmark: 'workflow cache memory',
    loadAtStart,
    node: process.version,
    maxCachedWorkflows: cacheSize,
    gcBeforeEachReading: global.gc !== undefined,
    readings,
    rssMbPerCachedWorkflow: last.open > 0 ? +((last.rssMb - readings[0].rssMb) / last.open).toFixed(2) : null,
  }, null, 2));
  await stack.stop();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
