/**
 * Every kind's processes, from the registry (`GET /api/processes`): a new kind shows up here
 * with no page written for it. List and filter by light and by the kind's statuses in words; one
 * process is the process page (pages/process.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type KindSummary, type ProcessSummary, type Session } from '../api';
import { statusesOf, statusWord, t } from '../i18n';
import { ProcessOne } from './process';
import { Alert, departmentName, kindName, Light, Loading, More, reasonOf, When } from '../ui';

function Kinds({ kinds, current }: { kinds: KindSummary[]; current?: string }) {
  return (
    <nav aria-label={t('admin.kinds')} class="kinds">
      {kinds.map((k) => <a key={k.kind} href={`#/admin/${k.kind}`} aria-current={k.kind === current ? 'page' : undefined}>{kindName(k.kind)}</a>)}
    </nav>
  );
}

function List({ kind, session }: { kind: string; session: Session }) {
  const [light, setLight] = useState('');
  const [status, setStatus] = useState('');
  const [list, setList] = useState<ProcessSummary[]>();
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setList(undefined);
    api.processes(kind, { light, status }).then((r) => { setList(r.processes); setTotal(r.total); setNext(r.next); setError(undefined); }, (e: unknown) => setError(reasonOf(e)));
  }, [kind, light, status]);
  const more = () => api.processes(kind, { light, status, cursor: next })
    .then((r) => { setList([...(list ?? []), ...r.processes]); setTotal(r.total); setNext(r.next); }, (e: unknown) => setError(reasonOf(e)));
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
          <select value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('admin.allStatuses')}</option>
            {statusesOf(kind).map(([code, word]) => <option key={code} value={code}>{word}</option>)}
          </select>
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
                <td class="c-task"><a href={`#/admin/${kind}/${encodeURIComponent(p.id)}`}>{p.title ?? kindName(kind)}</a><span class="kind">{departmentName(session, p.departmentId)}</span></td>
                <td data-label={t('admin.status')}>{p.closedAt && !p.status ? t('process.execution.done') : statusWord(p.status, kind)}</td>
                <td data-label={t('admin.started')}><When at={p.startedAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && <More shown={list.length} total={total} next={next} onMore={() => void more()} />}
    </section>
  );
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
      {kind && id ? <ProcessOne kind={kind} id={id} session={session} back={[`#/admin/${kind}`, kindName(kind)]} /> : kind ? <List kind={kind} session={session} /> : (
        <>
          <ul class="kind-list">{kinds.map((k) => <li key={k.kind}><a href={`#/admin/${k.kind}`}>{kindName(k.kind)}</a></li>)}</ul>
          <details class="dev">
            <summary>{t('process.developer')}</summary>
            <dl class="facts">{kinds.map((k) => <div key={k.kind}><dt><code>{k.kind}</code></dt><dd>{k.title}<br /><span class="muted">{k.summary}</span></dd></div>)}</dl>
          </details>
        </>
      )}
    </section>
  );
}
