/**
 * Every migration of the record, in order: a new one is a new file here and one line below.
 * Listed rather than read from the folder, so that the compiled build (one bundle) has them.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001-record';
import * as m0002 from './0002-copies';

export const migrations: Record<string, Migration> = {
  '0001-record': m0001,
  '0002-copies': m0002,
};
