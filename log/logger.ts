/**
 * pino is the one log stream; the Temporal SDK's own logs are routed into it.
 * Logs carry ids (workflow, task, person), never the content of requests.
 */
import pino, { type Logger } from 'pino';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level });
}

const temporalLevels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
};

/** Installs the Temporal runtime once, with its logs going to `logger`. */
export function routeTemporalLogs(logger: Logger, options: { metricsBindAddress?: string } = {}): void {
  const level = (logger.level === 'silent' ? 'ERROR' : logger.level.toUpperCase()) as LogLevel;
  Runtime.install({
    // The SDK's own Prometheus endpoint (workflow tasks, activities, polls), when asked for: workers/main.ts serves it with the worker's.
    ...(options.metricsBindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: options.metricsBindAddress, useSecondsForDurations: true } } } } : {}),
    logger: new DefaultLogger(level in temporalLevels ? level : 'INFO', (entry) => {
      logger[temporalLevels[entry.level]]({ ...entry.meta, sdk: 'temporal' }, entry.message);
    }),
  });
}
