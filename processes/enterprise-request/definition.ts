/**
 * Enterprise requests (企业诉求): collected by a liaison (红小二), resolved within 3 working days.
 * See docs/enterprise-requests.md.
 */
import { SubmitRequest, RequestState } from '../../contracts/enterprise-request';
import { forms } from '../../contracts/forms';
import { RequestService } from '../../api/request-service';
import { requestRoutes } from '../../api/routes/requests';
import { requestDirectoryIssues } from '../../intake/submit-request';
import { enterpriseRequest, requestLadders } from '../../workflows/enterprise-request';
import { oversees } from '../../api/visibility';
import { defineProcess } from '../definition';

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
  mayStart: (actor, request) => actor.roles.includes('admin') || (actor.roles.includes('liaison') && request.liaisonId === actor.personId)
    || 'only the liaison who collected the request (or an admin) may submit it',
  mayRead: (actor, state) => oversees(actor) || actor.personId === state.liaisonId
    || (state.departmentId !== undefined && actor.departments.includes(state.departmentId)),
  state: () => RequestState,
  forms: { requestHandling: forms.requestHandling, requestConfirmation: forms.requestConfirmation },
  ladders: requestLadders,
  searchAttributes: [],
  events: [
    'request.submitted', 'request.routed', 'request.transferred', 'request.resolved', 'request.confirmed',
    'request.reopened', 'request.escalated', 'request.closed',
  ],
  start: { subject: 'gl.cmd.request.submit' },
  routes: async (app, ctx) => app.register(requestRoutes, { requests: new RequestService(ctx.client, ctx.taskQueue, ctx.directoryPath) }),
});
