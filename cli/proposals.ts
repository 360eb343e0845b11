/**
 * The CPPCC proposal commands.
 *
 *   proposals register <file.json> [--as <personId>]   through the API as committee staff; without
 *                                                        --as, on NATS gl.cmd.proposal.register
 *   proposals list --as <personId> [--class A|B|C] [--unit U] [--key] [--json]
 *   proposals show <id> --as <personId> [--json]        class, rating, follow-up, timeline
 *   proposals stats --as <personId> [--json]            the figures the district reports
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RegisterProposal, type ProposalStats, type ProposalSummary, type ProposalView } from '../contracts/proposal';
import { apiClient } from './api-client';
import { publishChecked } from './publish-command';

const usage = `usage: proposals register <file.json> [--as <personId>]
       proposals list --as <personId> [--class A|B|C] [--unit <unit>] [--key] [--json]
       proposals show <id> --as <personId> [--json]
       proposals stats --as <personId> [--json]`;

export async function proposalsCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' }, class: { type: 'string' }, unit: { type: 'string' },
      key: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    },
  });
  const [sub, arg] = positionals;
  const print = (data: unknown) => out(JSON.stringify(data, null, 2));
  switch (sub) {
    case 'register':
      if (!arg) break;
      return register(arg, values.as, out);
    case 'list': {
      const query = new URLSearchParams();
      if (values.class) query.set('class', values.class);
      if (values.unit) query.set('unit', values.unit);
      if (values.key) query.set('key', 'true');
      const found = await (await apiClient(values.as)).call<ProposalSummary[]>('GET', `/api/proposals?${query}`);
      if (values.json) print(found);
      else if (found.length === 0) out('no proposals');
      else found.forEach((p) => out(`${p.id.padEnd(12)} ${(p.class ?? '-').padEnd(2)} ${String(p.status ?? '').padEnd(9)} ${String(p.leadUnitId ?? '').padEnd(10)} ${p.key ? '重点 ' : ''}${p.title ?? ''}${p.nextReviewAt ? `  (review ${p.nextReviewAt})` : ''}`));
      return 0;
    }
    case 'show': {
      if (!arg) break;
      const view = await (await apiClient(values.as)).call<ProposalView>('GET', `/api/proposals/${encodeURIComponent(arg)}`);
      if (values.json) {
        print(view);
        return 0;
      }
      out(`${view.id}  ${view.title}${view.key ? '  (重点提案)' : ''}`);
      out(`  status ${view.status}, class ${view.class ?? '-'}${view.repliedClass && view.repliedClass !== view.class ? ` (replied ${view.repliedClass})` : ''}, lead unit ${view.leadUnitId}, rating ${view.satisfaction ?? '-'}`);
      if (view.nextReviewAt) out(`  next follow-up review ${view.nextReviewAt} (${view.reviewsDone} done)`);
      for (const t of view.openTasks) out(`  open: ${t.taskId}  ${t.light}  due ${t.dueAt ?? '-'}${t.provisional ? ' (provisional)' : ''}`);
      for (const entry of view.timeline) out(`  ${entry.at}  ${entry.event}`);
      return 0;
    }
    case 'stats': {
      const stats = await (await apiClient(values.as)).call<ProposalStats>('GET', '/api/proposals/stats');
      if (values.json) {
        print(stats);
        return 0;
      }
      const rate = stats.satisfactionRate === null ? '-' : `${(stats.satisfactionRate * 100).toFixed(1)}%`;
      out(`registered ${stats.registered} (key ${stats.key}), replied ${stats.replied} (on time ${stats.repliedOnTime}), closed ${stats.closed}`);
      out(`class now A ${stats.byClass.A}, B ${stats.byClass.B}, C ${stats.byClass.C}; first replies A ${stats.byRepliedClass.A}, B ${stats.byRepliedClass.B}, C ${stats.byRepliedClass.C}`);
      out(`satisfied or basically satisfied ${rate}; moved from B/C to A by follow-up review ${stats.movedToAByFollowUp}`);
      return 0;
    }
  }
  out(usage);
  return 2;
}

async function register(file: string, as: string | undefined, out: (line: string) => void): Promise<number> {
  const body: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (as) {
    const accepted = await (await apiClient(as)).call<{ id: string; existing: boolean }>('POST', '/api/proposals', body);
    out(`${accepted.existing ? 'already registered' : 'registered'}: ${accepted.id}`);
    return 0;
  }
  const published = await publishChecked('gl.cmd.proposal.register', RegisterProposal, body, out);
  if (!published) return 2;
  const { value: proposal, ack } = published;
  out(`published ${proposal.id} to gl.cmd.proposal.register (stream ${ack.stream}, seq ${ack.seq}); follow it with: greenlight proposals show ${proposal.id} --as cppcc-yang`);
  return 0;
}
