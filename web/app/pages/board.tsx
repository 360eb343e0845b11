/**
 * The board (挂图作战): every process the person may see by light and by department; every kind
 * whose presentation has categories (a project's phases, a proposal's classes) by category, with
 * a bar chart drawn in plain SVG; the items of a kind whose tasks belong to items and who holds
 * each; the other kinds by light. No kind is named here. Leaders read it on a phone.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type LeaderBoard, type ProcessSummary, type ProcessView, type Session, type TaskState } from '../api';
import { kindSaid, t } from '../i18n';
import { at, presentationOf, processHref } from '../kinds';
import { useReloadOn, type Live } from '../live';
import { Alert, Deadline, departmentName, factRows, Facts, factValue, kindName, Light, Loading, personName, reasonOf } from '../ui';

const LIGHTS = ['red', 'yellow', 'green'] as const;
const arr = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const COLOURS: Record<string, string> = { red: '#c62828', yellow: '#b26a00', green: '#2e7d32' };

type Counts = Record<string, number>;
const countByLight = (list: ProcessSummary[]): Counts =>
  Object.fromEntries(LIGHTS.map((l) => [l, list.filter((p) => p.light === l).length]));

function LightCounts({ counts }: { counts: Counts }) {
  return (
    <span class="light-counts">
      {LIGHTS.map((l) => <span key={l}><Light light={l} /> {counts[l] ?? 0}</span>)}
    </span>
  );
}

/** Stacked bars, one per category in the kind's order: red, yellow, green, each labelled with its count so the colour is not the only mark. */
function CategoryChart({ kind, categories, list }: { kind: string; categories: Record<string, string>; list: ProcessSummary[] }) {
  const rows = Object.entries(categories).map(([c, word]) => ({ c, word: kindSaid(word), counts: countByLight(list.filter((p) => p.category === c)) }));
  const max = Math.max(1, ...rows.map((r) => LIGHTS.reduce((n, l) => n + r.counts[l], 0)));
  const width = 300;
  const label = Math.max(44, 14 * Math.max(...rows.map((r) => r.word.length)));
  const bar = 22;
  return (
    <svg class="chart" viewBox={`0 0 ${width + label + 30} ${rows.length * (bar + 10)}`} role="img" aria-labelledby={`chart-${kind}`}>
      <title id={`chart-${kind}`}>{t('board.chart', { kind: kindName(kind) })}</title>
      {rows.map((r, i) => {
        let x = label;
        const y = i * (bar + 10);
        const total = LIGHTS.reduce((n, l) => n + r.counts[l], 0);
        return (
          <g key={r.c}>
            <text x={0} y={y + bar * 0.7} class="chart-label">{r.word}</text>
            {LIGHTS.map((l) => {
              const w = (r.counts[l] / max) * width;
              const seg = (
                <g key={l}>
                  <rect x={x} y={y} width={w} height={bar} fill={COLOURS[l]} />
                  {w >= 16 && <text x={x + w / 2} y={y + bar * 0.7} class="chart-count" text-anchor="middle">{r.counts[l]}</text>}
                </g>
              );
              x += w;
              return seg;
            })}
            <text x={x + 4} y={y + bar * 0.7} class="chart-label">{total}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** A process of some kind on the board: its kind with its list entry. */
type Listed = ProcessSummary & { kind: string };
const categoryWord = (p: Listed) => (p.category ? kindSaid(presentationOf(p.kind)?.categories?.[p.category] ?? '') : '');

export function Board({ session, live }: { session: Session; live: Live }) {
  const [lists, setLists] = useState<Record<string, ProcessSummary[]>>();
  const [board, setBoard] = useState<LeaderBoard>();
  const [error, setError] = useState<string>();

  const load = async () => {
    try {
      // The board by role (GET /api/leaders/me/board): every kind counted by light within what the person oversees,
      // the red and yellow listed; every kind with categories adds its own list, with category and department, for its chart,
      // the red list and the departments.
      const scoped = await api.leaderBoard();
      const categorised = scoped.kinds.filter((k) => presentationOf(k.kind)?.categories);
      const answers = await Promise.allSettled(categorised.map((k) => api.processes(k.kind, { limit: 1000 })));
      setBoard(scoped);
      setLists(Object.fromEntries(categorised.map((k, i) => {
        const r = answers[i];
        return [k.kind, r.status === 'fulfilled' ? r.value.processes : []];
      })));
      setError(undefined);
    } catch (err) {
      setError(reasonOf(err));
    }
  };
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type.includes('light') || c.type.endsWith('closed') || Boolean(c.processId), () => void load(), []);

  if (error) return <Alert>{error}</Alert>;
  if (!lists || !board) return <Loading />;
  const openOf = (kind: string): Listed[] => (lists[kind] ?? []).filter((p) => !p.closedAt || p.light === 'red').map((p) => ({ ...p, kind }));
  const categorised = board.kinds.filter((k) => presentationOf(k.kind)?.categories);
  const open = categorised.flatMap((k) => openOf(k.kind));
  const departments = [...new Set(open.map((p) => p.departmentId ?? ''))].sort();
  const reds = open.filter((p) => p.light === 'red');

  return (
    <section aria-labelledby="board-title" class="board">
      <h1 id="board-title">{t('board.title')}</h1>
      <p class="muted" data-scope>{board.scope === 'district' ? t('board.scope.district')
        : t('board.scope.departments', { list: board.scope.departments.map((d) => departmentName(session, d)).join('、') || '—' })}</p>
      <div class="board-grid">
        {categorised.map((k) => {
          const categories = presentationOf(k.kind)?.categories ?? {};
          const list = openOf(k.kind);
          return (
            <section class="card" key={k.kind} aria-labelledby={`b-cat-${k.kind}`} data-kind={k.kind}>
              <h2 id={`b-cat-${k.kind}`}>{kindName(k.kind)} <span class="muted">{t('board.total')} {list.length}</span></h2>
              <LightCounts counts={countByLight(list)} />
              <h3>{t('board.byCategory')}</h3>
              <CategoryChart kind={k.kind} categories={categories} list={list} />
              <table class="compact">
                <thead><tr><th scope="col">{t('board.byCategory')}</th>{LIGHTS.map((l) => <th scope="col" key={l}><Light light={l} /></th>)}</tr></thead>
                <tbody>
                  {Object.entries(categories).map(([c, word]) => {
                    const counts = countByLight(list.filter((p) => p.category === c));
                    return <tr key={c}><th scope="row">{word}</th>{LIGHTS.map((l) => <td key={l}>{counts[l]}</td>)}</tr>;
                  })}
                </tbody>
              </table>
            </section>
          );
        })}
        <section class="card" aria-labelledby="b-reds">
          <h2 id="b-reds">{t('board.redFirst')}</h2>
          {reds.length === 0 ? <p class="muted">{t('board.none')}</p> : (
            <ul class="project-list">
              {reds.map((p) => (
                <li key={`${p.kind}/${p.id}`}>
                  <Light light={p.light} /> <a href={processHref(p.kind, p.id)}>{p.title ?? p.id}</a>
                  <span class="muted"> · {[kindName(p.kind), categoryWord(p), departmentName(session, p.departmentId)].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="card" aria-labelledby="b-depts">
          <h2 id="b-depts">{t('board.byDepartment')}</h2>
          {departments.map((d) => {
            const list = open.filter((p) => (p.departmentId ?? '') === d);
            return (
              <details key={d} open={list.some((p) => p.light === 'red')}>
                <summary>{departmentName(session, d) || '—'} <LightCounts counts={countByLight(list)} /></summary>
                <ul class="project-list">
                  {[...list].sort((a, b) => LIGHTS.indexOf(a.light as never) - LIGHTS.indexOf(b.light as never)).map((p) => (
                    <li key={`${p.kind}/${p.id}`}>
                      <Light light={p.light} /> <a href={processHref(p.kind, p.id)}>{p.title ?? p.id}</a>
                      <span class="muted"> · {[kindName(p.kind), categoryWord(p)].filter(Boolean).join(' · ')}</span>
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </section>
        {board.kinds.filter((k) => !presentationOf(k.kind)?.categories).map((k) => {
          const listed = board.items.filter((i) => i.kind === k.kind);
          return (
            <section class="card" key={k.kind} aria-labelledby={`b-${k.kind}`} data-kind={k.kind}>
              <h2 id={`b-${k.kind}`}>{kindName(k.kind)} <span class="muted">{t('board.running')} {k.total}</span></h2>
              <LightCounts counts={k.lights} />
              {listed.length === 0 ? <p class="muted">{t('board.noneRedYellow')}</p> : (
                <ul class="project-list">
                  {listed.slice(0, 10).map((p) => (
                    <li key={p.id}>
                      <Light light={p.light} /> <a href={processHref(k.kind, p.id)}>{p.title ?? p.id}</a>
                      {p.departmentId && <span class="muted"> · {departmentName(session, p.departmentId)}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {listed.length > 10 && <p class="muted small">{t('board.more', { n: listed.length - 10 })}</p>}
            </section>
          );
        })}
      </div>
    </section>
  );
}

/**
 * One process of a kind whose tasks belong to items of a list (a project's approval items): its facts, and its items,
 * each with its light, deadline, the kind's item facts and who holds its open task.
 */
export function ItemsPage({ session, kind, id, live }: { session: Session; kind: string; id: string; live: Live }) {
  const [view, setView] = useState<ProcessView>();
  const [holders, setHolders] = useState<Record<string, TaskState>>({});
  const [error, setError] = useState<string>();
  const shown = presentationOf(kind);
  const itemsOf = (v: ProcessView) => (shown?.item ? arr(at(v.state, shown.item.list)) : []);
  const load = async () => {
    try {
      const v = await api.process(kind, id);
      setView(v);
      const tasks = await Promise.allSettled(itemsOf(v).filter((i) => typeof i.taskId === 'string').map((i) => api.task(i.taskId as string)));
      setHolders(Object.fromEntries(tasks.flatMap((r) => (r.status === 'fulfilled' ? [[r.value.taskId, r.value]] : []))));
    } catch (err) {
      setError(reasonOf(err));
    }
  };
  useEffect(() => { void load(); }, [kind, id]);
  useReloadOn(live, (c) => c.processId === id || (c.taskId ?? '').startsWith(`${id}/`), () => void load(), [kind, id]);
  if (error) return <><p><a href="#/board">← {t('board.back')}</a></p><Alert>{error}</Alert></>;
  if (!view) return <Loading />;
  const s = view.state;
  const items = itemsOf(view);
  const [head, ...rest] = shown?.item?.facts ?? [];
  const category = typeof s.category === 'string' ? shown?.categories?.[s.category] ?? s.category : undefined;
  return (
    <article aria-labelledby="p-title">
      <p><a href="#/board">← {t('board.back')}</a></p>
      <h1 id="p-title">{view.title ?? (typeof s.name === 'string' ? s.name : id)}</h1>
      <p class="task-meta">
        <Light light={view.light ?? String(s.light)} long />
        <span class="kind">{kindName(kind)}</span>
        {category && <span>{category}</span>}
      </p>
      {shown && <Facts rows={factRows(session, shown.facts, s)} />}
      <h2>{t('board.items')}</h2>
      <table class="tasks items">
        <thead><tr><th scope="col">{t('inbox.filterLight')}</th><th scope="col">{t('board.item')}</th><th scope="col">{t('inbox.deadline')}</th><th scope="col">{t('board.holder')}</th></tr></thead>
        <tbody>
          {items.map((i, n) => {
            const task = typeof i.taskId === 'string' ? holders[i.taskId] : undefined;
            return (
              <tr key={String(i.key ?? n)} data-item={String(i.key ?? n)}>
                <td class="c-light"><Light light={String(i.light)} /></td>
                <td class="c-task">
                  {head ? factValue(session, head, i) : String(i.name ?? i.key ?? n)}
                  {rest.map((f) => {
                    const v = factValue(session, f, i);
                    return v === undefined ? null : <span class="kind" key={f.path} title={f.label}>{v}</span>;
                  })}
                </td>
                <td class="c-due">{i.dueAt && i.taskId ? <Deadline at={String(i.dueAt)} provisional={Boolean(i.provisional)} /> : '—'}</td>
                <td class="c-holder">
                  {task ? <>{departmentName(session, task.departmentId)} · {task.assigneeId ? personName(session, task.assigneeId) : t('task.nobody')}</> : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
