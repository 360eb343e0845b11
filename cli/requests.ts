/**
 * The enterprise request commands.
 *
 *   submit-request <file.json> [--as <personId>]   through the API as that liaison; without --as,
 *                                                  as a liaison's app does: on NATS gl.cmd.request.submit
 *   request <id> --as <personId> [--json]          status, light, deadline, open tasks, timeline
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SubmitRequest } from '../contracts/enterprise-request';
import { apiClient } from './api-client';
import { publishChecked } from './publish-command';

export async function requestsCommand(command: 'submit-request' | 'request', args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!positionals[0]) {
    out(command === 'request' ? 'usage: request <id> --as <personId> [--json]' : 'usage: submit-request <file.json> [--as <liaisonId>]');
    return 2;
  }
  if (command === 'request') {
    const view = await (await apiClient(values.as)).call<Record<string, unknown> & { timeline: Array<{ at: string; event: string }> }>(
      'GET', `/api/requests/${encodeURIComponent(positionals[0])}`);
    if (values.json) {
      out(JSON.stringify(view, null, 2));
      return 0;
    }
    out(`${view.id}  ${view.title}`);
    out(`  status ${view.status}${view.resolution ? ` (${view.resolution})` : ''}, light ${view.light}, department ${view.departmentId ?? '-'}, round ${view.round}`);
    if (view.dueAt) out(`  due ${view.dueAt}${view.provisional ? ' (provisional)' : ''}`);
    for (const entry of view.timeline) out(`  ${entry.at}  ${entry.event}`);
    return 0;
  }

  const body: unknown = JSON.parse(readFileSync(positionals[0], 'utf8'));
  if (values.as) {
    const accepted = await (await apiClient(values.as)).call<{ id: string; existing: boolean }>('POST', '/api/requests', body);
    out(`${accepted.existing ? 'already submitted' : 'accepted'}: ${accepted.id}`);
    return 0;
  }
  const published = await publishChecked('gl.cmd.request.submit', SubmitRequest, body, out);
  if (!published) return 2;
  const { value: request, ack } = published;
  out(`published ${request.id} to gl.cmd.request.submit (stream ${ack.stream}, seq ${ack.seq}); follow it with: greenlight request ${request.id} --as ${request.liaisonId}`);
  return 0;
}
