/**
 * Submitting an enterprise request, shared by the NATS intake and the HTTP API: validate
 * against the contract and the directory, then start the workflow under the request's own id
 * so that a repeated submission has one effect.
 */
import type { Client } from '@temporalio/client';
import type { Directory } from '../contracts/directory';
import { SubmitRequest } from '../contracts/enterprise-request';
import { enterpriseRequest } from '../workflows/enterprise-request';
import { startOnce, validateAgainst, type Issue, type Validated } from './validated';

/** The contract first, then what only the directory knows. */
export function validateSubmission(body: unknown, directory: Directory): Validated<SubmitRequest> {
  return validateAgainst(SubmitRequest, requestDirectoryIssues, body, directory);
}

/** The liaison is a liaison, and an explicit department exists. */
export function requestDirectoryIssues(request: SubmitRequest, directory: Directory): Issue[] {
  const issues: Issue[] = [];
  const liaison = directory.people.find((p) => p.id === request.liaisonId);
  if (!liaison || !liaison.roles.includes('liaison')) issues.push({ path: 'liaisonId', message: `${request.liaisonId} is not a liaison in the directory` });
  if (request.departmentId && !directory.departments.some((d) => d.id === request.departmentId)) {
    issues.push({ path: 'departmentId', message: `unknown department ${request.departmentId}` });
  }
  return issues;
}

/** Starts the request's workflow; `existing` is true when this id was submitted before. */
export async function startRequest(client: Client, taskQueue: string, request: SubmitRequest): Promise<{ id: string; existing: boolean }> {
  return startOnce(client, enterpriseRequest, { taskQueue, workflowId: request.id, input: request, title: request.title });
}
