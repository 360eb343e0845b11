import { readdirSync, readFileSync } from 'node:fs';

/** Percentiles and a one-line summary for benchmark samples (milliseconds). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(samples: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function inBatches<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

export function progress(label: string, done: number, total: number): void {
  if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) process.stderr.write(`  ${label}: ${done}/${total}\n`);
}

/**
 * From a /proc `stat` file (times in USER_HZ = 100 ticks): the user + system CPU seconds of the
 * process (or thread), those of its children that have ended and been waited for, its parent
 * and its process group.
 */
function statCpu(file: string): { seconds: number; endedChildrenSeconds: number; ppid: number; pgrp: number } {
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return {
    seconds: (Number(fields[11]) + Number(fields[12])) / 100,
    endedChildrenSeconds: (Number(fields[13]) + Number(fields[14])) / 100,
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
  };
}

/**
 * CPU seconds a server has spent, from /proc: every process in the group its shell guard leads,
 * and their descendants that left the group (PostgreSQL's backends each start a session of
 * their own), with the children of those that have ended. Undefined when it cannot be read.
 */
function groupCpuSeconds(pgid: number): number | undefined {
  const all: Array<ReturnType<typeof statCpu> & { pid: number }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      all.push({ pid: Number(entry), ...statCpu(`/proc/${entry}/stat`) });
    } catch {
      // the process ended between the listing and the read
    }
  }
  const members = new Set(all.filter((p) => p.pgrp === pgid).map((p) => p.pid));
  if (members.size === 0) return undefined;
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!members.has(p.pid) && members.has(p.ppid)) {
        members.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => members.has(p.pid)).reduce((sum, p) => sum + p.seconds + p.endedChildrenSeconds, 0);
}

/** This process's CPU seconds by thread name (main, the SDK's Rust runtime, workflow threads, libuv's pool, V8's GC). */
function threadCpuSeconds(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim().replace(/[-:]?\d+$/, '');
        out[name] = (out[name] ?? 0) + statCpu(`/proc/self/task/${tid}/stat`).seconds;
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    // no /proc here
  }
  return out;
}

/**
 * Counts the CPU seconds this process and the named servers spend between the call and `stop`:
 * on a 2-core machine, where the servers and the stack share the cores, the CPU a unit of work
 * costs says more than its latency.
 */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const threadsBefore = threadCpuSeconds();
  const read = (): Record<string, number | undefined> => {
    const own = process.cpuUsage();
    return {
      benchProcess: (own.user + own.system) / 1e6,
      ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? undefined : groupCpuSeconds(pid)])),
    };
  };
  const before = read();
  return {
    /** CPU seconds spent since the meter started, per process, and per unit when `units` is given. */
    stop(units?: number) {
      const after = read();
      const spent: Record<string, number> = {};
      for (const [name, v] of Object.entries(after)) {
        const b = before[name];
        if (v !== undefined && b !== undefined) spent[name] = +(v - b).toFixed(2);
      }
      const total = Object.values(spent).reduce((x, y) => x + y, 0);
      const threads = Object.fromEntries(Object.entries(threadCpuSeconds())
        .map(([name, v]) => [name, +(v - (threadsBefore[name] ?? 0)).toFixed(2)] as const)
        .filter(([, v]) => v >= 0.05)
        .sort((x, y) => y[1] - x[1]));
      return {
        cpuSeconds: { ...spent, total: +total.toFixed(2) },
        benchProcessThreads: threads,
        ...(units ? { cpuMsPerUnit: Object.fromEntries(Object.entries({ ...spent, total }).map(([k, v]) => [k, Math.round((v * 1000) / units)])) } : {}),
      };
    },
  };
}

/** Counter totals from a Prometheus text endpoint, per metric name and `operation` label (summed over the other labels). */
export async function scrapeCounters(url: string, names: string[]): Promise<Record<string, Record<string, number>>> {
  const text = await (await fetch(url)).text();
  const out: Record<string, Record<string, number>> = Object.fromEntries(names.map((n) => [n, {}]));
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{([^}]*)\} ([0-9.e+-]+)$/.exec(line);
    if (!m || !names.includes(m[1])) continue;
    const operation = /operation="([^"]*)"/.exec(m[2])?.[1] ?? '';
    out[m[1]][operation] = (out[m[1]][operation] ?? 0) + Number(m[3]);
  }
  return out;
}

/** What the Temporal server did between `start` and `stop`: persistence requests (and their latency) and RPCs, by operation. */
export async function serverWork(url: string | undefined) {
  const names = ['persistence_requests', 'persistence_latency_sum', 'service_requests'];
  if (!url) return { stop: async (_units?: number) => undefined };
  const before = await scrapeCounters(url, names);
  return {
    async stop(units = 1) {
      const after = await scrapeCounters(url, names);
      const diff = (name: string, scale = 1) => {
        const d: Record<string, number> = {};
        for (const [op, v] of Object.entries(after[name])) {
          const x = (v - (before[name][op] ?? 0)) * scale / units;
          if (x > 0.005) d[op] = +x.toFixed(2);
        }
        return Object.fromEntries(Object.entries(d).sort((a, b) => b[1] - a[1]));
      };
      const persistence = diff('persistence_requests');
      const latencyMs = diff('persistence_latency_sum', 1000);
      return {
        perUnit: units,
        persistenceRequests: { total: +Object.values(persistence).reduce((a, b) => a + b, 0).toFixed(1), byOperation: persistence },
        persistenceLatencyMs: { total: +Object.values(latencyMs).reduce((a, b) => a + b, 0).toFixed(1), byOperation: latencyMs },
        frontendRequests: diff('service_requests'),
      };
    },
  };
}

/**
 * What a unit of work costs, from now to `stop(units)`: the CPU of the stack's process (by
 * thread) and of its servers (cpuMeter), and the Temporal server's persistence requests and
 * RPCs (serverWork; with a stack started with `temporalMetrics`).
 */
export async function workMeter(stack: { serverPids: Record<string, number | undefined>; temporalMetricsUrl?: string }) {
  const cpu = cpuMeter(stack.serverPids);
  const server = await serverWork(stack.temporalMetricsUrl);
  return {
    async stop(units: number) {
      const spent = cpu.stop(units);
      return { ...spent, temporalServerPerUnit: await server.stop(units) };
    },
  };
}
