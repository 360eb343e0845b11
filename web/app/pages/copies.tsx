/**
 * 抄送我的: the tasks copied to me, unread first; each opens the task page, where 已阅 marks it read.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type CopySummary, type Session } from '../api';
import { t } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { Alert, kindName, Loading, personName, reasonOf, When } from '../ui';

export function Copies({ session, live }: { session: Session; live: Live }) {
  const [copies, setCopies] = useState<CopySummary[]>();
  const [error, setError] = useState<string>();
  const load = () => api.copies().then((r) => { setCopies(r.copies); setError(undefined); }, (e: unknown) => setError(reasonOf(e)));
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type.startsWith('task.'), () => void load(), []);
  const unread = (copies ?? []).filter((c) => c.status === 'unread').length;
  return (
    <section aria-labelledby="copies-title">
      <h1 id="copies-title">{t('nav.copies')}</h1>
      {error && <Alert>{error}</Alert>}
      {!copies && !error && <Loading />}
      {copies && (copies.length === 0 ? <p class="empty">{t('copies.empty')}</p> : (
        <>
          <p class="muted">{t('copies.count', { n: copies.length, unread })}</p>
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
        </>
      ))}
    </section>
  );
}
