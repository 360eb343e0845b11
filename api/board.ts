/**
 * A person's board (挂图作战), computed once: from the running processes within what the person
 * oversees, each with its light (the worse of its own and its open tasks'), it counts every kind
 * by light and by its categories, every department by light whatever the kind, and lists the red
 * and yellow ones. The API serves it, the workbench draws it and the CLI prints it: none of them
 * counts anything itself, so they cannot disagree. Pure: where the processes are read from is the
 * caller's (api/leader-service.ts).
 */
import type { Light } from '../contracts/ladder';
import type { RunningProcess } from '../records/reads';

export interface LightCounts { red: number; yellow: number; green: number }

/** A running process the board counts. */
export type BoardItem = RunningProcess;

export interface BoardScope { departments: string[]; people: string[] }

export interface Board {
  /** `district`, or the departments and the named person (a leader's projects) it covers. */
  scope: 'district' | BoardScope;
  /**
   * Every kind, in the registry's order, with its running processes by light; a kind whose
   * presentation has categories (a project's phases, a proposal's class) also by category, in its
   * order, then those without one yet (`category` absent).
   */
  kinds: Array<{ kind: string; title: string; total: number; lights: LightCounts; categories?: Array<{ category?: string; total: number; lights: LightCounts }> }>;
  /** Every department with a running process of any kind on the board, by light: the most red first. */
  departments: Array<{ departmentId: string; total: number; lights: LightCounts }>;
  /** The red, then the yellow, running processes of every kind. */
  items: BoardItem[];
}

/** What the board needs of a kind. */
export interface BoardKind { kind: string; title: string; categories?: readonly string[] }

const lightRank: Record<Light, number> = { red: 0, yellow: 1, green: 2 };

function counted(items: readonly BoardItem[]): { total: number; lights: LightCounts } {
  const lights: LightCounts = { red: 0, yellow: 0, green: 0 };
  for (const item of items) lights[item.light] += 1;
  return { total: items.length, lights };
}

const worstFirst = (a: { lights: LightCounts; total: number }, b: { lights: LightCounts; total: number }) =>
  b.lights.red - a.lights.red || b.lights.yellow - a.lights.yellow || b.total - a.total;

/** The board of `scope` over `processes`: every running process it covers, of the kinds given, each with its light. */
export function boardOf(scope: Board['scope'], kinds: readonly BoardKind[], processes: readonly BoardItem[]): Board {
  const ofKind = (kind: string) => processes.filter((p) => p.kind === kind);
  const board: Board = {
    scope,
    kinds: kinds.map((k) => {
      const mine = ofKind(k.kind);
      if (!k.categories) return { kind: k.kind, title: k.title, ...counted(mine) };
      const known = new Set(k.categories);
      const extra = [...new Set(mine.flatMap((p) => (p.category && !known.has(p.category) ? [p.category] : [])))].sort();
      const categories = [...k.categories, ...extra].map((category) => ({ category, ...counted(mine.filter((p) => p.category === category)) }));
      const none = mine.filter((p) => !p.category);
      return { kind: k.kind, title: k.title, ...counted(mine), categories: none.length > 0 ? [...categories, counted(none)] : categories };
    }),
    departments: [],
    items: [],
  };
  const listed = processes.filter((p) => kinds.some((k) => k.kind === p.kind));
  const departments = [...new Set(listed.flatMap((p) => (p.departmentId ? [p.departmentId] : [])))];
  board.departments = departments
    .map((departmentId) => ({ departmentId, ...counted(listed.filter((p) => p.departmentId === departmentId)) }))
    .sort((a, b) => worstFirst(a, b) || a.departmentId.localeCompare(b.departmentId));
  board.items = listed
    .filter((p) => p.light !== 'green')
    .sort((a, b) => lightRank[a.light] - lightRank[b.light] || a.kind.localeCompare(b.kind) || (a.title ?? a.id).localeCompare(b.title ?? b.id));
  return board;
}
