/**
 * `greenlight report --period week|month|quarter|year --at <key> [--xlsx f] [--pdf f] [--html f] [--json]`:
 * the 挂责问效 report of a period (reports/), printed as text, or written as a workbook, a PDF or
 * a page. It reads the record (GREENLIGHT_DATABASE_URL), or with `--from stream` the event stream
 * on NATS (NATS_URL) as `greenlight events` does; names from the directory on NATS.
 *
 *   greenlight report --period month --at 2026-11 --xlsx 通报.xlsx --pdf 通报.pdf
 *   greenlight report --period week --at 2026-W49
 *
 * `greenlight report issued [<week|month> <key>] [--xlsx f] [--pdf f]`: the reports issued on
 * schedule (reports/issued.ts), listed, or one of them written as it was issued.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { connectNats, natsUrl } from './nats';
import { loadConfig } from '../contracts/config';
import { connectRecord } from '../records/database';
import { figureNames, hasFigures } from '../reports/figures';
import { reportHtml } from '../reports/html';
import { parsePeriod, periodHolding, periodKinds, type PeriodKind } from '../reports/period';
import { reportPdf } from '../reports/pdf';
import { FIGURE_LABELS, GROUP_LABELS, measureRows, measureWords, periodWords, trendWords, type GroupName, type Report } from '../reports/report';
import { makeReport } from '../reports/source';
import { reportXlsx } from '../reports/xlsx';
import { issuedReports } from '../reports/issued';
import { formatShanghai } from '../calendar';

export const reportHelp = `  greenlight report --period week|month|quarter|year [--at 2026-11 | 2026-W49 | 2026-Q4 | 2026 | 2026-11-18]
                    [--xlsx f.xlsx] [--pdf f.pdf] [--html f.html] [--json] [--from record|stream]
                                                                   挂责问效: the period's figures by department, leader and kind, and the 红黑榜
  greenlight report issued [week|month <key>] [--xlsx f.xlsx] [--pdf f.pdf]
                                                                   the weekly dispatches and monthly 通报 issued on schedule, or one as issued`;

type Out = (line: string) => void;

/** The report as lines of text: each table's non-zero figures per row, then the ranking. */
export function reportText(report: Report): string[] {
  const lines = [report.title, `统计期间：${periodWords(report.figures.period)}，范围：${report.scope}`];
  const line = (name: string, f: Record<string, number>) =>
    `  ${name}：${figureNames.filter((n) => f[n] > 0).map((n) => `${FIGURE_LABELS[n]} ${f[n]}`).join('，') || '无'}`;
  lines.push('总体', line('合计', report.figures.total.figures));
  for (const group of Object.keys(GROUP_LABELS) as GroupName[]) {
    lines.push(GROUP_LABELS[group], ...report.figures[group].filter(hasFigures).map((r) => line(report.rowName(group, r), r.figures)));
  }
  if (report.measures.length > 0) {
    lines.push('专项指标（达标数/总数）', ...measureRows(report).map(([name, row]) => `  ${name}：${report.measures.map((m) => `${m.label} ${measureWords(row.measures[m.key])}`).join('，')}`));
  }
  const { ranking } = report;
  lines.push('红黑榜', ...ranking.ranked.map((r) => `  ${r.rank}. ${report.names.department(r.departmentId)} ${r.score} 分（${trendWords(r.rankChange)}）${
    ranking.redList.includes(r) ? ' 红榜' : ranking.blackList.includes(r) ? ' 黑榜' : ''}`));
  return lines;
}

/** The issued reports, one a line; or one of them written to files. */
async function issuedCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { xlsx: { type: 'string' }, pdf: { type: 'string' } } });
  const nc = await connectNats(natsUrl(), 'greenlight-cli-report');
  try {
    const store = await issuedReports(nc, { read: true });
    if (positionals.length === 0) {
      const issued = await store.list();
      if (issued.length === 0) out('（尚无按计划发布的通报）');
      for (const r of issued) out(`${r.kind}\t${r.key}\t${r.title} · ${r.period}\t${formatShanghai(new Date(r.issuedAt))}\t已发送 ${r.sentTo.length} 人`);
      return 0;
    }
    const [kind, key] = positionals;
    const meta = key ? await store.get(kind, key) : undefined;
    if (!meta) throw new RangeError(`no ${kind} report ${key ?? '(give its key: 2026-W45, 2026-11)'} was issued: greenlight report issued lists them`);
    out(`${meta.title} · ${meta.period}（${formatShanghai(new Date(meta.issuedAt))} 发布，已发送 ${meta.sentTo.length} 人）`);
    for (const format of ['xlsx', 'pdf'] as const) {
      const file = values[format];
      if (!file) continue;
      await writeFile(file, (await store.file(kind, key, format))!);
      out(`# ${format}: ${file}`);
    }
    return 0;
  } finally {
    await nc.close();
  }
}

export async function reportCommand(args: string[], out: Out): Promise<number> {
  if (args[0] === 'issued') return issuedCommand(args.slice(1), out);
  const { values } = parseArgs({
    args,
    options: { period: { type: 'string', default: 'month' }, at: { type: 'string' }, xlsx: { type: 'string' }, pdf: { type: 'string' }, html: { type: 'string' }, json: { type: 'boolean', default: false }, from: { type: 'string', default: 'record' } },
  });
  const kind = values.period as PeriodKind;
  if (!periodKinds.includes(kind)) throw new RangeError(`--period: ${periodKinds.join(', ')}, not ${values.period}`);
  const period = values.at ? parsePeriod(kind, values.at) : periodHolding(kind, new Date());
  if (values.from !== 'record' && values.from !== 'stream') throw new RangeError(`--from: record or stream, not ${values.from}`);
  const record = values.from === 'record' ? connectRecord(loadConfig().GREENLIGHT_DATABASE_URL, { max: 2 }) : undefined;
  const nc = await connectNats(natsUrl(), 'greenlight-cli-report');
  let report: Report;
  try {
    report = await makeReport(nc, period, { record: record?.db });
  } finally {
    await nc.close();
    await record?.close();
  }
  if (values.xlsx) await writeFile(values.xlsx, await reportXlsx(report));
  if (values.pdf) await writeFile(values.pdf, await reportPdf(report));
  if (values.html) await writeFile(values.html, reportHtml(report));
  if (values.json) out(JSON.stringify({ figures: report.figures, ranking: report.ranking }, null, 2));
  else reportText(report).forEach((l) => out(l));
  for (const [what, file] of [['xlsx', values.xlsx], ['pdf', values.pdf], ['html', values.html]]) if (file) out(`# ${what}: ${file}`);
  return 0;
}
