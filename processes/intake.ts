/**
 * The NATS intake of every registered kind: its start subject, and the commands it adds.
 * Started by the API process; one durable consumer per subject, shared by every instance.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { consumeCommands, type CommandHandler, type RunningConsumer } from '../intake/command-consumer';
import type { ProcessContext, ProcessDefinition } from './definition';
import { definitions as registered } from './registry';
import { startCommandHandler } from './start';

export function commandHandlers(ctx: ProcessContext, definitions: readonly ProcessDefinition[] = registered): CommandHandler[] {
  return definitions.flatMap((d) => [startCommandHandler(d, ctx), ...(d.commands?.(ctx) ?? [])]);
}

export async function startIntake(
  nats: NatsConnection, ctx: ProcessContext, logger: Logger, definitions: readonly ProcessDefinition[] = registered,
): Promise<RunningConsumer> {
  const running = await Promise.all(commandHandlers(ctx, definitions).map((h) => consumeCommands(nats, h, logger)));
  return { stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
}
