/** The enterprise request's workflow, where the worker's bundle looks for it (see workflows/index.ts). */
export { enterpriseRequest } from '../../workflows/enterprise-request';
