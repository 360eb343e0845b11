/**
 * The department a new kind's demo command and test use, taken from the demo directory
 * (directory/demo.json): the first one with a member of staff besides its head, so that the
 * test can complete the review as that person and see the overdue review reach the head.
 */
import type { Directory } from '../../contracts/directory';

export interface DemoDepartment {
  id: string;
  name: string;
  headId: string;
  assignedLeaderId: string;
  /** A member of its staff who is not its head. */
  staffId: string;
}

export function demoDepartment(directory: Directory): DemoDepartment | undefined {
  for (const department of directory.departments) {
    const staff = directory.people.find((p) => p.id !== department.headId && p.departments.includes(department.id) && p.roles.includes('staff'));
    if (staff) {
      return { id: department.id, name: department.name, headId: department.headId, assignedLeaderId: department.assignedLeaderId, staffId: staff.id };
    }
  }
  return undefined;
}
