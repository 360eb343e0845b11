/**
 * Resolves the roles a ladder names into people, through the directory.
 */
import type { Directory } from '../contracts/directory';
import type { RecipientRole } from '../contracts/ladder';

export interface RecipientQuery {
  roles: RecipientRole[];
  departmentId?: string;
  assigneeId?: string;
  assignedLeaderId?: string;
  supervisingLeaderIds?: string[];
  /** People named by id (those copied, those asked), after the roles' people. */
  people?: string[];
}

/** People to tell, each once, in the order the roles were named. */
export function resolveRecipients(directory: Directory, query: RecipientQuery): string[] {
  const department = query.departmentId ? directory.departments.find((d) => d.id === query.departmentId) : undefined;
  const found = new Set<string>();
  for (const role of query.roles) {
    switch (role) {
      case 'assignee':
        if (query.assigneeId) found.add(query.assigneeId);
        else if (department) {
          directory.people
            .filter((p) => p.departments.includes(department.id) && p.roles.includes('staff'))
            .forEach((p) => found.add(p.id));
        }
        break;
      case 'departmentHead':
        if (department) found.add(department.headId);
        break;
      case 'assignedLeader': {
        const leader = query.assignedLeaderId ?? department?.assignedLeaderId;
        if (leader) found.add(leader);
        break;
      }
      case 'topLeaders': {
        const supervising = query.supervisingLeaderIds ?? [];
        const leaders = supervising.length > 0
          ? supervising
          : directory.people.filter((p) => p.roles.includes('topLeader')).map((p) => p.id);
        leaders.forEach((id) => found.add(id));
        break;
      }
    }
  }
  for (const id of query.people ?? []) found.add(id);
  return [...found];
}
