/**
 * Loads the directory from its JSON file, validated; cached per path and reloaded when the
 * file changes, so an edited directory takes effect without a restart.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Directory } from '../contracts/directory';

const cache = new Map<string, { mtimeMs: number; directory: Directory }>();

export function loadDirectory(path: string): Directory {
  const file = resolve(path);
  const { mtimeMs } = statSync(file);
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.directory;
  const parsed = Directory.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`directory ${file} is invalid:\n${issues}`);
  }
  cache.set(file, { mtimeMs, directory: parsed.data });
  return parsed.data;
}
