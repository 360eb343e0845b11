/** What only the directory can say about a project: its plan's departments, its assigned leader, its responsible department. */
import type { Directory } from '../../contracts/directory';
import type { Issue } from '../../contracts/issues';
import { validatePlan, type SubmitProject } from './contract';

export function projectDirectoryIssues(project: SubmitProject, directory: Directory): Issue[] {
  const issues: Issue[] = validatePlan(project.plan, directory).map((p) => ({ path: `plan.${p.path}`, message: p.message }));
  const leader = directory.people.find((p) => p.id === project.assignedLeaderId);
  if (!leader || !leader.roles.includes('leader')) issues.push({ path: 'assignedLeaderId', message: `${project.assignedLeaderId} is not a leader in the directory` });
  if (!directory.departments.some((d) => d.id === project.responsibleDepartmentId)) {
    issues.push({ path: 'responsibleDepartmentId', message: `unknown department ${project.responsibleDepartmentId}` });
  }
  return issues;
}

/** A department an amendment names exists: the workflow cannot read the directory. */
export function departmentIssues(path: string, departmentId: string, directory: Directory): Issue[] {
  return directory.departments.some((d) => d.id === departmentId) ? [] : [{ path, message: `unknown department ${departmentId}` }];
}
