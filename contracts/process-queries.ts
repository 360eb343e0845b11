/**
 * What a kind's report may ask of visibility: counts and lists over the kind's processes, each
 * already restricted to the kind and to the latest run of each process. A report adds its own
 * clause in Temporal's visibility query language, with values quoted by `quote`.
 */
export interface ProcessQueries {
  /** How many processes of the kind match the clause (all of them without one). */
  count(clause?: string): Promise<number>;
}

/** A string literal of Temporal's visibility query language. */
export const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
