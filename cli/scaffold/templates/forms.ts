import { docComment } from '../doc-comment';
import type { KindNames } from '../names';

/** `forms.ts`: the review's outcomes and their payloads. */
export function formsFile(n: KindNames): string {
  return `${docComment(`The forms of ${n.a} ${n.words}'s tasks: the outcomes a person may choose, and the payload each needs. A task names its form by name alone, so form names are unique across every kind (hence the \`${n.kind}\` prefix). Each is a thunk, built on first use: the workflow sandbox evaluates a workflow's imports once per workflow, and schemas built at import would cost every one of them.`)}
import { z } from 'zod';
import type { FormSet } from '../../contracts/forms';

export const forms = {
  /** The department's review: approve, with an optional comment, or reject, saying why. */
  ${n.kind}Review: () => ({
    approve: z.object({ comment: z.string().trim().max(4000).optional() }).strict(),
    reject: z.object({ reason: z.string().trim().min(1, 'say why') }).strict(),
  }),
} satisfies FormSet;
`;
}
