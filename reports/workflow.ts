/**
 * A scheduled report (挂责问效): issued — counted from the record, kept as the page, the workbook
 * and the PDF — then sent to every leader and department head, theirs in words with the link.
 * Started by the schedules (reports/schedules.ts) with the kind only, it reports the period
 * before the one it fired in, on the day reports/scheduled.ts says (the month's first working
 * day), waiting on a durable timer; started by hand with a period (`key`), it issues that one now.
 */
import { defineQuery, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { workflowNowIso, workflowNowMs } from '../workflows/clock';
import type { ReportActivities } from './activities';
import type { DispatchTime, ReportPlan, ScheduledKind } from './scheduled';

export interface ScheduledReportInput {
  kind: ScheduledKind;
  /** The period to issue now (2026-W45, 2026-11); the period before the current one, on its day, when absent. */
  key?: string;
  /** When a monthly report is sent on its day (Asia/Shanghai); 08:30 when absent. */
  dispatchAt?: DispatchTime;
}

export interface ScheduledReportResult extends ReportPlan {
  sentTo: string[];
}

/** What the run is waiting for: the period and when it will be issued. */
export const reportPlanQuery = defineQuery<ReportPlan | undefined>('plan');

const { planReport } = proxyActivities<ReportActivities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });
// Counting a period and printing its PDF take seconds; a record or a NATS down for a while is waited out.
const { issueReport, sendReport } = proxyActivities<ReportActivities>({ startToCloseTimeout: '10 minutes', retry: { maximumInterval: '5 minutes' } });

/** A weekly dispatch or a monthly 通报: planned, waited for, issued and sent. */
export async function scheduledReport(input: ScheduledReportInput): Promise<ScheduledReportResult> {
  const state: { plan?: ReportPlan } = {};
  setHandler(reportPlanQuery, () => state.plan);
  const plan = state.plan = input.key
    ? { kind: input.kind, key: input.key, sendAt: workflowNowIso() }
    : await planReport({ kind: input.kind, firedAt: workflowNowIso(), dispatchAt: input.dispatchAt });
  const wait = Date.parse(plan.sendAt) - workflowNowMs();
  if (wait > 0) await sleep(wait);
  await issueReport({ kind: plan.kind, key: plan.key });
  const { sentTo } = await sendReport({ kind: plan.kind, key: plan.key });
  return { ...plan, sentTo };
}
