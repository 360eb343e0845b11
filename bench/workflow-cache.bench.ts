/**
 * Benchmark (not a test): what the worker's workflow cache costs in memory. Opens human tasks in
 * steps (each sleeping on a deadline an hour ahead), and after each step, once their first
 * workflow tasks have run and a GC has passed (with --expose-gc), reads the stack process's RSS
 * and main-thread heap. Up to the cache's size (GREENLIGHT_MAX_CACHED_WORKFLOWS, 250 unless
 * set) every task stays cached, and the RSS per task is what one cached workflow costs; beyond
 * it the worker evicts, and what the evicted leave is garbage, which the worker's heap limit
 * (runtime/project-processes.ts workerOldSpaceMb; pass it to node to see it) has collected.
 *
 *   node --expose-gc --import tsx bench/workflow-cache.bench.ts [steps=250,250,500]
 *
 * The workflow thread's heap is not the main thread's: it shows in the RSS only.
 */
import { readFileSync } from 'node:fs';
import { maxCachedWorkflows } from '../contracts/config';
import { startStack } from '../test/harness/stack';
import { escalationAfter, startTasks } from './tasks';

const mb = (n: number) => Math.round(n / 2 ** 20);

async function main(): Promise<void> {
  const steps = (process.argv[2] ?? '250,250,500').split(',').map(Number);
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').trim();
  const stack = await startStack();
  const read = (open: number) => {
    global.gc?.();
    const m = process.memoryUsage();
    return { open, rssMb: mb(m.rss), mainHeapMb: mb(m.heapUsed) };
  };
  await new Promise((r) => setTimeout(r, 3000));
  const readings = [read(0)];
  let open = 0;
  for (const step of steps) {
    await startTasks(stack, step, { prefix: 'cache', from: open, ladder: escalationAfter(3600, ['assignedLeader']), input: () => ({ assignedLeaderId: 'leader-sun' }) });
    open += step;
    process.stderr.write(`  ${open} tasks open\n`);
    await new Promise((r) => setTimeout(r, 8000));
    readings.push(read(open));
  }
  const cacheSize = maxCachedWorkflows(process.env);
  const withinCache = readings.filter((r) => r.open <= cacheSize);
  const last = withinCache[withinCache.length - 1];
  console.log(JSON.stringify({
    benchmark: 'workflow cache memory',
    loadAtStart,
    temporalStore: stack.temporalStore,
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
