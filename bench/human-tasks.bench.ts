/**
 * Benchmark (not a test): 1,000 human tasks against the stack on real servers.
 * Reports tasks started per second and the delay from each task's escalation deadline to its
 * escalation event arriving on NATS (p50/p99).
 *
 *   npx tsx bench/human-tasks.bench.ts [count] [escalate-after-seconds]
 */
import type { CloudEvent } from '../contracts/events';
import { startStack } from '../test/harness/stack';
import { progress, summarize } from './stats';
import { escalationAfter, startTasks } from './tasks';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const escalateAfterS = Number(process.argv[3] ?? 30);
  process.stderr.write(`starting the stack (Temporal, NATS, worker, API)...\n`);
  const stack = await startStack();
  const created = new Map<string, number>();
  const delays: number[] = [];
  let escalated = 0;
  const allEscalated = new Promise<void>((resolve) => {
    const sub = stack.nats.subscribe('gl.evt.task.>');
    void (async () => {
      for await (const m of sub) {
        const arrived = Date.now();
        const event = m.json<CloudEvent>();
        if (event.type === 'greenlight.task.created') created.set(String(event.subject), arrived);
        if (event.type === 'greenlight.task.escalated') {
          delays.push(arrived - Date.parse(event.time));
          progress('escalations received', ++escalated, count);
          if (escalated === count) {
            sub.unsubscribe();
            resolve();
          }
        }
      }
    })();
  });

  const t0 = Date.now();
  let started = 0;
  await startTasks(stack, count, {
    prefix: `bench-${t0}`,
    ladder: escalationAfter(escalateAfterS, ['departmentHead', 'assignedLeader']),
    onStarted: () => progress('tasks started', ++started, count),
  });
  const startSeconds = (Date.now() - t0) / 1000;
  await allEscalated;
  const createdSpan = (Math.max(...created.values()) - t0) / 1000;
  const delay = summarize(delays);
  const result = {
    temporalStore: stack.temporalStore,
    tasks: count,
    startsAcceptedPerSecond: +(count / startSeconds).toFixed(1),
    tasksCreatedPerSecond: +(created.size / createdSpan).toFixed(1),
    escalationDelayMs: delay,
  };
  console.log(JSON.stringify(result, null, 2));
  await stack.stop();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
