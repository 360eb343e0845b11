/**
 * Every kind's processes, from the registry (`GET /api/processes`): a new kind shows up here
 * with no page written for it. List and filter; one process with its timeline, open tasks and state.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type KindSummary, type ProcessSummary, type ProcessView, type Session } from '../api';
import { eventWord, t, tOr } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { InstructForm, mayInstruct } from './leaders';
import { Alert, departmentName, kindName, Light, Loading, reasonOf, When } from '../ui';

function Kinds({ kinds, current }: { kinds: KindSummary[]; current?: string }) {
  return (
    <nav aria-label={t('admin.kinds')} class="kinds">
      {kinds.map((k) => <a key={k.kind} href={`#/admin/${k.kind}`} aria-current={k.kind === current ? 'page' : undefined}>{kindName(k.kind)} <code>{k.kind}</code></a>)}
    </nav>
  );
}

function List({ kind, session }: { kind: string; session: Session }) {
  const [light, setLight] = useState('');
  const [status, setStatus] = useState('');
  const [list, setList] = useState<ProcessSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setList(undefined);
    api.processes(kind, { light, status }).then((r) => { setList(r.processes); setError(undefined); }, (e: unknown) => setError(reasonOf(e)));
  }, [kind, light, status]);
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">{kindName(kind)}</h2>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label class="inline"><span>{t('inbox.filterLight')}</span>
          <select value={light} onChange={(e) => setLight((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('light.all')}</option>
            {(['red', 'yellow', 'green'] as const).map((l) => <option key={l} value={l}>{t(`light.${l}`)}</option>)}
          </select>
        </label>
        <label class="inline"><span>{t('admin.status')}</span>
          <input type="text" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLInputElement).value.trim())} />
        </label>
      </form>
      {error && <Alert>{error}</Alert>}
      {!list && !error && <Loading />}
      {list && (
        <table class="tasks">
          <thead><tr><th scope="col">{t('inbox.filterLight')}</th><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.status')}</th><th scope="col">{t('admin.started')}</th></tr></thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <td class="c-light"><Light light={p.light} /></td>
                <td class="c-task"><a href={`#/admin/${kind}/${encodeURIComponent(p.id)}`}>{p.title ?? p.id}</a><span class="kind">{p.id} · {departmentName(session, p.departmentId)}</span></td>
                <td>{p.status}</td>
                <td><When at={p.startedAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One process: its light, open tasks, instructions (督办), timeline in words and raw state; a leader may instruct on it. */
function One({ kind, id, session, live, back }: { kind: string; id: string; session: Session; live?: Live; back: [string, string] }) {
  const [view, setView] = useState<ProcessView>();
  const [error, setError] = useState<string>();
  const load = () => api.process(kind, id).then(setView, (e: unknown) => setError(reasonOf(e)));
  useEffect(() => { void load(); }, [kind, id]);
  useReloadOn(live ?? { connected: false, subscribe: () => () => undefined }, (c) => c.processId === id, () => void load(), [kind, id]);
  if (error) return <Alert>{error}</Alert>;
  if (!view) return <Loading />;
  const s = view.state;
  const timeline = view.timeline ?? (Array.isArray(s.timeline) ? (s.timeline as { at: string; event: string }[]) : []);
  const open = view.tasks ? view.tasks.filter((x) => x.status === 'open' || x.status === 'claimed').map((x) => x.taskId)
    : Array.isArray(s.openTaskIds) ? (s.openTaskIds as string[])
      : Array.isArray(s.items) ? (s.items as { taskId?: string }[]).flatMap((i) => (i.taskId ? [i.taskId] : [])) : [];
  const titleOf = (taskId: string) => view.tasks?.find((x) => x.taskId === taskId)?.title ?? taskId;
  const department = typeof s.departmentId === 'string' ? s.departmentId : typeof s.responsibleDepartmentId === 'string' ? s.responsibleDepartmentId
    : typeof s.leadUnitId === 'string' ? s.leadUnitId : undefined;
  return (
    <section aria-labelledby="one-title">
      <p><a href={back[0]}>← {back[1]}</a></p>
      <h2 id="one-title">{view.title ?? id} <Light light={view.light ?? (typeof s.light === 'string' ? s.light : undefined)} /></h2>
      <p class="muted">{kindName(kind)} · {id} · {view.execution}{typeof s.status === 'string' ? ` · ${tOr(`status.${s.status}`, s.status, {}, kind)}` : ''}</p>
      {open.length > 0 && (
        <>
          <h3>{t('admin.openTasks')}</h3>
          <ul>{open.map((tid) => <li key={tid}><a href={`#/task/${encodeURIComponent(tid)}`}>{titleOf(tid)}</a></li>)}</ul>
        </>
      )}
      {(view.instructions ?? []).length > 0 && (
        <>
          <h3>{t('instructions.ofProcess')}</h3>
          <ul class="project-list">
            {(view.instructions ?? []).map((i) => (
              <li key={i.instructionId}>
                <Light light={i.light} /> <a href={`#/instruction/${encodeURIComponent(i.instructionId)}`}>{i.text ?? i.instructionId}</a>
                <span class="muted"> · {tOr(`instruction.status.${i.status}`, i.status ?? '')} · {departmentName(session, i.departmentId)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {mayInstruct(session) && view.execution === 'RUNNING' && <InstructForm session={session} kind={kind} processId={id} departmentId={department} />}
      {timeline.length > 0 && (
        <>
          <h3>{t('task.timeline')}</h3>
          <ol class="history">{timeline.map((e, i) => <li key={i} data-event={e.event}><When at={e.at} /> {eventWord(e.event, kind)}</li>)}</ol>
        </>
      )}
      <details>
        <summary>{t('admin.state')}</summary>
        <pre class="json">{JSON.stringify(s, null, 2)}</pre>
      </details>
    </section>
  );
}

/** `#/process/<kind>/<id>`: one process of any kind, outside the administrators' pages (the board's and an instruction's links). */
export function ProcessPage({ session, kind, id, live }: { session: Session; kind: string; id: string; live: Live }) {
  return <One kind={kind} id={id} session={session} live={live} back={['#/board', t('board.back')]} />;
}

export function Admin({ session, kind, id }: { session: Session; kind?: string; id?: string }) {
  const [kinds, setKinds] = useState<KindSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => { api.kinds().then((r) => setKinds(r.kinds), (e: unknown) => setError(reasonOf(e))); }, []);
  if (error) return <Alert>{error}</Alert>;
  if (!kinds) return <Loading />;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <Kinds kinds={kinds} current={kind} />
      {kind && id ? <One kind={kind} id={id} session={session} back={[`#/admin/${kind}`, kindName(kind)]} /> : kind ? <List kind={kind} session={session} /> : (
        <ul class="kind-list">{kinds.map((k) => <li key={k.kind}><a href={`#/admin/${k.kind}`}>{kindName(k.kind)}</a> — {k.title}<br /><span class="muted">{k.summary}</span></li>)}</ul>
      )}
    </section>
  );
}
