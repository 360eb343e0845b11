/**
 * How the worker bundles its workflows: workers/workflows.ts, with each registered kind's
 * `workflow.ts` and `forms.ts` put in the bundle by the registry (a webpack context map, since
 * the SDK's bundler lists no sub-folders itself). Every bundle of the production workflows —
 * the worker's, the tests', the benchmarks' — is made with these options (and the interceptors below).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { ContextReplacementPlugin } from 'webpack';
import { folderOf, type ProcessDefinition } from '../processes/definition';
import { definitions as registered } from '../processes/registry';

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;

export const processesDir = join(__dirname, '..', 'processes');

export function workflowsPath(): string {
  return join(__dirname, 'workflows.ts');
}

/**
 * The workflow interceptors in every bundle: OpenTelemetry's, for the runs started with a trace (workflows/tracing.ts).
 * The same whether tracing is on or not (the spans go to the worker's sink, runtime/tracing.ts), so
 * a bundle never depends on the environment it was made in.
 */
export function workflowInterceptorModules(): string[] {
  return [join(__dirname, '..', 'workflows', 'tracing.ts')];
}

/** `./<folder>/workflow.ts` (and `forms.ts` where there is one) of every kind, as the bundle's context sees them. */
export function processModuleMap(definitions: readonly ProcessDefinition[] = registered): Record<string, string> {
  const map: Record<string, string> = {};
  for (const d of definitions) {
    for (const file of ['workflow.ts', 'forms.ts']) {
      const key = `./${folderOf(d.kind)}/${file}`;
      if (existsSync(join(processesDir, key))) map[key] = key;
    }
  }
  return map;
}

/** The bundler hook that gives workers/workflows.ts the registered kinds; `then` runs after it (a test's own alias). */
export function processesHook(definitions?: readonly ProcessDefinition[], then: WebpackConfigHook = (c) => c): WebpackConfigHook {
  return (config) => {
    config.plugins = [...(config.plugins ?? []), new ContextReplacementPlugin(/[\\/]processes$/, processesDir, processModuleMap(definitions))];
    return then(config);
  };
}
