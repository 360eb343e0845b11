/**
 * Reading where a process's latency went from the histories it leaves: each event's time is the
 * Temporal server's clock, and the benchmarks run on the same machine, so their own timestamps
 * (a command published, an API answered, an event arrived on NATS, a task listed in an inbox)
 * line up with it. Shared by the request and project benchmarks (`stagesMs`).
 */
import { temporal } from '@temporalio/proto';
import type { TestStack } from '../test/harness/stack';
import { inBatches, summarize } from './stats';

export const EventType = temporal.api.enums.v1.EventType;
export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export function timeOf(e: HistoryEvent | undefined): number {
  if (!e?.eventTime) throw new Error('a history event without its time');
  return Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6);
}

/** The first event of a type at or after a time (ms), optionally matching `where`. */
export function firstEvent(events: HistoryEvent[], type: number, after = 0, where: (e: HistoryEvent) => boolean = () => true): HistoryEvent | undefined {
  return events.find((e) => e.eventType === type && timeOf(e) >= after && where(e));
}

export async function historyOf(stack: TestStack, workflowId: string): Promise<HistoryEvent[]> {
  return (await stack.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
}

/** When a parent initiated the start of the child with this workflow id. */
export function childStartInitiatedAt(parent: HistoryEvent[], childId: string): number {
  return timeOf(firstEvent(parent, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, 0,
    (e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === childId));
}

/** When the parent's next workflow task started after it heard that this child completed. */
export function parentTaskAfterChildClosed(parent: HistoryEvent[], childId: string): number {
  const heard = timeOf(firstEvent(parent, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, 0,
    (e) => e.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId === childId));
  return timeOf(firstEvent(parent, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, heard));
}

/**
 * A human task's opening, from its parent's initiating its start to its `task.created` arriving
 * on NATS: the server starting the child, its first workflow task waiting for the worker, and that
 * task running to the event (deadlines, search attributes, the publish).
 */
export function taskOpening(task: HistoryEvent[], initiatedAt: number, createdArrivedAt: number, prefix: string): Record<string, number> {
  const started = timeOf(task[0]);
  const firstTask = timeOf(firstEvent(task, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));
  return {
    [`${prefix}ChildStart`]: started - initiatedAt,
    [`${prefix}FirstWorkflowTaskQueued`]: firstTask - started,
    [`${prefix}FirstWorkflowTaskToCreatedEvent`]: createdArrivedAt - firstTask,
  };
}

/** Each stage's p50/p99 over up to `n` samples spread over a run. */
export async function stageBreakdown<T>(samples: T[], stagesOf: (s: T) => Promise<Record<string, number>>, n = 40) {
  const step = Math.max(1, Math.floor(samples.length / n));
  const picked = samples.filter((_, i) => i % step === 0).slice(0, n);
  const each: Record<string, number>[] = [];
  await inBatches(picked, 4, async (s) => void each.push(await stagesOf(s)));
  const stages: Record<string, ReturnType<typeof summarize>> = {};
  for (const key of Object.keys(each[0] ?? {})) stages[key] = summarize(each.map((e) => e[key]));
  return { sampled: each.length, stages };
}
