/** What only the directory can say about a request: its liaison is a liaison, an explicit department exists. */
import type { Directory } from '../../contracts/directory';
import type { Issue } from '../../contracts/issues';
import type { SubmitRequest } from './contract';

export function requestDirectoryIssues(request: SubmitRequest, directory: Directory): Issue[] {
  const issues: Issue[] = [];
  const liaison = directory.people.find((p) => p.id === request.liaisonId);
  if (!liaison || !liaison.roles.includes('liaison')) issues.push({ path: 'liaisonId', message: `${request.liaisonId} is not a liaison in the directory` });
  if (request.departmentId && !directory.departments.some((d) => d.id === request.departmentId)) {
    issues.push({ path: 'departmentId', message: `unknown department ${request.departmentId}` });
  }
  return issues;
}
