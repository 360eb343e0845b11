/**
 * Routing a request to its handling department through the directory.
 */
import type { Directory } from '../contracts/directory';

import type { Ladder } from '../contracts/ladder';

export interface Route {
  departmentId: string;
  assignedLeaderId: string;
  /** The directory's ladder presets for this kind of process, by task name. */
  ladders: Record<string, Ladder>;
}

/** Presets for one process kind, keyed by task name (`enterpriseRequest.handling` → `handling`). */
export function ladderPresets(directory: Directory, processKind: string): Record<string, Ladder> {
  const prefix = `${processKind}.`;
  return Object.fromEntries(
    Object.entries(directory.ladders).filter(([key]) => key.startsWith(prefix)).map(([key, ladder]) => [key.slice(prefix.length), ladder]),
  );
}

/** An explicit department wins; else the department that handles the category; else the one handling "other". */
export function routeRequest(directory: Directory, req: { category: string; departmentId?: string }): Route {
  const byId = (id: string) => directory.departments.find((d) => d.id === id);
  const department = req.departmentId
    ? byId(req.departmentId)
    : directory.departments.find((d) => d.handles.includes(req.category)) ?? directory.departments.find((d) => d.handles.includes('other'));
  if (!department) {
    throw new Error(req.departmentId ? `unknown department ${req.departmentId}` : `no department handles category ${req.category}`);
  }
  return { departmentId: department.id, assignedLeaderId: department.assignedLeaderId, ladders: ladderPresets(directory, 'enterpriseRequest') };
}
