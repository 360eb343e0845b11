/**
 * The worker's workflow bundle: every workflow it registers. Deterministic code only: no I/O, no Node modules;
 * side effects go through activities.
 *
 * The human task, the most numerous by far, a copy of one (抄送), the supervision instruction (督办), which any
 * process may carry, and the record of a handover (离职交接) are named exports. Each kind of process lives in
 * its folder under processes/ (processes/registry.ts lists them), and runs through the default
 * export, which the SDK calls for any workflow type without a named export: the type
 * (`landUseDispute`, or `landUseDisputeV2`) names the folder (`land-use-dispute`), whose
 * `workflow.ts` exports the function. The bundler includes every folder's `workflow.ts` and
 * `forms.ts`, but evaluates a workflow module only when a workflow of its kind runs: the
 * Temporal sandbox evaluates a workflow's modules once per workflow, so a task does not pay for
 * every process's contracts.
 */
import { workflowInfo } from '@temporalio/workflow';
import { registerFormsLater, type FormSet } from '../contracts/forms';
import { folderOf } from '../processes/definition';

export { humanTask, personHandover, supervisionInstruction, taskCopy } from '../workflows';
/** The weekly dispatch and the monthly 通报, started by their schedules (reports/schedules.ts). */
export { scheduledReport } from '../reports/workflow';

type ProcessModule = Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>;

// Filled by the worker's bundler hook from processes/registry.ts (workers/workflow-bundle.ts):
// each registered kind's `workflow.ts` and `forms.ts`. See module-context.d.ts.
const processModules = require.context('../processes', true, /\/(workflow|forms)\.ts$/);

// A task validates its completion against its form by name, so every kind's forms are known here;
// each kind's forms.ts is evaluated only when a task first looks a form up (contracts/forms.ts).
for (const key of processModules.keys().filter((k) => k.endsWith('/forms.ts'))) {
  registerFormsLater(() => (processModules(key) as { forms: FormSet }).forms, key);
}

/** Any process: the workflow type names its folder and its function. */
export default async function processWorkflow(...args: unknown[]): Promise<unknown> {
  const { workflowType } = workflowInfo();
  const key = `./${folderOf(workflowType)}/workflow.ts`;
  // An unknown type fails the workflow task (retried), as an unregistered workflow does: a worker that knows it may come.
  if (!processModules.keys().includes(key)) {
    throw new Error(`no process definition for workflow type ${workflowType}: processes/${key.slice(2)} is not in the bundle (is the kind in processes/registry.ts?)`);
  }
  const run = (processModules(key) as ProcessModule)[workflowType];
  if (typeof run !== 'function') throw new Error(`processes/${key.slice(2)} does not export ${workflowType}`);
  return run(...args);
}
