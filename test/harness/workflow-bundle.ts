/**
 * One workflow bundle for every test file of a run: bundling takes five CPU-seconds, and some
 * sixty test files start a worker. Within a file the bundle is made once; across files (jest's
 * workers are separate processes) it is kept on disk under the temporary directory, named by a
 * hash of every source file it can be made from (the repository's TypeScript outside tests, web/
 * and node_modules, and package-lock.json) and of the entry file. Change any of them and the next
 * bundle is made afresh; an old one is never served for new code.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { processesHook, workflowsPath } from '../../workers/workflow-bundle';

const root = join(__dirname, '../..');
const skipped = new Set(['node_modules', '.tools', '.data', '.git', 'web', 'dist', 'bench']);
const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The production workflows, or those of another entry file (a fixture testing one building block). */
export function workflowBundle(path = workflowsPath()): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(path);
  if (!bundle) {
    bundle = keptOrMade(path);
    bundles.set(path, bundle);
  }
  return bundle;
}

async function keptOrMade(path: string): Promise<WorkflowBundleWithSourceMap> {
  const folder = join(tmpdir(), `gl-workflow-bundles-${process.getuid?.() ?? 'any'}`);
  const file = join(folder, `${sourcesHash(path)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as WorkflowBundleWithSourceMap;
  } catch {
    // Not made yet (or cut short by a crash): made now.
  }
  const made = await bundleWorkflowCode({ workflowsPath: path, logger: quietLogger, webpackConfigHook: processesHook() });
  mkdirSync(folder, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify({ code: made.code, sourceMap: made.sourceMap }));
  renameSync(partial, file); // whole or not at all, whoever of two makers renames last
  pruned(folder, file);
  return made;
}

/** Bundles of code long changed are dropped: the newest few are kept. */
function pruned(folder: string, kept: string): void {
  const old = readdirSync(folder).map((name) => join(folder, name)).filter((f) => f !== kept && f.endsWith('.json'))
    .map((f) => ({ f, at: statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.at - a.at).slice(7);
  for (const { f } of old) rmSync(f, { force: true });
}

function sourcesHash(entry: string): string {
  const hash = createHash('sha256').update(root).update('\0').update(relative(root, entry));
  hash.update(readFileSync(join(root, 'package-lock.json')));
  const walk = (folder: string) => {
    for (const item of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const at = join(folder, item.name);
      if (item.isDirectory()) {
        if (!skipped.has(item.name)) walk(at);
      } else if (/\.(ts|js|json)$/.test(item.name) && !item.name.endsWith('.test.ts')) {
        hash.update('\0').update(relative(root, at)).update('\0').update(readFileSync(at));
      }
    }
  };
  walk(root);
  return hash.digest('hex').slice(0, 32);
}

const noop = () => undefined;
/** The bundler says only what went wrong. */
export const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
