/**
 * The CLI's way into NATS (`events`, `notify`, `start` on a command subject): NATS_URL, or the
 * embedded stack's default port; a server that does not answer is named with what to set.
 */
import { connect } from '@nats-io/transport-node';
import { natsUserOptions } from '../runtime/nats-user';
import type { NatsConnection } from '@nats-io/nats-core';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export function natsUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.NATS_URL || DEFAULT_NATS_URL;
}

export async function connectNats(url: string, name: string, env: NodeJS.ProcessEnv = process.env): Promise<NatsConnection> {
  try {
    return await connect({ servers: url, name, ...natsUserOptions(url) });
  } catch (err) {
    const where = env.NATS_URL ? `NATS_URL=${env.NATS_URL}` : `no NATS_URL set, so the embedded stack's default ${DEFAULT_NATS_URL}`;
    throw new Error(`cannot reach NATS at ${url} (${where}): ${(err as Error).message}. `
      + 'Start the stack (bash scripts/stack.sh), or set NATS_URL to the NATS it printed ("NATS  nats://…") or to your cluster\'s.');
  }
}
