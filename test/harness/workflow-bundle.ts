/** One workflow bundle per test file: bundling takes seconds, and every worker can share it. */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { processesHook, workflowInterceptorModules, workflowsPath } from '../../workers/workflow-bundle';

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The production workflows, or those of another entry file (a fixture testing one building block). */
export function workflowBundle(path = workflowsPath()): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(path);
  if (!bundle) {
    bundle = bundleWorkflowCode({ workflowsPath: path, workflowInterceptorModules: workflowInterceptorModules(), logger: quietLogger, webpackConfigHook: processesHook() });
    bundles.set(path, bundle);
  }
  return bundle;
}

const noop = () => undefined;
/** The bundler says only what went wrong. */
export const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
