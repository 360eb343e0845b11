/** `gl.cmd.proposal.register`: the proposal committee's system registers a CPPCC proposal over NATS. */
import type { NatsConnection } from '@nats-io/nats-core';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { loadDirectory } from '../activities/directory-file';
import { consumeCommands, type CommandHandler, type RunningConsumer } from './command-consumer';
import { startProposal, validateProposal } from './register-proposal';

export function proposalRegisterHandler(client: Client, taskQueue: string, directoryPath: string): CommandHandler {
  return {
    subject: 'gl.cmd.proposal.register',
    durable: 'intake-proposal-register',
    async handle(body) {
      const checked = validateProposal(body, loadDirectory(directoryPath));
      if (!checked.ok) return checked;
      const started = await startProposal(client, taskQueue, checked.value);
      return { ok: true, detail: { proposalId: started.id, existing: started.existing } };
    },
  };
}

/** The proposal commands' consumer, started by the API process. */
export function proposalIntake(nats: NatsConnection, client: Client, taskQueue: string, directoryPath: string, logger: Logger): Promise<RunningConsumer> {
  return consumeCommands(nats, proposalRegisterHandler(client, taskQueue, directoryPath), logger);
}
