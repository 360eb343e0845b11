/** The major project's workflow, where the worker's bundle looks for it (see workflows/index.ts). */
export { projectApproval } from '../../workflows/project-approval';
