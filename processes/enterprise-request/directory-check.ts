/**
 * What only the directory can say about a request: its liaison is a liaison, an explicit
 * department exists, a named handling ladder is one of its presets.
 */
import type { Directory } from '../../contracts/directory';
import type { Issue } from '../../contracts/issues';
import type { SubmitRequest } from './contract';
import { namedHandlingLadder, PROCESS_KIND } from './kind';

export function requestDirectoryIssues(request: SubmitRequest, directory: Directory): Issue[] {
  const issues: Issue[] = [];
  const liaison = directory.people.find((p) => p.id === request.liaisonId);
  if (!liaison || !liaison.roles.includes('liaison')) issues.push({ path: 'liaisonId', message: `${request.liaisonId} is not a liaison in the directory` });
  if (request.departmentId && !directory.departments.some((d) => d.id === request.departmentId)) {
    issues.push({ path: 'departmentId', message: `unknown department ${request.departmentId}` });
  }
  const preset = request.handlingLadder && `${PROCESS_KIND}.${namedHandlingLadder(request.handlingLadder)}`;
  if (preset && !directory.ladders[preset]) issues.push({ path: 'handlingLadder', message: `the directory has no ladder preset ${preset}` });
  return issues;
}
