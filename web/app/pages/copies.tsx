/**
 * 抄送我的: the tasks copied to me, unread first; each opens the task page, where 已阅 marks it read.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type CopySummary, type Session } from '../api';
import { t } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { Alert, kindName, Loading, More, personName, reasonOf, When } from '../ui';

export function Copies({ session, live }: { session: Session; live: Live }) {
  const [copies, setCopies] = useState<CopySummary[]>();
  const [counts, setCounts] = useState({ total: 0, unread: 0 });
  const [next, setNext] = useState<string>();
  const [error, setError] = useState<string>();
  // The first page again (a change may have moved any copy); 加载更多 appends the next one.
  const load = () => api.copies().then((r) => { setCopies(r.copies); setCounts(r.counts); setNext(r.next); setError(undefined); }, (e: unknown) => setError(reasonOf(e)));
  const more = () => api.copies({ cursor: next }).then((r) => { setCopies([...(copies ?? []), ...r.copies]); setCounts(r.counts); setNext(r.next); }, (e: unknown) => setError(reasonOf(e)));
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type.startsWith('task.'), () => void load(), []);
  return (
    <section aria-labelledby="copies-title">
      <h1 id="copies-title">{t('nav.copies')}</h1>
      {error && <Alert>{error}</Alert>}
      {!copies && !error && <Loading />}
      {copies && (copies.length === 0 ? <p class="empty">{t('copies.empty')}</p> : (
        <>
          <p class="muted">{t('copies.count', { n: counts.total, unread: counts.unread })}</p>
          <table class="tasks">
            <thead>
              <tr><th scope="col">{t('inbox.task')}</th><th scope="col">{t('copies.by')}</th><th scope="col">{t('copies.status')}</th></tr>
            </thead>
            <tbody>
              {copies.map((c) => (
                <tr key={c.taskId} data-copy-of={c.taskId} class={c.status === 'unread' ? 'copy-unread' : ''}>
                  <td class="c-task">
                    <a href={`#/task/${encodeURIComponent(c.taskId)}`}>{c.title ?? c.taskId}</a>
                    <span class="kind">{kindName(c.processKind)}</span>
                  </td>
                  <td>{c.by ? personName(session, c.by) : ''} <span class="muted small"><When at={c.copiedAt} /></span></td>
                  <td><span class={c.status === 'unread' ? 'tag tag-missing' : 'tag'}>{t(`copies.${c.status}`)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
          <More shown={copies.length} total={counts.total} next={next} onMore={() => void more()} />
        </>
      ))}
    </section>
  );
}
