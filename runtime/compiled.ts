/**
 * Where the compiled build lies (scripts/build.ts writes it, `npm run build`): under dist/, one
 * bundled JavaScript file per entry at the entry's own path (`workers/main.ts` →
 * `dist/workers/main.js`), and the worker's workflow bundle, built once, in
 * `dist/workflow-bundle.js`.
 *
 *   node --enable-source-maps dist/api/main.js
 *   GREENLIGHT_WORKFLOW_BUNDLE=dist/workflow-bundle.js node --enable-source-maps dist/workers/main.js
 *
 * The bundles read their data files (the directory, the calendar, the demo commands, the web
 * assets) from the source tree beside dist/, so dist/ runs only where it was built.
 */
import { join } from 'node:path';

export const rootDir = join(__dirname, '..');
export const distDir = join(rootDir, 'dist');

/** The compiled file of an entry given relative to the repository root, e.g. `dist/workers/main.js`. */
export function compiledEntry(entry: string, outDir = distDir): string {
  return join(outDir, entry.replace(/\.ts$/, '.js'));
}

export function workflowBundleFile(outDir = distDir): string {
  return join(outDir, 'workflow-bundle.js');
}

/** Node's options for a compiled entry: stack traces name the TypeScript sources. */
export const compiledNodeOptions: readonly string[] = ['--enable-source-maps'];
