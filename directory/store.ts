/**
 * The directory's versions, kept in NATS (the KV bucket `gl-directory`, key `current`, its last
 * 64 values kept): each version the whole directory with who made it, when, from what, and what
 * it changed. Every process follows the bucket and uses the newest version at once, with no
 * restart: the API, the worker's activities and the notifier all read the directory through
 * `loadDirectory` (activities/directory-file.ts), which answers with the followed version.
 *
 * ```ts
 * const followed = await followDirectory(nats, config.GREENLIGHT_DIRECTORY, logger); // in each process's main
 * const store = await directoryStore(nats);
 * await store.apply(directory, { by: 'admin', source: 'directory.xlsx' });
 * ```
 *
 * The file named by GREENLIGHT_DIRECTORY seeds the bucket: it becomes a version when the bucket
 * is empty, and again whenever the file's content changes (a version "from the file"), so that a
 * stack started on another file, or a file edited by hand, still takes effect. A version is
 * written only over the one it was made from (compare-and-set): two administrators importing at
 * once cannot silently undo each other.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { NatsConnection } from '@nats-io/nats-core';
import { Kvm, type KV } from '@nats-io/kv';
import type { Logger } from 'pino';
import { followedDirectory, readDirectoryFile } from '../activities/directory-file';
import type { Directory } from '../contracts/directory';
import { directoryChanges, type DirectoryChanges } from './changes';

export const DIRECTORY_BUCKET = 'gl-directory';
const KEY = 'current';
/** How many versions the history keeps (NATS KV's most). */
export const KEPT_VERSIONS = 64;

export interface DirectoryVersionInfo {
  version: number;
  at: string;
  /** The person who applied it, or `file` for a version seeded from GREENLIGHT_DIRECTORY. */
  by: string;
  /** What it was read from (a spreadsheet's name, the seed file's path). */
  source: string;
  changes: DirectoryChanges;
  /** The sha256 of the seed file this version is, or comes after. */
  seedSha256?: string;
}

export interface DirectoryVersion extends DirectoryVersionInfo {
  directory: Directory;
}

export class DirectoryConflict extends Error {
  readonly statusCode = 409;
}

const encode = (v: DirectoryVersion) => gzipSync(Buffer.from(JSON.stringify(v)));
const decode = (data: Uint8Array) => JSON.parse(gunzipSync(data).toString('utf8')) as DirectoryVersion;

export interface DirectoryStore {
  current(): Promise<{ version: DirectoryVersion; revision: number } | undefined>;
  /** Writes a new version over `basedOn` (the current one when absent); DirectoryConflict if another came first. */
  apply(directory: Directory, meta: { by: string; source: string; basedOn?: number; seedSha256?: string }): Promise<DirectoryVersion>;
  /** The versions kept, newest first, without their directories. */
  history(): Promise<DirectoryVersionInfo[]>;
  kv: KV;
}

export async function directoryStore(nats: NatsConnection): Promise<DirectoryStore> {
  const kv = await new Kvm(nats).create(DIRECTORY_BUCKET, { history: KEPT_VERSIONS, description: 'The directory: each version whole, with who applied it, when and what it changed' });
  const current: DirectoryStore['current'] = async () => {
    const entry = await kv.get(KEY);
    return entry && entry.operation === 'PUT' ? { version: decode(entry.value), revision: entry.revision } : undefined;
  };
  return {
    kv,
    current,
    async apply(directory, meta) {
      const now = await current();
      if (meta.basedOn !== undefined && meta.basedOn !== (now?.version.version ?? 0)) {
        throw new DirectoryConflict(`the directory is at version ${now?.version.version ?? 0}, not ${meta.basedOn}: someone applied another since; read it again`);
      }
      const version: DirectoryVersion = {
        version: (now?.version.version ?? 0) + 1,
        at: new Date().toISOString(),
        by: meta.by,
        source: meta.source,
        changes: directoryChanges(now?.version.directory, directory),
        seedSha256: meta.seedSha256 ?? now?.version.seedSha256,
        directory,
      };
      try {
        if (now) await kv.update(KEY, encode(version), now.revision);
        else await kv.create(KEY, encode(version));
      } catch {
        throw new DirectoryConflict('another version of the directory was applied at the same moment: read it again');
      }
      return version;
    },
    async history() {
      const versions: DirectoryVersionInfo[] = [];
      for await (const entry of await kv.history({ key: KEY })) {
        if (entry.operation !== 'PUT') continue;
        const { directory: _directory, ...info } = decode(entry.value);
        versions.push(info);
      }
      return versions.sort((a, b) => b.version - a.version);
    },
  };
}

export interface FollowedDirectory {
  store: DirectoryStore;
  /** The version in use in this process now. */
  version(): number;
  stop(): Promise<void>;
}

/**
 * Follows the directory's versions for the file `path` names: seeds the bucket from the file when
 * it is empty or the file has changed since, then answers every `loadDirectory(path)` in this
 * process with the newest version, as soon as one is applied anywhere.
 */
export async function followDirectory(nats: NatsConnection, path: string, logger: Logger): Promise<FollowedDirectory> {
  const store = await directoryStore(nats);
  const text = readFileSync(resolve(path), 'utf8');
  const seedSha256 = createHash('sha256').update(text).digest('hex');
  for (let attempt = 0; ; attempt += 1) {
    const now = await store.current();
    if (now && now.version.seedSha256 === seedSha256) break;
    try {
      const v = await store.apply(readDirectoryFile(path), { by: 'file', source: path, basedOn: now?.version.version ?? 0, seedSha256 });
      logger.info({ version: v.version, source: path }, 'directory seeded from its file');
      break;
    } catch (err) {
      // Another process seeded it at the same moment: read what it wrote.
      if (!(err instanceof DirectoryConflict) || attempt >= 3) throw err;
    }
  }
  let inUse = 0;
  const watch = await store.kv.watch({ key: KEY });
  const first = new Promise<void>((resolveFirst) => {
    void (async () => {
      for await (const entry of watch) {
        if (entry.operation !== 'PUT') continue;
        const v = decode(entry.value);
        followedDirectory(path, v.directory);
        inUse = v.version;
        logger.info({ version: v.version, by: v.by }, 'directory version in use');
        resolveFirst();
      }
    })();
  });
  await first;
  return {
    store,
    version: () => inUse,
    async stop() {
      watch.stop();
      followedDirectory(path, undefined);
    },
  };
}
