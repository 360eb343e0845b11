/**
 * CPPCC proposals (政协提案): replies classified A/B/C, satisfaction, follow-up reviews.
 * See README.md beside this file.
 */
import { join } from 'node:path';
import { GlProposalFacts } from '../../contracts/search-attributes';
import { presentation } from './presentation';
import { defineProcess } from '../definition';
import { proposalActivities } from './activities';
import { proposalScope, ProposalState, ProposalStats, RegisterProposal, type ProposalParams } from './contract';
import { proposalDirectoryIssues } from './directory-check';
import { forms } from './forms';
import { redoLadder, replyLadder } from './ladders';
import { proposalStats } from './stats';
import { proposalHandling } from './workflow';

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
  access: {
    // The proposal committee (政协提案委) registers every proposal and follows each one.
    start: [{ role: 'committeeStaff', reach: 'any' }],
    whoStarts: 'only the proposal committee staff (or an admin) register proposals',
    startScope: (proposal) => ({ departments: [proposal.leadUnitId, ...proposal.coUnitIds], people: [] }),
    scope: proposalScope,
    overseenBy: ['committeeStaff'],
  },
  state: () => ProposalState,
  tasksOf: (state) => state.taskIds,
  forms,
  // The reply ladder of an ordinary proposal (3 months), and of a redo.
  ladders: { reply: replyLadder(3, false), redo: redoLadder(false) },
  searchAttributes: [GlProposalFacts],
  events: [
    'proposal.registered', 'proposal.opinion-given', 'proposal.replied', 'proposal.satisfaction', 'proposal.follow-up-scheduled',
    'proposal.reviewed', 'proposal.reclassified', 'proposal.closed',
  ],
  presentation,
  // The proposers' satisfaction over the session (满意和基本满意率), as the district publishes it; not answering is not counted.
  measures: [{ name: 'satisfaction', label: '提案办理满意', good: ['satisfaction:satisfied', 'satisfaction:basicallySatisfied'], bad: ['satisfaction:notSatisfied'], over: 'year' }],
  start: { subject: 'gl.cmd.proposal.register' },
  demo: join(__dirname, 'demo.commands.json'),
  activities: proposalActivities,
  listFilters: [{ name: 'key', summary: 'only key proposals (重点提案)', values: ['true'], clause: () => `GlProposalFacts = 'key'`, fact: () => 'key' }],
  reports: [{
    name: 'stats',
    summary: 'Registered, replied on time, by class, satisfaction rate, moved to A by follow-up review (leaders and the committee)',
    roles: ['leader', 'topLeader', 'committeeStaff'],
    result: () => ProposalStats,
    run: proposalStats,
  }],
});
