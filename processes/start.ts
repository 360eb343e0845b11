/**
 * Starting a process of any registered kind, the same way from a NATS command and from the
 * API: the contract, then what only the directory knows, then the workflow under the input's
 * own id (a repeated start has one effect).
 */
import type { Client } from '@temporalio/client';
import type { Directory } from '../contracts/directory';
import { loadDirectory } from '../activities/directory-file';
import type { CommandHandler } from '../intake/command-consumer';
import { startOnce, validateAgainst, type Validated } from '../intake/validated';
import type { ProcessContext, ProcessDefinition } from './definition';

export function validateStart(definition: ProcessDefinition, body: unknown, directory: Directory): Validated<unknown> {
  return validateAgainst(definition.input(), definition.checkDirectory, body, directory);
}

export function startProcess(definition: ProcessDefinition, client: Client, taskQueue: string, input: unknown): Promise<{ id: string; existing: boolean }> {
  return startOnce(client, definition.workflow, {
    taskQueue,
    workflowId: definition.idOf(input),
    input,
    title: definition.titleOf(input),
  });
}

/** The consumer of a kind's start subject: a refused command goes to the dead-letter subject with its issues. */
export function startCommandHandler(definition: ProcessDefinition, ctx: ProcessContext): CommandHandler {
  return {
    subject: definition.start.subject,
    durable: `intake-${definition.start.subject.replace(/^gl\.cmd\./, '').replace(/\./g, '-')}`,
    async handle(body) {
      const checked = validateStart(definition, body, loadDirectory(ctx.directoryPath));
      if (!checked.ok) return checked;
      const started = await startProcess(definition, ctx.client, ctx.taskQueue, checked.value);
      return { ok: true, detail: { kind: definition.kind, processId: started.id, existing: started.existing } };
    },
  };
}
