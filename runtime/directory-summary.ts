/**
 * One line about a directory file for the stack's banner, e.g. "12 people, 5 departments".
 *
 *   summarizeDirectory('directory/demo.json')   // undefined when the file does not exist
 *
 * The file's schema belongs to directory/: this only counts the lists at its top level, so it
 * keeps working whatever those lists are called.
 */
import { readFileSync } from 'node:fs';

export function summarizeDirectory(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'loaded';
  const counts = Object.entries(parsed)
    .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
    .map(([key, list]) => `${list.length} ${key}`);
  return counts.length > 0 ? counts.join(', ') : 'loaded';
}
