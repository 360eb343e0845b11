/**
 * Makes the record's database (when the role may) and brings its tables to the code's version,
 * then exits: docker-compose's one-shot `records-migrate`. The recorder and the API migrate at
 * start too; this runs it once before several of them race to.
 *
 *   GREENLIGHT_DATABASE_URL=postgresql://… node dist/records/migrate.js
 */
import { loadConfig } from '../contracts/config';
import { openRecord } from './database';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const record = await openRecord(config.GREENLIGHT_DATABASE_URL, { max: 1 });
  await record.close();
  console.log('records-migrate: the record is up to date');
}

main().catch((err: unknown) => {
  console.error(`records-migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
