import { docComment } from '../doc-comment';
import type { KindNames } from '../names';

/** `ladders.ts`: the built-in escalation ladders, by task name. */
export function laddersFile(n: KindNames): string {
  return `${docComment(`The escalation ladders (督办升级) of ${n.a} ${n.words}'s tasks, by task name. The directory's \`${n.kind}.<task>\` presets replace them: a district with other rules, a test counting in minutes. Pure data, no zod: the workflow imports it.`)}
import { workingDayLadder, type Ladder } from '../../workflows/blocks/ladder';

export const ladders = {
  // TODO(${n.kind}): the review's time limit in working days, as the rules for this kind set it.
  /** Due at the end of working day 3: yellow to the reviewers at day 2, red to the department head at 3, the assigned leader at 4. */
  review: workingDayLadder({ due: 3 }),
} satisfies Record<string, Ladder>;
`;
}
