/**
 * Registering a CPPCC proposal, shared by the NATS intake and the HTTP API: validate against
 * the contract and the directory, then start the workflow under the case number so that
 * registering the same proposal twice has one effect.
 */
import type { Client } from '@temporalio/client';
import type { Directory } from '../contracts/directory';
import { RegisterProposal, type ProposalParams } from '../contracts/proposal';
import { proposalHandling } from '../workflows/proposal-handling';
import { startOnce, validateAgainst, type Issue, type Validated } from './validated';

/** The contract first, then what only the directory knows. */
export function validateProposal(body: unknown, directory: Directory): Validated<RegisterProposal> {
  return validateAgainst(RegisterProposal, proposalDirectoryIssues, body, directory);
}

/** The units exist, the supervisors are top leaders. */
export function proposalDirectoryIssues(proposal: ProposalParams, directory: Directory): Issue[] {
  const issues: Issue[] = [];
  const departments = new Set(directory.departments.map((d) => d.id));
  if (!departments.has(proposal.leadUnitId)) issues.push({ path: 'leadUnitId', message: `unknown unit ${proposal.leadUnitId}` });
  proposal.coUnitIds.forEach((id, i) => {
    if (!departments.has(id)) issues.push({ path: `coUnitIds.${i}`, message: `unknown unit ${id}` });
  });
  proposal.key?.supervisingLeaderIds.forEach((id, i) => {
    const person = directory.people.find((p) => p.id === id);
    if (!person?.roles.includes('topLeader')) issues.push({ path: `key.supervisingLeaderIds.${i}`, message: `${id} is not a top leader in the directory` });
  });
  return issues;
}

/** Starts the proposal's workflow; `existing` is true when this case number was registered before. */
export async function startProposal(client: Client, taskQueue: string, proposal: RegisterProposal): Promise<{ id: string; existing: boolean }> {
  return startOnce(client, proposalHandling, { taskQueue, workflowId: proposal.id, input: proposal, title: proposal.title });
}
