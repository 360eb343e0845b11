/**
 * Human tasks for the benchmarks: `count` of them started on the stack's task queue, 64 at a
 * time, each a handling task of the tax department (`<prefix>-<i>/handling`, form
 * requestHandling) on the ladder given. `onStarted` runs after each start is answered.
 */
import type { RecipientRole } from '../contracts/ladder';
import type { HumanTaskInput } from '../contracts/task';
import type { TestStack } from '../test/harness/stack';
import { humanTask } from '../workflows/human-task';
import { inBatches } from './stats';

export interface BenchTasks {
  prefix: string;
  ladder: HumanTaskInput['ladder'];
  /** Added to every task's input: a title, the clock start, the assigned leader. */
  input?: (i: number) => Partial<HumanTaskInput>;
  /** The first task's number (a benchmark that opens tasks in steps). */
  from?: number;
  onStarted?: (i: number) => void;
}

/** The ladder of one rung: red and an escalation to `notify`, `seconds` after the clock starts, due then too. */
export function escalationAfter(seconds: number, notify: RecipientRole[], label?: string): HumanTaskInput['ladder'] {
  return {
    due: { duration: `PT${seconds}S` },
    steps: [{ at: { duration: `PT${seconds}S` }, kind: 'escalation', light: 'red', notify, ...(label ? { label } : {}) }],
  };
}

export async function startTasks(stack: TestStack, count: number, tasks: BenchTasks): Promise<void> {
  const from = tasks.from ?? 0;
  await inBatches(Array.from({ length: count }, (_, k) => from + k), 64, async (i) => {
    await stack.client.workflow.start(humanTask, {
      taskQueue: stack.taskQueue,
      workflowId: `${tasks.prefix}-${i}/handling`,
      args: [{
        taskKey: 'handling', processKind: 'bench', processId: `${tasks.prefix}-${i}`, title: `bench task ${i}`, departmentId: 'tax',
        form: 'requestHandling', outcomes: ['resolved'], ladder: tasks.ladder, ...tasks.input?.(i),
      }],
    });
    tasks.onStarted?.(i);
  });
}
