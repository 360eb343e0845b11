/**
 * 人员名录 (administrators): the directory in use — its people searched by name, id, department or
 * role, its departments — and its history: each version, who imported it, when, from what, and
 * who was added, changed and removed. The directory is edited as a spreadsheet
 * (`greenlight directory import|export`), not here. A person's row offers 离职交接 (handover.tsx) and naming their agent (代理, agent.tsx).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Person } from '../../../contracts/directory';
import { api, type DirectoryVersion, type DirectoryVersionInfo, type Session } from '../api';
import { t, tOr } from '../i18n';
import { Alert, Loading, personName, reasonOf, When } from '../ui';
import { HandoverCard } from './handover';
import { AgentCard } from './agent';

const roleName = (role: string) => tOr(`role.${role}`, role);

function HistoryEntry({ v, session }: { v: DirectoryVersionInfo; session: Session }) {
  const { people, departments } = v.changes;
  const lines = [
    people.added.length ? t('directory.added', { n: people.added.length, ids: people.added.join('、') }) : undefined,
    people.changed.length ? t('directory.changed', { n: people.changed.length, ids: people.changed.map((c) => c.id).join('、') }) : undefined,
    people.removed.length ? t('directory.removed', { n: people.removed.length, ids: people.removed.join('、') }) : undefined,
    [...departments.added, ...departments.changed.map((c) => c.id), ...departments.removed].length
      ? t('directory.departmentsChanged', { ids: [...departments.added, ...departments.changed.map((c) => c.id), ...departments.removed].join('、') }) : undefined,
  ].filter((l): l is string => Boolean(l));
  const by = v.by === 'file' ? t('directory.byFile') : personName(session, v.by);
  return (
    <li data-version={v.version}>
      <p><strong>{t('directory.historyEntry', { version: v.version, by, source: v.source })}</strong> · <When at={v.at} /></p>
      {lines.length ? <ul>{lines.map((l) => <li key={l}>{l}</li>)}</ul> : <p class="muted">{t('directory.noChanges')}</p>}
    </li>
  );
}

export function DirectoryPage({ session }: { session: Session }) {
  const [current, setCurrent] = useState<DirectoryVersion>();
  const [history, setHistory] = useState<DirectoryVersionInfo[]>();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string>();
  const [leaving, setLeaving] = useState<Person>();
  const [standIn, setStandIn] = useState<Person>();
  const opener = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    Promise.all([api.directory(), api.directoryHistory()])
      .then(([c, h]) => { setCurrent(c); setHistory(h.versions); }, (e: unknown) => setError(reasonOf(e)));
  }, []);
  const deptName = (id: string) => current?.directory.departments.find((d) => d.id === id)?.name ?? id;
  const people = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return (current?.directory.people ?? []).filter((p) => words.every((w) => [
      p.id, p.name, ...p.departments, ...p.departments.map(deptName), ...p.roles, ...p.roles.map(roleName),
    ].some((s) => s.toLowerCase().includes(w))));
  }, [current, query]);

  if (error) return <Alert>{error}</Alert>;
  if (!current || !history) return <Loading />;
  const by = current.by === 'file' ? t('directory.byFile') : personName(session, current.by);
  return (
    <>
      <h1 id="directory-title">{t('directory.title')}</h1>
      <p>{t('directory.version', { version: current.version, by, source: current.source })}<When at={current.at} /></p>
      <p class="muted">{t('directory.howTo')}</p>
      <div class="field">
        <label for="directory-search">{t('directory.search')}</label>
        <input id="directory-search" type="search" value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <section aria-labelledby="people-title">
        <h2 id="people-title">{t('directory.people', { shown: people.length, total: current.directory.people.length })}</h2>
        {/* Focusable, so that a keyboard scrolls a table wider than a phone. */}
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="people-title">
          <table>
            <thead><tr><th scope="col">{t('directory.name')}</th><th scope="col">{t('directory.id')}</th><th scope="col">{t('directory.department')}</th><th scope="col">{t('directory.roles')}</th><th scope="col">{t('directory.channels')}</th><th scope="col">{t('directory.actions')}</th></tr></thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} data-person-id={p.id}>
                  <td>{p.name}</td><td><code>{p.id}</code></td><td>{p.departments.map(deptName).join('、')}</td>
                  <td>{p.roles.map(roleName).join('、')}</td>
                  <td>{[p.channels?.email ? 'e-mail' : '', p.channels?.webhook ? 'webhook' : ''].filter(Boolean).join('、')}</td>
                  <td>
                    <button type="button" class="link" aria-label={t('handover.openFor', { name: p.name })}
                      onClick={(e) => { opener.current = e.currentTarget as HTMLButtonElement; setStandIn(undefined); setLeaving(p); }}>{t('handover.open')}</button>
                    {' '}
                    <button type="button" class="link" aria-label={t('agent.openFor', { name: p.name })}
                      onClick={(e) => { opener.current = e.currentTarget as HTMLButtonElement; setLeaving(undefined); setStandIn(p); }}>{t('agent.open')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {leaving && (
        <HandoverCard key={leaving.id} person={leaving} directory={current.directory}
          onClose={() => { setLeaving(undefined); opener.current?.focus(); }} />
      )}
      {standIn && <AgentCard key={standIn.id} session={session} personId={standIn.id} onClose={() => { setStandIn(undefined); opener.current?.focus(); }} />}
      <section aria-labelledby="departments-title">
        <h2 id="departments-title">{t('directory.departments')}</h2>
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="departments-title">
          <table>
            <thead><tr><th scope="col">{t('directory.name')}</th><th scope="col">{t('directory.id')}</th><th scope="col">{t('directory.head')}</th><th scope="col">{t('directory.leader')}</th><th scope="col">{t('directory.handles')}</th></tr></thead>
            <tbody>
              {current.directory.departments.map((d) => (
                <tr key={d.id}>
                  <td>{d.name}</td><td><code>{d.id}</code></td>
                  <td>{current.directory.people.find((p) => p.id === d.headId)?.name ?? d.headId}</td>
                  <td>{current.directory.people.find((p) => p.id === d.assignedLeaderId)?.name ?? d.assignedLeaderId}</td>
                  <td>{d.handles.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('directory.history')}</h2>
        <ol class="directory-history" reversed>{history.map((v) => <HistoryEntry key={v.version} v={v} session={session} />)}</ol>
      </section>
    </>
  );
}
