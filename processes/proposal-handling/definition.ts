/**
 * CPPCC proposals (政协提案): replies classified A/B/C, satisfaction, follow-up reviews.
 * See docs/proposals.md.
 */
import { forms } from '../../contracts/forms';
import { ProposalState, RegisterProposal, type ProposalParams } from '../../contracts/proposal';
import { GlProposalFacts } from '../../contracts/search-attributes';
import { ProposalService } from '../../api/proposal-service';
import { proposalRoutes } from '../../api/routes/proposals';
import { proposalDirectoryIssues } from '../../intake/register-proposal';
import { proposalHandling } from '../../workflows/proposal-handling';
import { redoLadder, replyLadder } from '../../workflows/proposal-schedule';
import { oversees } from '../../api/visibility';
import { defineProcess } from '../definition';

export const proposalHandlingDefinition = defineProcess<ProposalParams, ProposalState>({
  kind: 'proposalHandling',
  version: 1,
  title: 'CPPCC proposal (政协提案)',
  summary: 'A proposal answered by its lead unit with the co-units, classified A/B/C, rated by the proposers and reviewed again later.',
  workflow: proposalHandling,
  input: () => RegisterProposal,
  checkDirectory: proposalDirectoryIssues,
  idOf: (proposal) => proposal.id,
  titleOf: (proposal) => proposal.title,
  mayStart: (actor) => actor.roles.includes('admin') || actor.roles.includes('committeeStaff')
    || 'only the proposal committee staff (or an admin) register proposals',
  mayRead: (actor, state) => oversees(actor) || actor.departments.some((d) => [state.leadUnitId, ...state.coUnitIds].includes(d)),
  state: () => ProposalState,
  forms: {
    proposalOpinion: forms.proposalOpinion, proposalReply: forms.proposalReply,
    proposalSatisfaction: forms.proposalSatisfaction, followUpReview: forms.followUpReview,
  },
  // The reply ladder of an ordinary proposal (3 months), and of a redo.
  ladders: { reply: replyLadder(3, false), redo: redoLadder(false) },
  searchAttributes: [GlProposalFacts],
  events: [
    'proposal.registered', 'proposal.opinion-given', 'proposal.replied', 'proposal.satisfaction', 'proposal.follow-up-scheduled',
    'proposal.reviewed', 'proposal.reclassified', 'proposal.closed',
  ],
  start: { subject: 'gl.cmd.proposal.register' },
  routes: async (app, ctx) => app.register(proposalRoutes, { proposals: new ProposalService(ctx.client, ctx.taskQueue, ctx.directoryPath) }),
});
