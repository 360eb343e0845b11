/**
 * The Temporal schedules that issue the scheduled reports: `greenlight-report-week` every Monday
 * (周调度, the week before), `greenlight-report-month` on the 1st of every month (月度通报, the
 * month before, sent on the month's first working day: reports/scheduled.ts). Their times are
 * configuration — reports/report-schedules.json, or the file GREENLIGHT_REPORT_SCHEDULES names —
 * and every worker start makes the schedules say what the file says (created, or updated in
 * place), leaving a pause an operator set (`temporal schedule toggle --pause`) as it is.
 *
 *   await ensureReportSchedules(client, 'greenlight');   // [{ id: 'greenlight-report-week', action: 'created' }, …]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { z } from 'zod';
import type { ScheduledKind } from './scheduled';
import type { ScheduledReportInput } from './workflow';

const Time = { hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) };
export const ReportScheduleConfig = z.object({
  timezone: z.string().min(1),
  /** The weekly dispatch: the day and time it is sent. */
  weekly: z.object({ dayOfWeek: z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']), ...Time }),
  /** The monthly 通报: the time it is sent on the month's first working day. */
  monthly: z.object(Time),
  /** How late a schedule still fires after the server or the workers were down when it was due. */
  catchupWindow: z.string().regex(/^\d+ (minutes?|hours?|days?)$/),
}).strict();
export type ReportScheduleConfig = z.infer<typeof ReportScheduleConfig>;

export const DEFAULT_SCHEDULES_FILE = join(__dirname, 'report-schedules.json');
export const scheduleIds: Record<ScheduledKind, string> = { week: 'greenlight-report-week', month: 'greenlight-report-month' };
export const SCHEDULED_WORKFLOW = 'scheduledReport';

/** The configuration from GREENLIGHT_REPORT_SCHEDULES or the project's file; an error names the field. */
export function loadScheduleConfig(env: NodeJS.ProcessEnv = process.env): ReportScheduleConfig {
  const file = env.GREENLIGHT_REPORT_SCHEDULES || DEFAULT_SCHEDULES_FILE;
  const parsed = ReportScheduleConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The schedule of a kind, as Temporal takes it. */
export function scheduleOptions(kind: ScheduledKind, config: ReportScheduleConfig, taskQueue: string): ScheduleOptions {
  const input: ScheduledReportInput = kind === 'week' ? { kind } : { kind, dispatchAt: { hour: config.monthly.hour, minute: config.monthly.minute } };
  return {
    scheduleId: scheduleIds[kind],
    spec: {
      // The month's run fires just after midnight on the 1st and waits in its workflow for the first working day.
      calendars: [kind === 'week'
        ? { dayOfWeek: config.weekly.dayOfWeek, hour: config.weekly.hour, minute: config.weekly.minute }
        : { dayOfMonth: 1, hour: 0, minute: 5 }],
      timezone: config.timezone,
    },
    action: { type: 'startWorkflow', workflowType: SCHEDULED_WORKFLOW, args: [input], taskQueue, workflowId: `report-${kind}` },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: config.catchupWindow as `${number} days` },
    memo: { what: kind === 'week' ? '挂责问效周调度' : '挂责问效月度通报' },
  };
}

/** Creates each schedule, or updates it to the configuration; idempotent. */
export async function ensureReportSchedules(client: Client, taskQueue: string, config = loadScheduleConfig()): Promise<Array<{ id: string; action: 'created' | 'updated' }>> {
  const done: Array<{ id: string; action: 'created' | 'updated' }> = [];
  for (const kind of ['week', 'month'] as const) {
    const options = scheduleOptions(kind, config, taskQueue);
    try {
      await client.schedule.create(options);
      done.push({ id: options.scheduleId, action: 'created' });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous, spec: options.spec, action: options.action as typeof previous.action, policies: { ...previous.policies, ...options.policies },
      }));
      done.push({ id: options.scheduleId, action: 'updated' });
    }
  }
  return done;
}
