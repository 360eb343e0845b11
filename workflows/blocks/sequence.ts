/**
 * Tasks one after another (串联审批): each step's task is built from the previous step's
 * completion (an assignee chosen by the first reviewer, a comment carried forward), and an
 * outcome listed in the step's `stopOn` ends the sequence there (a rejection needs no further
 * signature).
 *
 * ```ts
 * const signed = await runSequence([
 *   { task: () => review('section-chief'), stopOn: ['reject'] },
 *   { task: (previous) => review('director', previous?.completion.payload.comment), stopOn: ['reject'] },
 * ]);
 * const approved = signed.stoppedAt === undefined;
 * const last = signed.runs[signed.runs.length - 1];
 * ```
 */
import type { HumanTaskInput } from '../../contracts/task';
import { runTask, type TaskHooks, type TaskRun } from './task';

export interface SequenceStep {
  /** The step's task, given the previous step's run (undefined for the first step). */
  task: (previous: TaskRun | undefined) => HumanTaskInput;
  /** Outcomes that end the sequence at this step. */
  stopOn?: string[];
}

export interface SequenceResult {
  /** The completed steps, in order; the last one decided when the sequence stopped early. */
  runs: TaskRun[];
  /** The index of the step whose outcome stopped the sequence, when one did. */
  stoppedAt?: number;
}

/** Runs the steps in order, each task opened when the one before it completed. */
export async function runSequence(steps: SequenceStep[], hooks: TaskHooks = {}): Promise<SequenceResult> {
  if (steps.length === 0) throw new Error('a sequence needs at least one step');
  const runs: TaskRun[] = [];
  for (const [index, step] of steps.entries()) {
    const run = await runTask(step.task(runs[runs.length - 1]), hooks);
    runs.push(run);
    if (step.stopOn?.includes(run.completion.outcome)) return { runs, stoppedAt: index };
  }
  return { runs };
}
