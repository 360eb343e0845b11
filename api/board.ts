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
  /** The red, then the yellow, running processes of every kind: a page of them (`next` for the following one). */
  items: BoardItem[];
  /** The cursor of the next page of items; absent on the last. */
  next?: string;
}

/** What the board needs of a kind. */
export interface BoardKind { kind: string; title: string; categories?: readonly string[] }

const lightRank: Record<Light, number> = { red: 0, yellow: 1, green: 2 };

/** How many running processes share a kind, a category, a department and a light: what the board is counted from. */
export interface BoardGroup { kind: string; category?: string; departmentId?: string; light: Light; n: number }

function counted(groups: readonly BoardGroup[]): { total: number; lights: LightCounts } {
  const lights: LightCounts = { red: 0, yellow: 0, green: 0 };
  for (const g of groups) lights[g.light] += g.n;
  return { total: lights.red + lights.yellow + lights.green, lights };
}

const worstFirst = (a: { lights: LightCounts; total: number }, b: { lights: LightCounts; total: number }) =>
  b.lights.red - a.lights.red || b.lights.yellow - a.lights.yellow || b.total - a.total;

/**
 * The board of `scope`, counted from `groups` (every running process it covers, grouped by kind,
 * category, department and light: exact, whatever their number), with `items`, the page of its red
 * then yellow processes the caller asked for, and the cursor of the next page.
 */
export function boardFromGroups(scope: Board['scope'], kinds: readonly BoardKind[], groups: readonly BoardGroup[], items: readonly BoardItem[], next?: string): Board {
  const listed = groups.filter((g) => kinds.some((k) => k.kind === g.kind));
  const departments = [...new Set(listed.flatMap((g) => (g.departmentId ? [g.departmentId] : [])))];
  return {
    scope,
    kinds: kinds.map((k) => {
      const mine = listed.filter((g) => g.kind === k.kind);
      if (!k.categories) return { kind: k.kind, title: k.title, ...counted(mine) };
      const known = new Set(k.categories);
      const extra = [...new Set(mine.flatMap((g) => (g.category && !known.has(g.category) ? [g.category] : [])))].sort();
      const categories = [...k.categories, ...extra].map((category) => ({ category, ...counted(mine.filter((g) => g.category === category)) }));
      const none = mine.filter((g) => !g.category);
      return { kind: k.kind, title: k.title, ...counted(mine), categories: none.length > 0 ? [...categories, counted(none)] : categories };
    }),
    departments: departments
      .map((departmentId) => ({ departmentId, ...counted(listed.filter((g) => g.departmentId === departmentId)) }))
      .sort((a, b) => worstFirst(a, b) || a.departmentId.localeCompare(b.departmentId)),
    items: items.filter((p) => kinds.some((k) => k.kind === p.kind)),
    ...(next ? { next } : {}),
  };
}

/** The board of `scope` over `processes` (all of them in memory): every one it covers, of the kinds given, each with its light, every red and yellow one listed. */
export function boardOf(scope: Board['scope'], kinds: readonly BoardKind[], processes: readonly BoardItem[]): Board {
  const groups = processes.map((p): BoardGroup => ({ kind: p.kind, category: p.category, departmentId: p.departmentId, light: p.light, n: 1 }));
  const items = processes
    .filter((p) => p.light !== 'green')
    .sort((a, b) => lightRank[a.light] - lightRank[b.light] || a.kind.localeCompare(b.kind) || (a.title ?? a.id).localeCompare(b.title ?? b.id));
  return boardFromGroups(scope, kinds, groups, items);
}
