/**
 * Submitting a major project and acting on its items, shared by the NATS intake and the HTTP
 * API: validate against the contract, the plan's rules and the directory, then start the
 * workflow under the project's own id so that a repeated submission has one effect.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Directory } from '../contracts/directory';
import { SubmitProject, validatePlan } from '../contracts/project';
import { projectApproval } from '../workflows/project-approval';
import { startOnce, validateAgainst, type Issue, type Validated } from './validated';

/** The contract, then the plan's own rules, then what only the directory knows. */
export function validateProject(body: unknown, directory: Directory): Validated<SubmitProject> {
  return validateAgainst(SubmitProject, projectDirectoryIssues, body, directory);
}

/** The plan's rules, the assigned leader and the responsible department. */
export function projectDirectoryIssues(project: SubmitProject, directory: Directory): Issue[] {
  const issues: Issue[] = validatePlan(project.plan, directory).map((p) => ({ path: `plan.${p.path}`, message: p.message }));
  const leader = directory.people.find((p) => p.id === project.assignedLeaderId);
  if (!leader || !leader.roles.includes('leader')) issues.push({ path: 'assignedLeaderId', message: `${project.assignedLeaderId} is not a leader in the directory` });
  if (!directory.departments.some((d) => d.id === project.responsibleDepartmentId)) {
    issues.push({ path: 'responsibleDepartmentId', message: `unknown department ${project.responsibleDepartmentId}` });
  }
  return issues;
}

/** Starts the project's workflow; `existing` is true when this id was submitted before. */
export async function startProject(client: Client, taskQueue: string, project: SubmitProject): Promise<{ id: string; existing: boolean }> {
  return startOnce(client, projectApproval, { taskQueue, workflowId: project.id, input: project, title: project.name });
}

/** The reason and failure type an item Update was refused with by the project's validator, if it was. */
export function refusal(err: unknown): { type: string; message: string } | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return { type: err.cause.type ?? 'Error', message: err.cause.message };
  }
  return undefined;
}
