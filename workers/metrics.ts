/**
 * The worker's own metrics, beside the Temporal SDK's (`temporal_*`: workflow-task and activity
 * latencies and failures, polls, slots, the cache; served through the same /metrics by
 * workers/main.ts): each activity's run time by its name and how it ended, from an activity
 * interceptor, so that a slow directory look-up or a failing publish is seen by name.
 */
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Histogram, Registry } from 'prom-client';

export const workerRegistry = new Registry();

const activityDuration = new Histogram({
  name: 'greenlight_activity_duration_seconds',
  help: 'Time an activity ran in this worker, by activity and outcome (completed, failed)',
  labelNames: ['activity', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [workerRegistry],
});

/** Times every activity this worker runs. */
export const activityMetrics: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const end = activityDuration.startTimer({ activity: ctx.info.activityType });
      try {
        const result = await next(input);
        end({ outcome: 'completed' });
        return result;
      } catch (err) {
        end({ outcome: 'failed' });
        throw err;
      }
    },
  },
});
