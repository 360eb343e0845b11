/**
 * The NATS intake of every registered kind: its start subject, the command subjects its
 * actions declare, and the events of other processes it subscribes to (subscriptions.ts). Started by the API process; one durable consumer per subject, shared by
 * every instance. A refused command goes to the dead-letter subject with its issues.
 */
import type { Client } from '@temporalio/client';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { z } from 'zod';
import { loadDirectory } from '../activities/directory-file';
import type { Directory } from '../contracts/directory';
import { contractIssues, validateAgainst, type Validated } from '../contracts/issues';
import type { ActionDefinition, ProcessDefinition } from '../processes/definition';
import { definitions as registered } from '../processes/registry';
import { consumeCommands, type CommandHandler, type ConsumeOptions, type RunningConsumer } from './command-consumer';
import { StartConflict, startOnce } from './validated';
import { runAction, ActionRefused, isVersionOf } from './actions';
import { startSubscriptions } from './subscriptions';

/** What the intake's handlers are given. */
export interface IntakeContext {
  client: Client;
  taskQueue: string;
  directoryPath: string;
}

/** The contract, then what only the directory can say: the same for a NATS command and an API call. */
export function validateStart(definition: ProcessDefinition, body: unknown, directory: Directory): Validated<unknown> {
  return validateAgainst(definition.input(), definition.checkDirectory, body, directory);
}

export function startProcess(definition: ProcessDefinition, client: Client, taskQueue: string, input: unknown): Promise<{ id: string; existing: boolean }> {
  return startOnce(client, definition.workflow, {
    taskQueue,
    workflowId: definition.idOf(input),
    input,
    title: definition.titleOf(input),
    isSameKind: (type) => isVersionOf(definition.kind, type),
  });
}

const durableOf = (subject: string) => `intake-${subject.replace(/^gl\.cmd\./, '').replace(/\./g, '-')}`;

/** The consumer of a kind's start subject. */
export function startCommandHandler(definition: ProcessDefinition, ctx: IntakeContext): CommandHandler {
  return {
    subject: definition.start.subject,
    durable: durableOf(definition.start.subject),
    async handle(body) {
      const checked = validateStart(definition, body, loadDirectory(ctx.directoryPath));
      if (!checked.ok) return checked;
      let started: { id: string; existing: boolean };
      try {
        started = await startProcess(definition, ctx.client, ctx.taskQueue, checked.value);
      } catch (err) {
        if (err instanceof StartConflict) return { ok: false, issues: [{ path: 'id', message: err.message }] };
        throw err;
      }
      return { ok: true, detail: { kind: definition.kind, processId: started.id, existing: started.existing } };
    },
  };
}

/**
 * The consumer of an action's command: the body is the action's, plus the field naming the
 * process. It comes from a trusted outside system, so it carries no actor: the workflow's
 * validator sees none and applies what it allows such a system.
 */
export function actionCommandHandler(definition: ProcessDefinition, action: ActionDefinition, ctx: IntakeContext): CommandHandler {
  const command = action.command!;
  return {
    subject: command.subject,
    durable: durableOf(command.subject),
    async handle(raw) {
      const named = z.object({ [command.idField]: z.string().min(1) }).loose().safeParse(raw);
      if (!named.success) return { ok: false, issues: contractIssues(named.error) };
      const { [command.idField]: processId, ...body } = named.data as Record<string, unknown>;
      try {
        const result = await runAction(ctx.client, definition, action, String(processId), body, undefined, loadDirectory(ctx.directoryPath));
        return { ok: true, detail: { kind: definition.kind, processId, action: action.name, ...(typeof result === 'object' && result !== null && 'key' in result ? { key: (result as { key: unknown }).key } : {}) } };
      } catch (err) {
        if (err instanceof ActionRefused) return { ok: false, issues: err.issues.map((i) => (i.path === 'id' ? { ...i, path: command.idField } : i)) };
        throw err;
      }
    },
  };
}

export function commandHandlers(ctx: IntakeContext, definitions: readonly ProcessDefinition[] = registered): CommandHandler[] {
  return definitions.flatMap((d) => [
    startCommandHandler(d, ctx),
    ...(d.actions ?? []).filter((a) => a.command).map((a) => actionCommandHandler(d, a, ctx)),
  ]);
}

/**
 * The consumer of every `gl.cmd.` subject no kind serves: such a command is dead-lettered
 * (`unknown-subject`) rather than left in the stream unseen. `otherSubjects` are served by
 * something other than the kinds (wildcards allowed), and left alone.
 */
export function unknownCommandHandler(served: readonly string[], otherSubjects: readonly string[] = []): CommandHandler {
  const known = new Set(served);
  const others = otherSubjects.map((s) => new RegExp(`^${s.replace(/\./g, '\\.').replace(/\*/g, '[^.]+').replace(/>$/, '.+')}$`));
  return {
    subject: 'gl.cmd.>',
    durable: 'intake-unknown-subjects',
    route: (subject) => (known.has(subject) || others.some((r) => r.test(subject)) ? 'skip' : 'unknown'),
    handle: async () => ({ ok: true }),
  };
}

export async function startIntake(
  nats: NatsConnection, ctx: IntakeContext, logger: Logger, definitions: readonly ProcessDefinition[] = registered,
  options: ConsumeOptions & { otherSubjects?: readonly string[] } = {},
): Promise<RunningConsumer> {
  const handlers = commandHandlers(ctx, definitions);
  handlers.push(unknownCommandHandler(handlers.map((h) => h.subject), options.otherSubjects));
  const running = await Promise.all(handlers.map((h) => consumeCommands(nats, h, logger, options)));
  running.push(await startSubscriptions(nats, ctx.client, definitions, logger));
  return { stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
}
