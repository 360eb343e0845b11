/**
 * The compiled build: every long-running entry bundled by esbuild into one JavaScript file under
 * dist/ (see runtime/compiled.ts for the layout), the worker's workflow bundle made once with the
 * SDK's bundler and the worker's own options, and the workbench's assets (web/build.ts).
 *
 *   npm run build                          # node --import tsx scripts/build.ts
 *   GREENLIGHT_RUN=compiled bash scripts/stack.sh
 *
 * node_modules stay external: the bundles require the same packages at run time, from the
 * node_modules beside dist/. A module that finds its files through `__dirname` or `__filename`
 * (the calendar's data, the demo commands, the web assets, the servers' binaries) is given its
 * own source folder and file, not the bundle's, so the bundles read what the sources read.
 *
 * A bundle that requires a package outside package.json's `dependencies` (a devDependency, say)
 * fails the build: the production image installs only those.
 *
 * The registry is checked first, as the worker checks it at start: a worker given the prebuilt
 * bundle does not load the kinds' workflow files again (processes/check.ts).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build as esbuild, type Plugin } from 'esbuild';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { checkDefinitions } from '../processes/check';
import { definitions } from '../processes/registry';
import { projectProcesses } from '../runtime/project-processes';
import { compiledEntry, distDir, rootDir, workflowBundleFile } from '../runtime/compiled';
import { buildWorkbench } from '../web/build';
import { processesHook, workflowInterceptorModules, workflowsPath } from '../workers/workflow-bundle';

/** What the stack starts (runtime/project-processes.ts), the stack itself, and the streams' one-shot of docker-compose.yml. */
export const compiledEntries: readonly string[] = [...projectProcesses.map((p) => p.entry), 'runtime/stack.ts', 'runtime/setup-streams.ts', 'records/migrate.ts'];

export interface BuildOptions {
  /** dist/ unless given (a test builds into a folder of its own). */
  outDir?: string;
  /** The workbench's assets too (web/dist); on unless told. */
  web?: boolean;
  logger?: Logger;
}

export interface BuildResult {
  entries: string[];
  workflowBundle: string;
  /** File (relative to the output folder) → bytes. */
  sizes: Record<string, number>;
}

const sourceRoot = '__greenlightSourceRoot';
const pathsOf = /\b__(dirname|filename)\b/;

/**
 * Each project module that names `__dirname` or `__filename` gets its own, as it has under tsx:
 * esbuild keeps one module's top-level names apart from another's, so these consts bind only
 * there. The bundle's banner says where the sources are, relative to the bundle itself.
 *
 * `require.main === module` is true in a bundle for every module in it, the entry's `module`
 * being the only one: a module that runs itself so must compare `require.main?.filename` with
 * its `__filename` instead, and the build refuses it otherwise.
 */
function sourcePaths(entry: string): Plugin {
  return {
    name: 'greenlight-source-paths',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, (args) => {
        const file = relative(rootDir, args.path);
        if (file.startsWith('..') || /[\\/]node_modules[\\/]/.test(args.path)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (file !== entry && /require\.main\s*===\s*module/.test(text)) {
          return { errors: [{ text: `${file}: \`require.main === module\` holds in every bundle that takes this module: compare require.main?.filename with __filename` }] };
        }
        if (!pathsOf.test(text)) return undefined;
        const prelude =
          `const __filename = require('node:path').join(${sourceRoot}, ${JSON.stringify(file)});` +
          `const __dirname = require('node:path').join(${sourceRoot}, ${JSON.stringify(dirname(file))});`;
        return { contents: `${prelude}\n${text}`, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
      });
    },
  };
}

/** The packages a bundle may require: the production image installs only these (`npm ci --omit=dev`). */
const dependencies = new Set(Object.keys((JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies));
const packageOf = (path: string) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');

async function bundleEntry(entry: string, outDir: string): Promise<void> {
  const outfile = compiledEntry(entry, outDir);
  const result = await esbuild({
    entryPoints: [join(rootDir, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    banner: { js: `const ${sourceRoot} = require('node:path').join(__dirname, ${JSON.stringify(relative(dirname(outfile), rootDir))});` },
    plugins: [sourcePaths(entry)],
    metafile: true,
    logLevel: 'warning',
  });
  if (result.warnings.length > 0) throw new Error(`${entry}: esbuild warned (see above); the build takes no warning`);
  const required = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
  const undeclared = [...new Set(required.filter((p) => !p.startsWith('node:') && !isBuiltin(p)).map(packageOf))].filter((p) => !dependencies.has(p));
  if (undeclared.length > 0) throw new Error(`${entry} requires ${undeclared.join(', ')}, not among package.json's dependencies: the production image would not have it`);
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = options.outDir ?? distDir;
  checkDefinitions(definitions);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundling = bundleWorkflowCode({ workflowsPath: workflowsPath(), workflowInterceptorModules: workflowInterceptorModules(), webpackConfigHook: processesHook(), logger: options.logger });
  await Promise.all(compiledEntries.map((entry) => bundleEntry(entry, outDir)));
  const workflowBundle = workflowBundleFile(outDir);
  writeFileSync(workflowBundle, (await bundling).code);
  if (options.web ?? true) await buildWorkbench();
  const files = [...compiledEntries.map((e) => compiledEntry(e, outDir)), workflowBundle];
  return {
    entries: compiledEntries.map((e) => compiledEntry(e, outDir)),
    workflowBundle,
    sizes: Object.fromEntries(files.map((f) => [relative(outDir, f), readFileSync(f).byteLength])),
  };
}

const noop = () => undefined;
/** webpack's report of every module is noise in a build that goes well. */
const quietLogger: Logger = { trace: noop, debug: noop, info: noop, log: noop, warn: (m, meta) => console.warn(m, meta ?? ''), error: (m, meta) => console.error(m, meta ?? '') };

if (require.main?.filename === __filename) {
  const started = Date.now();
  build({ logger: quietLogger }).then(({ sizes }) => {
    const listed = Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(0)} KiB`).join(', ');
    console.log(`build: ${listed} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }, (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
