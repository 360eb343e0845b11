/**
 * The enterprise request's own activity: routing it to its handling department through the
 * directory (an explicit department wins; else the one that handles the category; else the one
 * handling "other"), with the directory's ladder presets for the kind.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from '../../activities';
import { loadDirectory } from '../../activities/directory-file';
import { ladderPresets } from '../../activities/ladder-presets';
import type { Directory } from '../../contracts/directory';
import type { Ladder } from '../../contracts/ladder';
import { PROCESS_KIND } from './kind';

export interface Route {
  departmentId: string;
  assignedLeaderId: string;
  /** The directory's ladder presets for this kind of process, by task name. */
  ladders: Record<string, Ladder>;
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
  return { departmentId: department.id, assignedLeaderId: department.assignedLeaderId, ladders: ladderPresets(directory, PROCESS_KIND) };
}

export function requestActivities(deps: Pick<ActivityDeps, 'directoryPath'>) {
  return {
    /** The handling department of a request, and the leader assigned to it. */
    async routeRequest(req: { category: string; departmentId?: string }): Promise<Route> {
      try {
        return routeRequest(loadDirectory(deps.directoryPath), req);
      } catch (err) {
        throw ApplicationFailure.nonRetryable((err as Error).message, 'RoutingFailed');
      }
    },
  };
}

export type RequestActivities = ReturnType<typeof requestActivities>;
