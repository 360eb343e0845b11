/**
 * Every workflow the worker registers. Deterministic code only: no I/O, no Node modules;
 * side effects go through activities.
 */
export { humanTask } from './human-task';
export { enterpriseRequest } from './enterprise-request';
export { projectApproval } from './project-approval';
export { proposalHandling } from './proposal-handling';
