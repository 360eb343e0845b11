/**
 * Every workflow the worker registers. Deterministic code only: no I/O, no Node modules;
 * side effects go through activities.
 *
 * The Temporal sandbox evaluates a workflow's modules once per workflow. The human task, the
 * most numerous by far, is imported directly; each process is loaded only by its own
 * workflows (an eager `import()`: bundled here, evaluated on first call), so a task does not
 * pay for every process's contracts.
 */
import type { enterpriseRequest as EnterpriseRequest } from './enterprise-request';
import type { projectApproval as ProjectApproval } from './project-approval';
import type { proposalHandling as ProposalHandling } from './proposal-handling';

export { humanTask } from './human-task';

export async function enterpriseRequest(...args: Parameters<typeof EnterpriseRequest>): ReturnType<typeof EnterpriseRequest> {
  return (await import(/* webpackMode: "eager" */ './enterprise-request')).enterpriseRequest(...args);
}

export async function projectApproval(...args: Parameters<typeof ProjectApproval>): ReturnType<typeof ProjectApproval> {
  return (await import(/* webpackMode: "eager" */ './project-approval')).projectApproval(...args);
}

export async function proposalHandling(...args: Parameters<typeof ProposalHandling>): ReturnType<typeof ProposalHandling> {
  return (await import(/* webpackMode: "eager" */ './proposal-handling')).proposalHandling(...args);
}
