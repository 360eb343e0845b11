/**
 * Enterprise requests (企业诉求): collected by a liaison (红小二), resolved within 3 working days.
 * See README.md beside this file.
 */
import { join } from 'node:path';
import { presentation } from './presentation';
import { defineProcess } from '../definition';
import { requestActivities } from './activities';
import { RequestState, requestScope, SubmitRequest } from './contract';
import { requestDirectoryIssues } from './directory-check';
import { forms } from './forms';
import { enterpriseRequest, requestLadders } from './workflow';

export const enterpriseRequestDefinition = defineProcess<SubmitRequest, RequestState>({
  kind: 'enterpriseRequest',
  version: 1,
  title: 'Enterprise request (企业诉求)',
  summary: "An enterprise's request collected by a liaison, resolved by its department within 3 working days and confirmed by the liaison.",
  workflow: enterpriseRequest,
  input: () => SubmitRequest,
  checkDirectory: requestDirectoryIssues,
  idOf: (request) => request.id,
  titleOf: (request) => request.title,
  access: {
    // The liaison who collected it submits it; nobody submits in another liaison's name.
    start: [{ role: 'liaison', reach: 'named' }],
    whoStarts: 'only the liaison who collected the request (or an admin) may submit it',
    startScope: (request) => ({ departments: [], people: [request.liaisonId] }),
    scope: requestScope,
  },
  state: () => RequestState,
  tasksOf: (state) => state.openTaskIds,
  forms,
  ladders: requestLadders,
  searchAttributes: [],
  events: [
    'request.submitted', 'request.routed', 'request.transferred', 'request.resolved', 'request.confirmed',
    'request.reopened', 'request.escalated', 'request.closed', 'request.withdrawn',
  ],
  presentation,
  start: { subject: 'gl.cmd.request.submit' },
  demo: join(__dirname, 'demo.commands.json'),
  activities: requestActivities,
});
