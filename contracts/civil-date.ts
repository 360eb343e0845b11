/** A calendar date without time or zone, as forms and contracts take it. */
import { z } from 'zod';

/**
 * A YYYY-MM-DD date. Checked here rather than with zod's ISO-date format, whose shared pattern
 * refused valid dates inside the workflow sandbox.
 */
export const CivilDate = z.string().refine((d) => {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
}, 'a date, YYYY-MM-DD');
