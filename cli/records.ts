/**
 * `greenlight records rebuild`: the record made again from GL_EVENTS into fresh tables, swapped in
 * (records/rebuild.ts); `greenlight records backfill`: the running processes and tasks the record
 * lacks, read from Temporal (records/backfill.ts). Operators' commands: they talk to NATS
 * (NATS_URL), Temporal (TEMPORAL_ADDRESS) and the record's database (GREENLIGHT_DATABASE_URL)
 * directly, as the recorder does, not through the API.
 */
import { connect } from '@nats-io/transport-node';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../contracts/config';
import { openRecord } from '../records/database';
import { rebuildRecord } from '../records/rebuild';
import { backfillRecord } from '../records/backfill';

export const recordsHelp = `  greenlight records rebuild                                       the record made again from the events (GL_EVENTS), then swapped in
  greenlight records backfill                                      the running processes and tasks the record lacks, read from Temporal`;

export async function recordsCommand(args: string[], out: (line: string) => void): Promise<number> {
  if (args[0] === 'backfill') return backfillCommand(out);
  if (args[0] !== 'rebuild') throw new Error(`records: say rebuild or backfill\n${recordsHelp}`);
  const config = loadConfig(process.env);
  const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-records-rebuild' });
  const record = await openRecord(config.GREENLIGHT_DATABASE_URL, { max: 2 });
  try {
    const started = Date.now();
    const outcome = await rebuildRecord(nats, record);
    out(`rebuilt the record from ${outcome.events} events (up to stream sequence ${outcome.position}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await record.close();
    await nats.close();
  }
}

/** `records backfill`: Temporal (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE) read for what the record lacks (records/backfill.ts). */
async function backfillCommand(out: (line: string) => void): Promise<number> {
  const config = loadConfig(process.env);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const record = await openRecord(config.GREENLIGHT_DATABASE_URL, { max: 2 });
  try {
    const outcome = await backfillRecord(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), record.db);
    out(`looked at ${outcome.seen} running processes and tasks; recorded ${outcome.processes} processes and ${outcome.tasks} tasks the record lacked`);
    return 0;
  } finally {
    await record.close();
    await connection.close();
  }
}
