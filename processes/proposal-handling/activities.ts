/**
 * The units of a proposal, checked against the directory: its lead unit and co-units must be
 * departments, and the proposal committee's head is the one its late replies escalate to.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from '../../activities';
import { loadDirectory } from '../../activities/directory-file';
import type { Directory } from '../../contracts/directory';

/** The CPPCC proposal committee (政协提案委) as a department of the directory. */
export const PROPOSAL_COMMITTEE = 'cppcc';

export interface ProposalUnits {
  committeeId: string;
  committeeHeadId: string;
}

export function proposalUnits(directory: Directory, req: { leadUnitId: string; coUnitIds: string[] }): ProposalUnits {
  const known = new Set(directory.departments.map((d) => d.id));
  const unknown = [req.leadUnitId, ...req.coUnitIds].filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`unknown unit${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  const committee = directory.departments.find((d) => d.id === PROPOSAL_COMMITTEE);
  if (!committee) throw new Error(`the directory has no proposal committee (department ${PROPOSAL_COMMITTEE})`);
  return { committeeId: committee.id, committeeHeadId: committee.headId };
}

export function proposalActivities(deps: Pick<ActivityDeps, 'directoryPath'>) {
  return {
    /** Checks a proposal's units and names the committee; a unit not in the directory fails the proposal at once. */
    async checkProposalUnits(req: { leadUnitId: string; coUnitIds: string[] }): Promise<ProposalUnits> {
      try {
        return proposalUnits(loadDirectory(deps.directoryPath), req);
      } catch (err) {
        throw ApplicationFailure.nonRetryable((err as Error).message, 'UnknownUnit');
      }
    },
  };
}

export type ProposalActivities = ReturnType<typeof proposalActivities>;
