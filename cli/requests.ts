/**
 * The enterprise request commands.
 *
 *   submit-request <file.json> [--as <personId>]   through the API as that liaison; without --as,
 *                                                  as a liaison's app does: on NATS gl.cmd.request.submit
 *   request <id> --as <personId> [--json]          status, light, deadline, open tasks, timeline
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { SubmitRequest } from '../contracts/enterprise-request';
import { apiClient } from './api-client';

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
  // On NATS the intake validates against the directory too; check the contract here so a typo is caught at once.
  const checked = SubmitRequest.safeParse(body);
  if (!checked.success) {
    checked.error.issues.forEach((i) => out(`  ${i.path.join('.') || '(body)'}: ${i.message}`));
    return 2;
  }
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'greenlight-cli' });
  try {
    const ack = await jetstream(nc).publish('gl.cmd.request.submit', JSON.stringify(checked.data));
    out(`published ${checked.data.id} to gl.cmd.request.submit (stream ${ack.stream}, seq ${ack.seq}); follow it with: greenlight request ${checked.data.id} --as ${checked.data.liaisonId}`);
  } finally {
    await nc.close();
  }
  return 0;
}
