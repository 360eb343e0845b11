/**
 * The frame of every Greenlight process (worker, API, notifier): configuration validated at
 * start, one pino logger, a clean stop on SIGINT/SIGTERM, and a start-up failure that exits 1
 * with a message naming what is wrong.
 *
 * ```ts
 * runProcess('notifier', async ({ config, logger }) => {
 *   const notifier = await runNotifier(...);
 *   return () => notifier.stop();
 * });
 * ```
 */
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../contracts/config';
import { createLogger } from './logger';

export type Stop = () => Promise<void>;

export function runProcess(name: string, start: (ctx: { config: Config; logger: Logger }) => Promise<Stop>): void {
  let logger: Logger | undefined;
  (async () => {
    const config = loadConfig();
    logger = createLogger(name, config.LOG_LEVEL);
    const stop = await start({ config, logger });
    let stopping = false;
    const onSignal = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger?.info({ signal }, `${name} stopping`);
      stop().then(
        () => logger?.info(`${name} stopped`),
        (err: Error) => {
          logger?.error({ err: err.message }, `${name} did not stop cleanly`);
          process.exitCode = 1;
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  })().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (logger) logger.fatal({ err: message }, `${name} failed to start`);
    else console.error(`${name}: ${message}`);
    process.exit(1);
  });
}
