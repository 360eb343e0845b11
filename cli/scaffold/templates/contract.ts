import { docComment } from '../doc-comment';
import type { KindNames } from '../names';

/** `contract.ts`: the start contract, checked at the boundary, and the state the workflow reports. */
export function contractFile(n: KindNames): string {
  return `${docComment(`The contracts of ${n.a} ${n.words}: what starts one, checked by the intake and the API before the workflow runs, and the state its workflow reports.`)}
import { z } from 'zod';
import { DepartmentId } from '../../contracts/directory';
import type { Light } from '../../contracts/ladder';

/** A start, as it comes on \`gl.cmd.${n.aggregate}.start\` or \`POST /api/processes/${n.kind}\`. */
export const Start${n.type} = z.object({
  /** Its own id: also its workflow id, so a repeated start has one effect. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,80}$/, '3–81 letters, digits, ".", "_" or "-"'),
  title: z.string().trim().min(1).max(200),
  /** The department that reviews it; the directory must know it (definition.ts). */
  departmentId: DepartmentId,
  details: z.string().trim().max(8000).optional(),
  // TODO(${n.kind}): what else a start must carry (the parties, the place, the documents), each with a doc comment.
});
export type Start${n.type} = z.infer<typeof Start${n.type}>;

/**
 * The workflow's state, as its \`state\` query answers it and its result returns it. A plain
 * interface rather than a schema: the workflow imports contracts as types only, so no schema is
 * built in its sandbox. Give the definition a \`state\` schema when the API should document it.
 */
export interface ${n.type}State {
  id: string;
  title: string;
  status: 'open' | 'closed';
  /** The worst light its review reached, once reviewed; while the review is open, the task's own light is the live one. */
  light: Light;
  departmentId: string;
  /** The department's assigned leader (挂点领导): the last rung of the review's ladder. */
  assignedLeaderId?: string;
  outcome?: 'approved' | 'rejected';
  /** The human tasks open now, by workflow id: what an inbox links to. */
  openTaskIds: string[];
  timeline: Array<{ at: string; event: string; detail: Record<string, unknown> }>;
}
`;
}
