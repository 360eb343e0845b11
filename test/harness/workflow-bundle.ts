/** One workflow bundle per test file: bundling takes seconds, and every worker can share it. */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowsPath } from '../../workers/worker';

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The production workflows, or those of another entry file (a fixture testing one building block). */
export function workflowBundle(path = workflowsPath()): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(path);
  if (!bundle) {
    bundle = bundleWorkflowCode({ workflowsPath: path, logger: quietLogger });
    bundles.set(path, bundle);
  }
  return bundle;
}

const noop = () => undefined;
/** The bundler says only what went wrong. */
export const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
