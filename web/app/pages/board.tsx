/**
 * The board (挂图作战): every project the person may see by light, by phase and by department,
 * with a bar chart drawn in plain SVG; a project's items and who holds each; the enterprise
 * requests, proposals and hotline tickets by light. Leaders read it on a phone.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type LeaderBoard, type ProcessSummary, type ProcessView, type Session, type TaskState } from '../api';
import { t, tOr } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { Alert, Deadline, departmentName, kindName, Light, Loading, personName, reasonOf } from '../ui';

const LIGHTS = ['red', 'yellow', 'green'] as const;
const CATEGORIES = ['reserve', 'starting', 'underConstruction', 'completed'] as const;
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

/** Stacked bars, one per phase: red, yellow, green, each labelled with its count so the colour is not the only mark. */
function PhaseChart({ projects }: { projects: ProcessSummary[] }) {
  const rows = CATEGORIES.map((c) => ({ c, counts: countByLight(projects.filter((p) => p.category === c)) }));
  const max = Math.max(1, ...rows.map((r) => LIGHTS.reduce((n, l) => n + r.counts[l], 0)));
  const width = 300;
  const label = 44;
  const bar = 22;
  return (
    <svg class="chart" viewBox={`0 0 ${width + label + 30} ${rows.length * (bar + 10)}`} role="img" aria-labelledby="chart-title">
      <title id="chart-title">{t('board.chart')}</title>
      {rows.map((r, i) => {
        let x = label;
        const y = i * (bar + 10);
        const total = LIGHTS.reduce((n, l) => n + r.counts[l], 0);
        return (
          <g key={r.c}>
            <text x={0} y={y + bar * 0.7} class="chart-label">{t(`category.${r.c}`)}</text>
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

export function Board({ session, live }: { session: Session; live: Live }) {
  const [projects, setProjects] = useState<ProcessSummary[]>();
  const [board, setBoard] = useState<LeaderBoard>();
  const [error, setError] = useState<string>();

  const load = async () => {
    try {
      // The board by role (GET /api/leaders/me/board): every kind counted by light within what the person oversees,
      // the red and yellow listed; the projects' own list adds their phase and department for the chart.
      const scoped = await api.leaderBoard();
      const projectList = scoped.kinds.some((k) => k.kind === 'projectApproval') ? (await api.processes('projectApproval', { limit: 1000 })).processes : [];
      setBoard(scoped);
      setProjects(projectList);
      setError(undefined);
    } catch (err) {
      setError(reasonOf(err));
    }
  };
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type.includes('light') || c.type.startsWith('project.') || c.type.endsWith('closed'), () => void load(), []);

  if (error) return <Alert>{error}</Alert>;
  if (!projects || !board) return <Loading />;
  const open = projects.filter((p) => !p.closedAt || p.light === 'red');
  const departments = [...new Set(open.map((p) => p.departmentId ?? ''))].sort();
  const reds = open.filter((p) => p.light === 'red');

  return (
    <section aria-labelledby="board-title" class="board">
      <h1 id="board-title">{t('board.title')}</h1>
      <p class="muted" data-scope>{board.scope === 'district' ? t('board.scope.district')
        : t('board.scope.departments', { list: board.scope.departments.map((d) => departmentName(session, d)).join('、') || '—' })}</p>
      <div class="board-grid">
        <section class="card" aria-labelledby="b-projects">
          <h2 id="b-projects">{t('board.projects')} <span class="muted">{t('board.total')} {open.length}</span></h2>
          <LightCounts counts={countByLight(open)} />
          <h3>{t('board.byCategory')}</h3>
          <PhaseChart projects={open} />
          <table class="compact">
            <thead><tr><th scope="col">{t('board.byCategory')}</th>{LIGHTS.map((l) => <th scope="col" key={l}><Light light={l} /></th>)}</tr></thead>
            <tbody>
              {CATEGORIES.map((c) => {
                const counts = countByLight(open.filter((p) => p.category === c));
                return <tr key={c}><th scope="row">{t(`category.${c}`)}</th>{LIGHTS.map((l) => <td key={l}>{counts[l]}</td>)}</tr>;
              })}
            </tbody>
          </table>
        </section>
        <section class="card" aria-labelledby="b-reds">
          <h2 id="b-reds">{t('board.redFirst')}</h2>
          {reds.length === 0 ? <p class="muted">{t('board.none')}</p> : (
            <ul class="project-list">
              {reds.map((p) => (
                <li key={p.id}>
                  <Light light={p.light} /> <a href={`#/board/project/${encodeURIComponent(p.id)}`}>{p.title ?? p.id}</a>
                  <span class="muted"> · {tOr(`category.${p.category}`, p.category ?? '')} · {departmentName(session, p.departmentId)}</span>
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
                    <li key={p.id}>
                      <Light light={p.light} /> <a href={`#/board/project/${encodeURIComponent(p.id)}`}>{p.title ?? p.id}</a>
                      <span class="muted"> · {tOr(`category.${p.category}`, p.category ?? '')}</span>
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </section>
        {board.kinds.filter((k) => k.kind !== 'projectApproval').map((k) => {
          const listed = board.items.filter((i) => i.kind === k.kind);
          return (
            <section class="card" key={k.kind} aria-labelledby={`b-${k.kind}`} data-kind={k.kind}>
              <h2 id={`b-${k.kind}`}>{kindName(k.kind)} <span class="muted">{t('board.running')} {k.total}</span></h2>
              <LightCounts counts={k.lights} />
              {listed.length === 0 ? <p class="muted">{t('board.noneRedYellow')}</p> : (
                <ul class="project-list">
                  {listed.slice(0, 10).map((p) => (
                    <li key={p.id}>
                      <Light light={p.light} /> <a href={`#/process/${k.kind}/${encodeURIComponent(p.id)}`}>{p.title ?? p.id}</a>
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

/** One project: its items, each with its light, deadline, department and who holds its open task. */
export function ProjectPage({ session, id, live }: { session: Session; id: string; live: Live }) {
  const [view, setView] = useState<ProcessView>();
  const [holders, setHolders] = useState<Record<string, TaskState>>({});
  const [error, setError] = useState<string>();
  const load = async () => {
    try {
      const v = await api.process('projectApproval', id);
      setView(v);
      const items = (v.state.items as { taskId?: string }[]) ?? [];
      const tasks = await Promise.allSettled(items.filter((i) => i.taskId).map((i) => api.task(i.taskId as string)));
      setHolders(Object.fromEntries(tasks.flatMap((r) => (r.status === 'fulfilled' ? [[r.value.taskId, r.value]] : []))));
    } catch (err) {
      setError(reasonOf(err));
    }
  };
  useEffect(() => { void load(); }, [id]);
  useReloadOn(live, (c) => c.processId === id || (c.taskId ?? '').startsWith(`${id}/`), () => void load(), [id]);
  if (error) return <><p><a href="#/board">← {t('board.back')}</a></p><Alert>{error}</Alert></>;
  if (!view) return <Loading />;
  const s = view.state as Record<string, unknown>;
  const items = (s.items as Record<string, unknown>[]) ?? [];
  const target = s.target as { dueAt?: string; provisional: boolean } | undefined;
  return (
    <article aria-labelledby="p-title">
      <p><a href="#/board">← {t('board.back')}</a></p>
      <h1 id="p-title">{String(s.name ?? view.title ?? id)}</h1>
      <p class="task-meta">
        <Light light={String(s.light)} long />
        <span>{tOr(`category.${String(s.category)}`, String(s.category))}</span>
        <span>{t('task.leader')}：{personName(session, String(s.assignedLeaderId))}</span>
        <span>{departmentName(session, String(s.responsibleDepartmentId))}</span>
        {target?.dueAt && <Deadline at={target.dueAt} provisional={target.provisional} />}
      </p>
      <h2>{t('board.items')}</h2>
      <table class="tasks items">
        <thead><tr><th scope="col">{t('inbox.filterLight')}</th><th scope="col">{t('task.projectItems')}</th><th scope="col">{t('inbox.deadline')}</th><th scope="col">{t('board.holder')}</th></tr></thead>
        <tbody>
          {items.map((i) => {
            const task = i.taskId ? holders[String(i.taskId)] : undefined;
            return (
              <tr key={String(i.key)} data-item={String(i.key)}>
                <td class="c-light"><Light light={String(i.light)} /></td>
                <td class="c-task">{String(i.name)}<span class="kind">{tOr(`item.status.${String(i.status)}`, String(i.status))}</span></td>
                <td class="c-due">{i.dueAt && i.taskId ? <Deadline at={String(i.dueAt)} provisional={Boolean(i.provisional)} /> : '—'}</td>
                <td class="c-holder">
                  {departmentName(session, String(i.departmentId))}
                  {task && <> · {task.assigneeId ? personName(session, task.assigneeId) : t('task.nobody')}</>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
