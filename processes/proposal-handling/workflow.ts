/**
 * A CPPCC proposal (政协提案): the co-units' (协办单位) opinions in parallel, the lead unit's
 * (主办单位) reply classified A/B/C by its deadline, the proposers' rating (not satisfied: the
 * reply is redone once), and for B and C follow-up reviews (回头看) months later that may move
 * it up, until A or the configured number of reviews. The run continues as new before every
 * follow-up wait, so a proposal that lives for years keeps a short history.
 *
 * The story is here; its parts, each with its rules, beside it: `proposal-run.ts` (what they
 * share), `reply.ts` (opinions, reply, redo), `rating.ts` (the proposers' rating),
 * `follow-up.ts` (the reviews, and continuing as new), `ladders.ts`.
 *
 * Rules of the story: the units are checked against the directory at registration (the
 * committee that rates it and whose head its ladders reach comes from there); a proposal
 * registered with its reply already given (`history`) is imported: its reply, and its rating or
 * the rating still to ask; A closes it, B and C go to follow-up.
 */
import { defineQuery, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { RegisterProposal, type ProposalParams, type ProposalState } from './contract';
import { EventOutbox, followUpAt, toCloudEventSource, workflowNowIso } from '../../workflows/blocks';
import { review, scheduleReview } from './follow-up';
import { checkProposalUnits, ladderPresets, PROCESS_KIND, proposalRun, type ProposalRun } from './proposal-run';
import { rate, recordSatisfaction } from './rating';
import { acceptReply, handle } from './reply';

export { facts, PROCESS_KIND, replyMonths } from './proposal-run';

export const proposalStateQuery = defineQuery<ProposalState>('state');

/**
 * One proposal, from registration to closing. The workflow id is the case number. `carried` is
 * the state a run passes on when it continues as new before a follow-up wait.
 */
export async function proposalHandling(raw: RegisterProposal, carried?: ProposalState): Promise<ProposalState> {
  const proposal: ProposalParams = RegisterProposal.parse(raw);
  const id = workflowInfo().workflowId;
  // Published through an ordinary activity: opinions, the reply and the rating's timer run side by side here.
  const outbox = new EventOutbox(toCloudEventSource(PROCESS_KIND, id), carried?.eventSequence ?? 0, 'activity');
  const state: ProposalState = carried ?? {
    id,
    title: proposal.title,
    leadUnitId: proposal.leadUnitId,
    coUnitIds: proposal.coUnitIds,
    key: proposal.key !== undefined,
    supervisingLeaderIds: proposal.key?.supervisingLeaderIds ?? [],
    registeredAt: proposal.registeredAt ? new Date(proposal.registeredAt).toISOString() : workflowNowIso(),
    status: 'replying',
    replyRound: 1,
    reviewsDone: 0,
    light: 'green',
    openTaskIds: [],
    taskIds: [],
    timeline: [],
    eventSequence: 0,
  };
  // The proposal's text is read with its state but not carried in it: it is in the input already.
  setHandler(proposalStateQuery, () => ({ ...state, text: proposal.text, proposers: proposal.proposers }));
  const run = proposalRun(id, raw, proposal, state, outbox);

  // The directory's presets (`proposalHandling.reply`, `proposalHandling.redo`) replace the built-in
  // ladders of the replies, which all come in the first run. Proposals registered before presets
  // applied to them run without.
  if (!carried) {
    const units = await checkProposalUnits({ leadUnitId: proposal.leadUnitId, coUnitIds: proposal.coUnitIds });
    if (patched('ladder-presets-from-directory')) run.presets = await ladderPresets({ processKind: PROCESS_KIND });
    state.committeeId = units.committeeId;
    state.committeeHeadId = units.committeeHeadId;
    run.index();
    run.happened('registered', {
      caseNumber: id, proposers: proposal.proposers, coUnitIds: proposal.coUnitIds, simple: proposal.simple,
      registeredAt: state.registeredAt, supervisingLeaderIds: state.supervisingLeaderIds, imported: proposal.history !== undefined,
    }, run.topIfKey(['departmentHead']));
    await run.drain();

    if (proposal.history) {
      acceptReply(run, proposal.history.reply, { at: new Date(proposal.history.repliedAt).toISOString(), imported: true });
      if (proposal.history.satisfaction) recordSatisfaction(run, proposal.history.satisfaction, { imported: true });
      else await rate(run);
    } else {
      await handle(run);
    }
    await run.drain();
    if (state.class === 'A') return close(run);
    return scheduleReview(run);
  }

  // A run continued as new indexes itself again rather than rely on the server carrying its attributes over.
  run.index();
  await followUpAt(state.nextReviewAt as string, () => review(run));
  if (state.class === 'A' || state.reviewsDone >= proposal.followUp.reviews) return close(run);
  return scheduleReview(run);
}

async function close(run: ProposalRun): Promise<ProposalState> {
  const { state } = run;
  state.status = 'closed';
  state.nextReviewAt = undefined;
  run.index();
  run.happened('closed', { finalClass: state.class, repliedClass: state.repliedClass, reviews: state.reviewsDone, satisfaction: state.satisfaction });
  await run.drain();
  state.eventSequence = run.outbox.lastSequence;
  return state;
}
