/** What only the directory can say about a proposal: its units exist, its supervisors are top leaders. */
import type { Directory } from '../../contracts/directory';
import type { Issue } from '../../contracts/issues';
import type { ProposalParams } from './contract';

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
