/**
 * The directory's ladder presets for a kind: they replace the definition's built-in ladders.
 */
import type { Directory } from '../contracts/directory';
import type { Ladder } from '../contracts/ladder';

/** Presets for one process kind, keyed by task name (`landUseDispute.review` → `review`). */
export function ladderPresets(directory: Directory, processKind: string): Record<string, Ladder> {
  const prefix = `${processKind}.`;
  return Object.fromEntries(
    Object.entries(directory.ladders).filter(([key]) => key.startsWith(prefix)).map(([key, ladder]) => [key.slice(prefix.length), ladder]),
  );
}
