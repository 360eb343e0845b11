/**
 * `greenlight records rebuild`: the record made again from GL_EVENTS into fresh tables, swapped in
 * (records/rebuild.ts). An operator's command: it talks to NATS (NATS_URL) and to the record's
 * database (GREENLIGHT_DATABASE_URL) directly, as the recorder does, not through the API.
 */
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '../contracts/config';
import { openRecord } from '../records/database';
import { rebuildRecord } from '../records/rebuild';

export const recordsHelp = `  greenlight records rebuild                                       the record made again from the events (GL_EVENTS), then swapped in`;

export async function recordsCommand(args: string[], out: (line: string) => void): Promise<number> {
  if (args[0] !== 'rebuild') throw new Error(`records: say rebuild\n${recordsHelp}`);
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
