/**
 * What the district's accountability report counts of a key project (its definition's
 * `measures`), as facts of its snapshot (contracts/events.ts parseFact): each node done since the
 * project was put on the chart, on time or late against the date it is assessed by
 * (`nodeOnTime/<node>@<department>`, `nodeLate/…`), and each problem closed (销号), on time when
 * every application for 销号 came before its deadline (`problemClosedOnTime/<problem>@<department>`,
 * `problemClosedLate/…`). Pure: the workflow calls it for every snapshot.
 */
import type { KeyProjectPushState } from './contract';

export function reportFacts(state: Pick<KeyProjectPushState, 'nodes' | 'problems'>): string[] {
  const facts: string[] = [];
  for (const n of state.nodes) {
    // A node recorded done when the project was put on the chart happened before: no period of ours counts it.
    if (n.done && n.done.by !== 'record') facts.push(`${n.done.late ? 'nodeLate' : 'nodeOnTime'}/${n.key}@${n.departmentId}`);
  }
  for (const p of state.problems) {
    if (p.status !== 'closed') continue;
    const late = p.history.some((h) => h.event === 'problem-applied' && h.detail?.late === true);
    facts.push(`${late ? 'problemClosedLate' : 'problemClosedOnTime'}/${p.key}@${p.departmentId ?? ''}`);
  }
  return facts;
}

/** The measures these facts give (processes/definition.ts ReportedMeasure). */
export const measures = [
  { name: 'nodesOnTime', label: '重点项目节点按时完成', good: ['nodeOnTime'], bad: ['nodeLate'] },
  { name: 'problemsClosedOnTime', label: '重点项目问题按时销号', good: ['problemClosedOnTime'], bad: ['problemClosedLate'] },
] as const;
