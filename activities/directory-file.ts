/**
 * Loads the directory, validated: the version this process follows when there is one
 * (directory/store.ts keeps the versions in NATS and sets it here the moment one is applied),
 * else the JSON file itself, cached per path and read again when the file changes. Either way
 * a change takes effect without a restart.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Directory } from '../contracts/directory';

const cache = new Map<string, { mtimeMs: number; directory: Directory }>();
const followed = new Map<string, Directory>();

export function loadDirectory(path: string): Directory {
  const file = resolve(path);
  const live = followed.get(file);
  if (live) return live;
  const { mtimeMs } = statSync(file);
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.directory;
  const directory = readDirectoryFile(file);
  cache.set(file, { mtimeMs, directory });
  return directory;
}

/** The directory in a JSON file, validated, read now. */
export function readDirectoryFile(path: string): Directory {
  const file = resolve(path);
  const parsed = Directory.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`directory ${file} is invalid:\n${issues}`);
  }
  return parsed.data;
}

/** The version of the directory named by `path` that this process now follows; undefined: the file again. */
export function followedDirectory(path: string, directory: Directory | undefined): void {
  if (directory) followed.set(resolve(path), directory);
  else followed.delete(resolve(path));
}
