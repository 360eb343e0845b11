/** The CPPCC proposal's workflow, where the worker's bundle looks for it (see workflows/index.ts). */
export { proposalHandling } from '../../workflows/proposal-handling';
