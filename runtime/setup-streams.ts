/**
 * Creates or updates the JetStream streams on NATS_URL (see runtime/streams.ts), prints what it
 * did, and exits.
 *
 *   NATS_URL=nats://nats:4222 node --import tsx runtime/setup-streams.ts
 *   NATS_URL=nats://nats:4222 node dist/runtime/setup-streams.js        # compiled (npm run build)
 *
 * docker-compose.yml runs it once before the worker, the API and the notifier start; the
 * embedded stack (runtime/stack.ts) calls ensureStreams itself.
 */
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '../contracts/config';
import { ensureStreams } from './streams';

async function main(): Promise<void> {
  const { NATS_URL } = loadConfig();
  // A server still starting is worth waiting for: the one-shot would otherwise need a restart.
  const nc = await connect({ servers: NATS_URL, waitOnFirstConnect: true, name: 'greenlight-setup-streams' });
  try {
    for (const { name, action } of await ensureStreams(nc)) console.log(`${name}: ${action}`);
  } finally {
    await nc.close();
  }
}

main().catch((err: unknown) => {
  console.error(`setup-streams: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
