/**
 * The monthly 通报's run on the time-skipping server, its clock started at 00:05 on Thursday
 * 1 October 2026 (Shanghai), as its schedule fires it: it plans September's report for the
 * month's first working day, Thursday 8 October after National Day, and issues nothing before
 * 08:30 that day. What issuing does (the record, the PDF, the leaders' notices) is tested on a
 * whole stack (web/test/reports.browser.test.ts); here only its planner runs, and the history
 * says when the issuing was asked for.
 */
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { eventually } from '../test/harness/eventually';
import { repoRoot } from '../test/harness/harness';
import { timeSkippingEnv } from '../test/harness/time-skipping';
import { workflowBundle } from '../test/harness/workflow-bundle';
import { planReport } from './activities';
import { reportPlanQuery, type ScheduledReportInput } from './workflow';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv('2026-09-30T16:05:00Z');
}, 60_000);
afterAll(async () => {
  await env?.teardown();
});

test('the monthly 通报 waits for the first working day of the month, then asks for its issuing', async () => {
  const taskQueue = 'reports-test';
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, activities: { planReport },
    workflowBundle: await workflowBundle(join(repoRoot, 'reports/workflow.ts')),
  });
  await worker.runUntil(async () => {
    const input: ScheduledReportInput = { kind: 'month', dispatchAt: { hour: 8, minute: 30 } };
    const handle = await env.client.workflow.start('scheduledReport', { args: [input], taskQueue, workflowId: 'report-month-test' });
    try {
      let plan = await handle.query(reportPlanQuery);
      for (let i = 0; !plan && i < 50; i++) plan = await handle.query(reportPlanQuery);
      expect(plan).toEqual({ kind: 'month', key: '2026-09', sendAt: '2026-10-08T00:30:00.000Z' });

      const issuingAsked = async () => (await handle.fetchHistory()).events?.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'issueReport');
      await env.sleep('6 days'); // 7 October: still National Day
      expect(await issuingAsked()).toBeUndefined();
      await env.sleep('1 day'); // 8 October, 00:05: before the dispatch hour
      expect(await issuingAsked()).toBeUndefined();
      await env.sleep((8 * 60 + 26) * 60_000);
      // The timer fired; the worker's next workflow task schedules the issuing.
      const asked = await eventually(issuingAsked, (e) => e !== undefined, 'the issuing asked for', 30_000);
      const at = Number(asked?.eventTime?.seconds) * 1000;
      expect(new Date(at).toISOString()).toBe('2026-10-08T00:30:00.000Z');
    } finally {
      // Its issuing (not registered here) would be retried for ever.
      await handle.terminate('the issuing is tested on a whole stack');
    }
  });
}, 120_000);
