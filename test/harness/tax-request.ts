/**
 * The enterprise request the verbs' tests act on: a tea house's VAT refund, routed to the tax
 * office, whose handling task the tax clerk claims.
 */
import { eventually } from './eventually';
import type { TestStack } from './stack';

/** The API's path of a task. */
export const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** The request's start body, as the liaison submits it. */
export const taxRequest = (id: string) => ({
  id, enterprise: { name: '人民路一家茶馆' }, category: 'tax', title: '增值税留抵退税迟迟未到账',
  description: '三月申请的留抵退税至今未到账。', liaisonId: 'liaison-ye',
});

/** Submits the request and waits for its handling task, claimed by the tax clerk (tax-huang). */
export async function claimedHandlingTask(stack: TestStack, id: string): Promise<string> {
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', taxRequest(id))).status).toBe(202);
  const taskId = `${id}/handling-1`;
  await eventually(() => stack.call('tax-huang', 'GET', taskPath(taskId)), (r) => r.status === 200, 'the handling task');
  expect((await stack.call('tax-huang', 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
  return taskId;
}
