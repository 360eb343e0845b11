/**
 * The figures the district reports about its proposals (275 registered, 100% satisfaction, 21
 * moved from B/C to A by the follow-up review), counted over the facts each proposal's events
 * declare (workflow.ts `facts`) — in the record, which keeps them for years; never a table kept by hand.
 */
import type { ProcessQueries } from '../../contracts/process-queries';
import type { ProposalStats } from './contract';

export async function proposalStats({ count }: ProcessQueries): Promise<ProposalStats> {
  const fact = (name: string) => count({ fact: name });
  const classes = ['A', 'B', 'C'] as const;
  const [registered, key, replied, repliedOnTime, closed, movedToA] = await Promise.all([
    count(), fact('key'), fact('replied'), fact('repliedOnTime'), count({ status: 'closed' }), fact('movedToA'),
  ]);
  const [nowA, nowB, nowC] = await Promise.all(classes.map((c) => count({ category: c })));
  const [firstA, firstB, firstC] = await Promise.all(classes.map((c) => fact(`replied:${c}`)));
  const [satisfied, basicallySatisfied, notSatisfied, noAnswer] = await Promise.all(
    (['satisfied', 'basicallySatisfied', 'notSatisfied', 'noAnswer'] as const).map((r) => fact(`satisfaction:${r}`)),
  );
  const answered = satisfied + basicallySatisfied + notSatisfied;
  return {
    registered,
    key,
    replied,
    repliedOnTime,
    closed,
    byClass: { A: nowA, B: nowB, C: nowC },
    byRepliedClass: { A: firstA, B: firstB, C: firstC },
    satisfaction: { satisfied, basicallySatisfied, notSatisfied, noAnswer },
    // Satisfied or basically satisfied among the proposers who answered (满意和基本满意率).
    satisfactionRate: answered > 0 ? (satisfied + basicallySatisfied) / answered : null,
    movedToAByFollowUp: movedToA,
  };
}
