/**
 * The views a kind declares in its presentation (processes/definition.ts `Views`), drawn from
 * data alone, naming no kind:
 * - `#/views/<kind>/chart`: the wall chart (挂图作战) — every process a row, its dated items on the
 *   year's axis, planned (◇) and done (◆), each lit with its shape and word beside the colour;
 *   filtered by the kind's filters; printable on A3 landscape;
 * - `#/views/<kind>/page/<id>`: one process's page — its facts, then a table per section;
 * - `#/views/<kind>/responsibilities`: every open item by department and person (责任清单).
 *
 * The states are read process by process through the API (`GET /api/processes/<kind>/<id>`),
 * which the record layer will serve in one read.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type DatedList, type Fact, type Session } from '../api';
import { t } from '../i18n';
import { at, presentationOf } from '../kinds';
import { Alert, Facts, Light, Loading, departmentName, factRows, factValue, personName, reasonOf } from '../ui';

interface Row { id: string; state: unknown }

const LIGHT_ORDER: Record<string, number> = { red: 0, yellow: 1, green: 2 };
const DAY_MS = 86_400_000;
/** About how much of the year's width one mark takes, for laying marks out on lanes. */
const MARK_SPAN_PERCENT = 10;

/** Every process of the kind the person may read, with its state. */
function useStates(kind: string): { rows?: Row[]; error?: string } {
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api.allProcesses(kind)
      .then((processes) => Promise.all(processes.map((p) => api.process(kind, p.id).then((v) => ({ id: p.id, state: v.state })))))
      .then((r) => { if (live) setRows(r.sort((a, b) => String(at(a.state, 'name')).localeCompare(String(at(b.state, 'name')), 'zh'))); }, (e: unknown) => { if (live) setError(reasonOf(e)); });
    return () => { live = false; };
  }, [kind]);
  return { rows, error };
}

const asList = (state: unknown, path: string): unknown[] => {
  const v = at(state, path);
  return Array.isArray(v) ? v : [];
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isOpen = (item: unknown, list: DatedList) => list.open.values.includes(String(at(item, list.open.path)));
const dateOf = (v: string | undefined) => v?.slice(0, 10);

/** The filters' chosen values, and the rows that pass them. */
function useFilters(session: Session, filters: readonly Fact[], rows: Row[] | undefined) {
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const options = useMemo(() => filters.map((f) => {
    const values = [...new Set((rows ?? []).map((r) => str(String(at(r.state, f.path) ?? ''))).filter((v): v is string => v !== undefined))];
    // A value's words as the fact says them (a department's name, a tier's word).
    return { fact: f, values: values.map((v) => [v, String(factValue(session, { ...f, path: 'v' }, { v }) ?? v)] as const) };
  }), [rows, filters]);
  const shown = (rows ?? []).filter((r) => filters.every((f) => !chosen[f.path] || String(at(r.state, f.path)) === chosen[f.path]));
  const bar = (
    <div class="view-filters no-print">
      {options.map(({ fact, values }) => (
        <label key={fact.path}>
          {fact.label}
          <select value={chosen[fact.path] ?? ''} onChange={(e) => setChosen({ ...chosen, [fact.path]: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('views.filterAll')}</option>
            {values.map(([v, word]) => <option key={v} value={v}>{word}</option>)}
          </select>
        </label>
      ))}
    </div>
  );
  return { shown, bar };
}

export function ChartPage({ session, kind }: { session: Session; kind: string }) {
  const chart = presentationOf(kind)?.views?.chart;
  const { rows, error } = useStates(kind);
  const { shown, bar } = useFilters(session, chart?.filters ?? [], rows);
  if (!chart) return <Alert>{t('views.empty')}</Alert>;
  if (error) return <Alert>{error}</Alert>;
  if (!rows) return <Loading />;
  const year = Number(at(rows[0]?.state, chart.year) ?? new Date().getFullYear());
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  const x = (date: string) => Math.min(100, Math.max(0, ((Date.parse(`${date}T00:00:00Z`) - start) / DAY_MS / days) * 100));
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const months = Array.from({ length: 12 }, (_, m) => ({ m: m + 1, left: x(`${year}-${String(m + 1).padStart(2, '0')}-01`) }));
  const list = chart.items;
  return (
    <section aria-labelledby="chart-title" class="view-chart">
      <div class="view-head">
        <h1 id="chart-title">{chart.title}（{year}）</h1>
        <span class="no-print view-links">
          <a href={`#/views/${kind}/responsibilities`}>{presentationOf(kind)?.views?.responsibilities?.title ?? t('views.responsibilities')}</a>
          <button type="button" onClick={() => window.print()}>{t('views.print')}</button>
        </span>
      </div>
      {bar}
      <p class="muted small">{t('views.legend')}</p>
      {shown.length === 0 ? <p>{t('views.empty')}</p> : (
        <div class="wall-scroll" role="region" aria-label={chart.title} tabIndex={0}>
          <div class="wall">
            <div class="wall-axis" aria-hidden="true">
              <span class="wall-name" />
              <span class="wall-track">
                {months.map(({ m, left }) => <span key={m} class="wall-month" style={{ left: `${left}%` }}>{m}月</span>)}
              </span>
            </div>
            {shown.map((r) => {
              const items = asList(r.state, list.list);
              const marks = items.map((item) => {
                const planned = dateOf(str(at(item, list.planned)));
                const done = list.done ? dateOf(str(at(item, list.done))) : undefined;
                return { item, planned, done, light: str(at(item, list.light)) ?? 'green', label: String(at(item, list.label) ?? ''), open: isOpen(item, list) };
              }).filter((m) => m.planned || m.done);
              // Marks close together go on lanes of their own, so no label hides another.
              // A mark late in the year reaches left from its date, so it stays on the chart.
              const lanes: number[] = [];
              const placed = marks.sort((a, b) => (a.done ?? a.planned ?? '').localeCompare(b.done ?? b.planned ?? '')).map((m) => {
                const pos = x((m.done ?? m.planned) as string);
                const leftward = pos > MARK_SPAN_PERCENT * 8;
                const from = leftward ? pos - MARK_SPAN_PERCENT : pos;
                let lane = lanes.findIndex((end) => end <= from);
                if (lane < 0) lane = lanes.length;
                lanes[lane] = from + MARK_SPAN_PERCENT;
                return { ...m, pos, lane, leftward };
              });
              return (
                <div key={r.id} class="wall-row">
                  <span class="wall-name">
                    <a href={`#/views/${kind}/page/${encodeURIComponent(r.id)}`}>{String(at(r.state, chart.name) ?? r.id)}</a>
                    <Light light={str(at(r.state, chart.light))} />
                  </span>
                  <span class="wall-track" style={{ height: `${Math.max(1, lanes.length) * 2.6}rem` }}>
                    {months.map(({ m, left }) => <span key={m} class="wall-grid" style={{ left: `${left}%` }} aria-hidden="true" />)}
                    {today.startsWith(String(year)) && <span class="wall-today" style={{ left: `${x(today)}%` }} title={t('views.today')} aria-hidden="true" />}
                    <ul class="wall-marks">
                      {placed.map((m, i) => (
                        <li key={i} class={`wall-mark mark-${m.light}${m.open ? '' : ' mark-done'}`} style={{ ...(m.leftward ? { right: `${100 - m.pos}%` } : { left: `${m.pos}%` }), top: `${m.lane * 2.6}rem` }}
                          title={`${m.label} · ${t('views.planned')} ${m.planned ?? '—'}${m.done ? ` · ${t('views.done')} ${m.done}` : ''}`}>
                          <span aria-hidden="true">{m.open ? '◇' : '◆'}</span>
                          <span class="mark-label">{m.label}</span>
                          <Light light={m.light} />
                          <span class="sr-only">{t('views.planned')} {m.planned}{m.done ? `，${t('views.done')} ${m.done}` : ''}</span>
                        </li>
                      ))}
                    </ul>
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

export function ViewProcessPage({ session, kind, id }: { session: Session; kind: string; id: string }) {
  const presentation = presentationOf(kind);
  const [state, setState] = useState<unknown>();
  const [error, setError] = useState<string>();
  useEffect(() => { api.process(kind, id).then((v) => setState(v.state), (e: unknown) => setError(reasonOf(e))); }, [kind, id]);
  if (error) return <Alert>{error}</Alert>;
  if (state === undefined || !presentation) return <Loading />;
  const chart = presentation.views?.chart;
  return (
    <section aria-labelledby="view-page-title">
      <p class="no-print"><a href={`#/views/${kind}/chart`}>← {chart?.title ?? t('views.chart')}</a></p>
      <div class="view-head">
        <h1 id="view-page-title">{String(at(state, chart?.name ?? 'name') ?? id)}</h1>
        {chart && <Light light={str(at(state, chart.light))} long />}
      </div>
      <div class="card"><Facts rows={factRows(session, presentation.facts, state)} /></div>
      {(presentation.views?.sections ?? []).map((s) => {
        const items = asList(state, s.list);
        return (
          <div key={s.list} class="card">
            <h2>{s.title} <span class="muted small">{t('views.count', { n: items.length })}</span></h2>
            <div class="table-scroll">
              <table class="view-table">
                <thead><tr>{s.light && <th scope="col">{t('views.light')}</th>}{s.columns.map((c) => <th key={c.path} scope="col">{c.label}</th>)}</tr></thead>
                <tbody>
                  {items.map((item, i) => (
                    <tr key={i}>
                      {s.light && <td data-label={t('views.light')}><Light light={str(at(item, s.light))} /></td>}
                      {s.columns.map((c) => <td key={c.path} data-label={c.label}>{factValue(session, c, item) ?? '—'}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
      <p class="no-print"><a href={`#/process/${kind}/${encodeURIComponent(id)}`}>{t('views.process')}</a></p>
    </section>
  );
}

export function ResponsibilitiesPage({ session, kind }: { session: Session; kind: string }) {
  const views = presentationOf(kind)?.views;
  const { rows, error } = useStates(kind);
  const mine = session.person.departments[0] ?? '';
  const [department, setDepartment] = useState<string>(mine);
  if (!views?.responsibilities) return <Alert>{t('views.empty')}</Alert>;
  if (error) return <Alert>{error}</Alert>;
  if (!rows) return <Loading />;
  const chart = views.chart;
  const open = rows.flatMap((r) => views.responsibilities!.lists.flatMap((list) => asList(r.state, list.list).filter((item) => isOpen(item, list)).map((item) => ({
    id: r.id,
    project: String(at(r.state, chart?.name ?? 'name') ?? r.id),
    noun: list.noun,
    label: String(at(item, list.label) ?? ''),
    department: str(at(item, list.department)),
    person: list.person ? str(at(item, list.person)) : undefined,
    due: str(at(item, list.planned)),
    light: str(at(item, list.light)) ?? 'green',
  }))));
  const departments = [...new Set(open.map((o) => o.department).filter((d): d is string => d !== undefined))];
  const shown = open.filter((o) => !department || o.department === department)
    .sort((a, b) => (LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light]) || (a.due ?? '').localeCompare(b.due ?? ''));
  return (
    <section aria-labelledby="resp-title">
      <div class="view-head">
        <h1 id="resp-title">{views.responsibilities.title}</h1>
        <span class="no-print view-links">
          {chart && <a href={`#/views/${kind}/chart`}>{chart.title}</a>}
          <button type="button" onClick={() => window.print()}>{t('views.print')}</button>
        </span>
      </div>
      <div class="view-filters no-print">
        <label>
          {t('views.department')}
          <select value={department} onChange={(e) => setDepartment((e.target as HTMLSelectElement).value)}>
            <option value="">{t('views.filterAll')}</option>
            {[...new Set([...(mine ? [mine] : []), ...departments])].map((d) => <option key={d} value={d}>{departmentName(session, d)}</option>)}
          </select>
        </label>
      </div>
      <p class="muted">{department ? departmentName(session, department) : t('views.filterAll')} · {t('views.count', { n: shown.length })}</p>
      {shown.length === 0 ? <p>{t('views.empty')}</p> : (
        <div class="table-scroll">
          <table class="view-table">
            <thead><tr>
              <th scope="col">{t('views.light')}</th><th scope="col">{presentationOf(kind)?.name}</th><th scope="col">{t('views.kindOfItem')}</th>
              <th scope="col">{t('views.item')}</th><th scope="col">{t('views.department')}</th><th scope="col">{t('views.person')}</th><th scope="col">{t('views.due')}</th>
            </tr></thead>
            <tbody>
              {shown.map((o, i) => (
                <tr key={i}>
                  <td data-label={t('views.light')}><Light light={o.light} /></td>
                  <td data-label={presentationOf(kind)?.name}><a href={`#/views/${kind}/page/${encodeURIComponent(o.id)}`}>{o.project}</a></td>
                  <td data-label={t('views.kindOfItem')}>{o.noun}</td>
                  <td data-label={t('views.item')}>{o.label}</td>
                  <td data-label={t('views.department')}>{o.department ? departmentName(session, o.department) : '—'}</td>
                  <td data-label={t('views.person')}>{o.person ? personName(session, o.person) : '—'}</td>
                  <td data-label={t('views.due')}>{dateOf(o.due) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
