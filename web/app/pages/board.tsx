/**
 * The board (挂图作战): what the person oversees as the API computed it (GET /api/leaders/me/board,
 * api/board.ts) — every kind by light, and by category where its presentation has categories (a
 * project's phases, a proposal's classes) with a bar chart drawn in plain SVG; the red of every
 * kind; every department by light; the items of a kind whose tasks belong to items and who holds
 * each. It counts nothing itself, so it says what `greenlight board` says. No kind is named here.
 * Leaders read it on a phone.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type LeaderBoard, type Session } from '../api';
import { kindSaid, t } from '../i18n';
import { presentationOf, processHref } from '../kinds';
import { ProcessOne } from './process';
import { useReloadOn, type Live } from '../live';
import { Alert, departmentName, kindName, Light, Loading, More, reasonOf } from '../ui';

const LIGHTS = ['red', 'yellow', 'green'] as const;
const COLOURS: Record<string, string> = { red: '#c62828', yellow: '#b26a00', green: '#2e7d32' };

type Counts = Record<string, number>;
type Item = LeaderBoard['items'][number];
type CategoryRow = { word: string; total: number; lights: Counts };

function LightCounts({ counts }: { counts: Counts }) {
  return (
    <span class="light-counts">
      {LIGHTS.map((l) => <span key={l}><Light light={l} /> {counts[l] ?? 0}</span>)}
    </span>
  );
}

/** Stacked bars, one per category in the kind's order: red, yellow, green, each labelled with its count so the colour is not the only mark. */
function CategoryChart({ kind, rows }: { kind: string; rows: CategoryRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.total));
  const width = 300;
  const label = Math.max(44, 14 * Math.max(...rows.map((r) => r.word.length)));
  const bar = 22;
  return (
    <svg class="chart" viewBox={`0 0 ${width + label + 30} ${rows.length * (bar + 10)}`} role="img" aria-labelledby={`chart-${kind}`}>
      <title id={`chart-${kind}`}>{t('board.chart', { kind: kindName(kind) })}</title>
      {rows.map((r, i) => {
        let x = label;
        const y = i * (bar + 10);
        return (
          <g key={r.word}>
            <text x={0} y={y + bar * 0.7} class="chart-label">{r.word}</text>
            {LIGHTS.map((l) => {
              const w = (r.lights[l] / max) * width;
              const seg = (
                <g key={l}>
                  <rect x={x} y={y} width={w} height={bar} fill={COLOURS[l]} />
                  {w >= 16 && <text x={x + w / 2} y={y + bar * 0.7} class="chart-count" text-anchor="middle">{r.lights[l]}</text>}
                </g>
              );
              x += w;
              return seg;
            })}
            <text x={x + 4} y={y + bar * 0.7} class="chart-label">{r.total}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** A category's word: the kind's board categories', else the words its `category` fact gives its values (a request's 物业服务). */
const categoryWord = (kind: string, category?: string) => {
  if (!category) return t('board.uncategorised');
  const shown = presentationOf(kind);
  const word = shown?.categories?.[category] ?? shown?.facts.find((f) => f.path === 'category')?.values?.[category];
  return word ? kindSaid(word) : category;
};

/** One red or yellow process: its light, its title linking to its page, and what it is. */
function ItemLine({ session, item, department }: { session: Session; item: Item; department?: boolean }) {
  // A kind's category is said only where its presentation has words for it (a request's raw category is not).
  const word = item.category ? presentationOf(item.kind)?.categories?.[item.category] : undefined;
  const category = word ? kindSaid(word) : undefined;
  return (
    <li data-process={`${item.kind}/${item.id}`}>
      <Light light={item.light} /> <a href={processHref(item.kind, item.id)}>{item.title ?? item.id}</a>
      <span class="muted"> · {[kindName(item.kind), category, department ? departmentName(session, item.departmentId) : undefined].filter(Boolean).join(' · ')}</span>
    </li>
  );
}

export function Board({ session, live }: { session: Session; live: Live }) {
  const [board, setBoard] = useState<LeaderBoard>();
  const [error, setError] = useState<string>();

  const load = async () => {
    try {
      // The counts are of every process; the red and yellow items come a page at a time (加载更多).
      setBoard(await api.leaderBoard());
      setError(undefined);
    } catch (err) {
      setError(reasonOf(err));
    }
  };
  const more = async () => {
    if (!board?.next) return;
    try {
      const page = await api.leaderBoard(board.next);
      setBoard({ ...page, items: [...board.items, ...page.items] });
    } catch (err) {
      setError(reasonOf(err));
    }
  };
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type.includes('light') || c.type.endsWith('closed') || Boolean(c.processId), () => void load(), []);

  if (error) return <Alert>{error}</Alert>;
  if (!board) return <Loading />;
  const reds = board.items.filter((i) => i.light === 'red');
  const redTotal = board.kinds.reduce((n, k) => n + k.lights.red, 0);
  const litTotal = board.kinds.reduce((n, k) => n + k.lights.red + k.lights.yellow, 0);

  return (
    <section aria-labelledby="board-title" class="board">
      <h1 id="board-title">{t('board.title')}</h1>
      <p class="muted" data-scope>{board.scope === 'district' ? t('board.scope.district')
        : t('board.scope.departments', { list: board.scope.departments.map((d) => departmentName(session, d)).join('、') || '—' })}</p>
      <div class="board-grid">
        {board.kinds.filter((k) => k.categories).map((k) => {
          const rows = (k.categories ?? []).map((c) => ({ word: categoryWord(k.kind, c.category), total: c.total, lights: c.lights }));
          return (
            <section class="card" key={k.kind} aria-labelledby={`b-cat-${k.kind}`} data-kind={k.kind} data-total={k.total}>
              <h2 id={`b-cat-${k.kind}`}>{kindName(k.kind)} <span class="muted">{t('board.running')} {k.total}</span></h2>
              <LightCounts counts={k.lights} />
              <h3>{t('board.byCategory')}</h3>
              <CategoryChart kind={k.kind} rows={rows} />
              <table class="compact">
                <thead><tr><th scope="col">{t('board.byCategory')}</th>{LIGHTS.map((l) => <th scope="col" key={l}><Light light={l} /></th>)}</tr></thead>
                <tbody>
                  {rows.map((r) => <tr key={r.word}><th scope="row">{r.word}</th>{LIGHTS.map((l) => <td key={l}>{r.lights[l]}</td>)}</tr>)}
                </tbody>
              </table>
            </section>
          );
        })}
        <section class="card" aria-labelledby="b-reds" data-total={redTotal}>
          <h2 id="b-reds">{t('board.redFirst')} <span class="muted">{redTotal}</span></h2>
          {reds.length === 0 ? <p class="muted">{t('board.none')}</p> : (
            <ul class="project-list">
              {reds.map((i) => <ItemLine key={`${i.kind}/${i.id}`} session={session} item={i} department />)}
            </ul>
          )}
          <More shown={board.items.length} total={litTotal} next={board.next} onMore={() => void more()} />
        </section>
        <section class="card" aria-labelledby="b-depts">
          <h2 id="b-depts">{t('board.byDepartment')}</h2>
          {board.departments.length === 0 ? <p class="muted">{t('board.none')}</p> : board.departments.map((d) => {
            const lit = board.items.filter((i) => i.departmentId === d.departmentId);
            return (
              <details key={d.departmentId} open={d.lights.red > 0} data-department={d.departmentId} data-total={d.total}>
                <summary>{departmentName(session, d.departmentId) || '—'} <LightCounts counts={d.lights} /></summary>
                {lit.length === 0 ? <p class="muted small">{t('board.noneRedYellow')}</p> : (
                  <ul class="project-list">
                    {lit.map((i) => <ItemLine key={`${i.kind}/${i.id}`} session={session} item={i} />)}
                  </ul>
                )}
              </details>
            );
          })}
        </section>
        {board.kinds.filter((k) => !k.categories).map((k) => {
          const listed = board.items.filter((i) => i.kind === k.kind);
          return (
            <section class="card" key={k.kind} aria-labelledby={`b-${k.kind}`} data-kind={k.kind} data-total={k.total}>
              <h2 id={`b-${k.kind}`}>{kindName(k.kind)} <span class="muted">{t('board.running')} {k.total}</span></h2>
              <LightCounts counts={k.lights} />
              {listed.length === 0 ? <p class="muted">{t('board.noneRedYellow')}</p> : (
                <ul class="project-list">
                  {listed.slice(0, 10).map((i) => <ItemLine key={i.id} session={session} item={i} department />)}
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

/** One process of a kind whose tasks belong to items of a list (a project's approval items): the process page, with its items. */
export function ItemsPage({ session, kind, id, live }: { session: Session; kind: string; id: string; live: Live }) {
  return <ProcessOne kind={kind} id={id} session={session} live={live} back={['#/board', t('board.back')]} />;
}
