/**
 * What a new version of the directory changes: who is added, changed (and which of their fields)
 * and removed, of people and of departments. Said in ids and field names: a version's record
 * keeps these, and the pages put names to them.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Directory } from '../contracts/directory';

export interface EntryChanges {
  added: string[];
  changed: { id: string; fields: string[] }[];
  removed: string[];
}

export interface DirectoryChanges {
  people: EntryChanges;
  departments: EntryChanges;
  /** Whether the ladder presets differ (the spreadsheet keeps the current ones). */
  ladders: boolean;
}

function entries<T extends { id: string }>(before: readonly T[], after: readonly T[]): EntryChanges {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const changed: EntryChanges['changed'] = [];
  for (const [id, e] of now) {
    const was = old.get(id);
    if (!was) continue;
    const fields = [...new Set([...Object.keys(was), ...Object.keys(e)])]
      .filter((k) => !isDeepStrictEqual((was as Record<string, unknown>)[k], (e as Record<string, unknown>)[k]));
    if (fields.length) changed.push({ id, fields });
  }
  return { added: [...now.keys()].filter((id) => !old.has(id)), changed, removed: [...old.keys()].filter((id) => !now.has(id)) };
}

export function directoryChanges(before: Directory | undefined, after: Directory): DirectoryChanges {
  return {
    people: entries(before?.people ?? [], after.people),
    departments: entries(before?.departments ?? [], after.departments),
    ladders: !isDeepStrictEqual(before?.ladders ?? {}, after.ladders),
  };
}

export function changesCount(c: DirectoryChanges): number {
  return [c.people, c.departments].reduce((n, e) => n + e.added.length + e.changed.length + e.removed.length, 0) + (c.ladders ? 1 : 0);
}

/**
 * Who would leave a task without a holder: people removed, and people who leave a department (a
 * task they hold there was theirs as its member); departments removed (a task offered to one).
 */
export function holdersLeaving(before: Directory, after: Directory): { people: { id: string; departments: string[] | 'all' }[]; departments: string[] } {
  const now = new Map(after.people.map((p) => [p.id, p]));
  const people: { id: string; departments: string[] | 'all' }[] = [];
  for (const p of before.people) {
    const stays = now.get(p.id);
    if (!stays) people.push({ id: p.id, departments: 'all' });
    else {
      const left = p.departments.filter((d) => !stays.departments.includes(d));
      if (left.length) people.push({ id: p.id, departments: left });
    }
  }
  const departments = before.departments.map((d) => d.id).filter((id) => !after.departments.some((d) => d.id === id));
  return { people, departments };
}
