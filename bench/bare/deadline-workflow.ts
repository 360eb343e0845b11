/**
 * The comparison point of bench/deadlines.bench.ts: bare Temporal doing the same shape of work as
 * an escalation — a durable timer to an absolute instant, then one local activity that publishes
 * an event to JetStream — with no ladder, calendar, search attributes or notifier.
 */
import { proxyLocalActivities, sleep, workflowInfo } from '@temporalio/workflow';

const { publishEscalation } = proxyLocalActivities<{ publishEscalation(workflowId: string): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function bareDeadline(dueAt: string): Promise<void> {
  await sleep(Math.max(0, Date.parse(dueAt) - Date.now()));
  await publishEscalation(workflowInfo().workflowId);
}
