/**
 * 挂责问效: the report of a period as the API counted it (GET /api/reports/accountability,
 * reports/view.ts) — the tables by department, assigned leader and kind, the chart (SVG whose
 * bars carry a pattern and their number, so colour is never the only mark), the 红黑榜 with its
 * trend, the notes, and the same report as .xlsx and PDF. Every non-zero figure opens the cases
 * behind it. It counts nothing itself; on a phone the tables scroll sideways.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type AccountabilityReport, type AccountabilityRow, type IssuedReport } from '../api';
import { t, type MessageKey } from '../i18n';
import { saidAt } from '../time';
import { Alert, Loading, reasonOf } from '../ui';

const KINDS = ['week', 'month', 'quarter', 'year'] as const;
/** The cases behind the figure opened, each with what it was (达标 or 未达标) where a measure's. */
type Chosen = { title: string; cases: { id: string; mark?: string }[] };

function FigureTable({ report, group, onOpen }: { report: AccountabilityReport; group: AccountabilityReport['groups'][number]; onOpen(c: Chosen): void }) {
  const first = group.name === 'total' ? '' : group.label.replace(/^按/, '');
  return (
    <div class="table-wrap">
      <table class="report-table">
        <caption>{group.label}</caption>
        <thead><tr><th scope="col">{first}</th>{report.columns.map((c) => <th key={c.name} scope="col">{c.label}</th>)}</tr></thead>
        <tbody>
          {/* A row counted only in the kinds' own measures is in their table below. */}
          {group.rows.filter((r) => group.name === 'total' || report.columns.some((c) => (r.figures[c.name] ?? 0) > 0)).map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {report.columns.map((c) => {
                const n = r.figures[c.name] ?? 0;
                const cases = r.cases[c.name] ?? [];
                return (
                  <td key={c.name}>
                    {n > 0 && cases.length > 0
                      ? <button type="button" class="link" onClick={() => onOpen({ title: t('reports.cases', { row: r.name, figure: c.label, count: cases.length }), cases: cases.map((id) => ({ id })) })}>{n}</button>
                      : n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The reports issued on schedule: each opens here for its period, and the district's files download as they were issued. */
function IssuedReports({ onOpen }: { onOpen(kind: string, key: string): void }) {
  const [issued, setIssued] = useState<IssuedReport[]>();
  useEffect(() => { api.issuedReports().then((r) => setIssued(r.reports), () => setIssued([])); }, []);
  if (!issued) return null;
  return (
    <section class="report-issued">
      <h2>{t('reports.issued')}</h2>
      {issued.length === 0 ? <p>{t('reports.issuedNone')}</p> : (
        <ul>
          {issued.map((r) => (
            <li key={`${r.kind}/${r.key}`}>
              <a href={`#/reports/${r.kind}/${r.key}`} onClick={() => onOpen(r.kind, r.key)}>{r.title} · {r.period}</a>
              <span class="muted">{' '}{t('reports.issuedAt', { when: saidAt(r.issuedAt), count: r.sentTo.length })}</span>
              {r.files && <>{' '}<a href={api.issuedReportFile(r, 'xlsx')} download>{t('reports.xlsx')}</a>{' · '}<a href={api.issuedReportFile(r, 'pdf')} download>{t('reports.pdf')}</a></>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 专项指标: each kind's own measures — good of all, and the rate — the processes behind each opened below. */
function MeasureTable({ report, onOpen }: { report: AccountabilityReport; onOpen(c: Chosen): void }) {
  const counted = (r: AccountabilityRow) => report.measures.some((m) => (r.measures[m.key]?.total ?? 0) > 0);
  const rows = [
    ...report.groups[0].rows,
    ...(report.groups.find((g) => g.name === 'byDepartment')?.rows ?? []).filter(counted),
    ...(report.groups.find((g) => g.name === 'byKind')?.rows ?? []).filter(counted),
  ];
  return (
    <div class="table-wrap">
      <table class="report-table">
        <caption>{t('reports.measures')}</caption>
        <thead><tr><th scope="col" />{report.measures.map((m) => <th key={m.key} scope="col">{m.label}</th>)}</tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {report.measures.map((m) => {
                const c = r.measures[m.key];
                if (!c || c.total === 0) return <td key={m.key}>—</td>;
                const words = t('reports.measure', { good: c.good, total: c.total, rate: Math.round((c.good / c.total) * 1000) / 10 });
                const cases = [...c.cases.good.map((id) => ({ id, mark: t('reports.good') })), ...c.cases.bad.map((id) => ({ id, mark: t('reports.bad') }))];
                return <td key={m.key}><button type="button" class="link" onClick={() => onOpen({ title: t('reports.cases', { row: r.name, figure: m.label, count: cases.length }), cases })}>{words}</button></td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportsPage({ period, at }: { period?: string; at?: string }) {
  const [kind, setKind] = useState<string>(period && (KINDS as readonly string[]).includes(period) ? period : 'month');
  const [key, setKey] = useState(at ?? '');
  const [report, setReport] = useState<AccountabilityReport>();
  const [error, setError] = useState<string>();
  const [chosen, setChosen] = useState<Chosen>();
  // Only the latest request's answer is shown: one asked for earlier and answered later is dropped.
  const latest = useRef(0);

  const load = (k: string, a: string) => {
    const request = ++latest.current;
    setError(undefined);
    setChosen(undefined);
    api.accountability(k, a || undefined).then((r) => {
      if (request !== latest.current) return;
      setReport(r);
      setKey(r.period.key);
    }, (err: unknown) => { if (request === latest.current) setError(reasonOf(err)); });
  };
  useEffect(() => load(kind, key), []);

  const form = (
    <form class="report-form" onSubmit={(e) => { e.preventDefault(); load(kind, key); }}>
      <label>{t('reports.period')}{' '}
        <select value={kind} onChange={(e) => { setKind(e.currentTarget.value); setKey(''); }}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`reports.${k}` as MessageKey)}</option>)}
        </select>
      </label>
      <label>{t('reports.at')}{' '}
        <input value={key} size={10} placeholder={{ week: '2026-W49', month: '2026-11', quarter: '2026-Q4', year: '2026' }[kind]} onInput={(e) => setKey(e.currentTarget.value)} />
      </label>
      <button type="submit">{t('reports.show')}</button>
    </form>
  );
  if (error) return <section>{form}<Alert>{error}</Alert></section>;
  if (!report) return <section>{form}<Loading /></section>;
  const empty = report.groups.every((g) => g.name === 'total' || g.rows.length === 0);
  return (
    <section class="report">
      <h1>{report.title}</h1>
      {form}
      <p class="report-meta">{t('reports.meta', { period: report.period.words, scope: report.scope })}</p>
      <p>{t('reports.download')}{' '}
        <a href={api.accountabilityFile('xlsx', report.period.kind, report.period.key)} download>{t('reports.xlsx')}</a>{' · '}
        <a href={api.accountabilityFile('pdf', report.period.kind, report.period.key)} download>{t('reports.pdf')}</a>
      </p>
      {empty && <Alert kind="info">{t('reports.empty')}</Alert>}
      <FigureTable report={report} group={report.groups[0]} onOpen={setChosen} />
      {!empty && (
        <figure class="report-chart">
          <figcaption>{t('reports.chart')}</figcaption>
          <div class="table-wrap" dangerouslySetInnerHTML={{ __html: report.chartSvg }} />
        </figure>
      )}
      {report.groups.slice(1).map((g) => <FigureTable key={g.name} report={report} group={g} onOpen={setChosen} />)}
      {report.measures.length > 0 && <MeasureTable report={report} onOpen={setChosen} />}
      {chosen && (
        <section class="report-cases" aria-live="polite">
          <h2>{chosen.title}</h2>
          <ul>{chosen.cases.map(({ id, mark }) => {
            const link = report.caseLinks[id] ?? { title: id, href: `#/task/${encodeURIComponent(id)}` };
            return <li key={`${id}${mark ?? ''}`}><a href={link.href}>{link.title}</a>{mark && <span class="muted">{' '}（{mark}）</span>}</li>;
          })}</ul>
        </section>
      )}
      <div class="table-wrap">
        <table class="report-table">
          <caption>{t('reports.ranking', { previous: report.period.previous })}</caption>
          <thead><tr>{(['rank', 'department', 'score', 'previousRank', 'trend', 'list'] as const).map((c) => <th key={c} scope="col">{t(`reports.${c}`)}</th>)}</tr></thead>
          <tbody>
            {report.ranking.map((r) => (
              <tr key={r.departmentId} class={r.list ? `rank-${r.list}` : undefined}>
                <td>{r.rank}</td><th scope="row">{r.name}</th><td>{r.score}</td><td>{r.previousRank ?? '—'}</td><td>{r.trend}</td>
                <td>{r.list === 'red' ? `▲ ${t('reports.red')}` : r.list === 'black' ? `▼ ${t('reports.black')}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('reports.notes')}</h2>
      <ol class="report-notes">{report.notes.map((n) => <li key={n}>{n}</li>)}</ol>
      <IssuedReports onOpen={(k, a) => { setKind(k); load(k, a); }} />
    </section>
  );
}
