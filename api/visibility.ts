/** What every list and board shares: quoting a value in a visibility query, and who oversees everything. */
import type { Actor } from '../contracts/directory';

/** A string literal of Temporal's visibility query language. */
export const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Admins and leaders read every process; everyone else what concerns their departments. */
export const oversees = (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'leader' || r === 'topLeader');
