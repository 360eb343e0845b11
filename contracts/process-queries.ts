/**
 * What a kind's report may ask: counts over the kind's processes (the latest run of each), each
 * narrowed by its status, its category or one of the facts its events declare. The API answers
 * them from the record (records/reads.ts); with no record, from Temporal's visibility.
 */
export interface ProcessCount {
  status?: string;
  category?: string;
  /** One of the facts the kind's processes declare (contracts/events.ts ProcessSnapshot.facts). */
  fact?: string;
}

export interface ProcessQueries {
  /** How many processes of the kind match (all of them with no filter). */
  count(filter?: ProcessCount): Promise<number>;
}

/** A string literal of Temporal's visibility query language. */
export const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
