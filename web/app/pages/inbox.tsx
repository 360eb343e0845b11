/**
 * The inbox (我的待办): my tasks and my departments' offered ones, soonest deadline first,
 * counts per light, filters by light and kind, and pages of 50.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Session, type TaskSummary } from '../api';
import { t } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { Alert, Deadline, Light, Loading, kindName, personName, reasonOf } from '../ui';
import { workbenchPath } from '../../../contracts/workbench-links';

const PAGE = 50;
const LIMIT = 500;
const LIGHTS = ['red', 'yellow', 'green'] as const;

/** Tasks just completed here: their Update has answered, the inbox query may not have caught up yet. */
const justCompleted = new Set<string>();
/** What the person was told of the last of them, said once on the inbox they land on. */
let lastDone: string | undefined;
export function leftTheInbox(taskId: string, said?: string): void {
  justCompleted.add(taskId);
  lastDone = said;
}

const soonestFirst = (a: TaskSummary, b: TaskSummary) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');

export function Inbox({ session, live }: { session: Session; live: Live }) {
  const [tasks, setTasks] = useState<TaskSummary[]>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [light, setLight] = useState('');
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(0);
  const [done] = useState(() => {
    const said = lastDone;
    lastDone = undefined;
    return said;
  });

  const load = () => api.inbox({ limit: LIMIT }).then((r) => {
    const ids = new Set(r.tasks.map((x) => x.taskId));
    for (const id of justCompleted) if (!ids.has(id)) justCompleted.delete(id);
    setTasks(r.tasks.filter((x) => !justCompleted.has(x.taskId)).sort(soonestFirst));
    setTotal(r.counts?.total ?? r.tasks.length);
    setError(undefined);
  }, (e: unknown) => setError(reasonOf(e)));
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type.startsWith('task.'), () => void load(), []);

  const kinds = useMemo(() => [...new Set((tasks ?? []).map((x) => x.processKind).filter(Boolean))] as string[], [tasks]);
  const ofKind = useMemo(() => (tasks ?? []).filter((x) => !kind || x.processKind === kind), [tasks, kind]);
  const shown = useMemo(() => ofKind.filter((x) => !light || x.light === light), [ofKind, light]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const at = Math.min(page, pages - 1);
  const rows = shown.slice(at * PAGE, at * PAGE + PAGE);
  const count = (l: string) => ofKind.filter((x) => x.light === l).length;
  // A department head decides the extensions asked in their department: the inbox says which wait for them.
  const heads = session.person.roles.includes('departmentHead');

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      {done && <Alert kind="ok">{done}</Alert>}
      {error && <Alert>{error}</Alert>}
      {!tasks && !error && <Loading />}
      {tasks && (
        <>
          <div class="counts" role="group" aria-label={t('inbox.filterLight')}>
            <button type="button" class={light === '' ? 'chip chip-on' : 'chip'} aria-pressed={light === ''} onClick={() => { setLight(''); setPage(0); }}>
              {t('light.all')} <b>{ofKind.length}</b>
            </button>
            {LIGHTS.map((l) => (
              <button type="button" key={l} class={light === l ? `chip chip-on chip-${l}` : `chip chip-${l}`} aria-pressed={light === l}
                onClick={() => { setLight(light === l ? '' : l); setPage(0); }}>
                <Light light={l} /> <b>{count(l)}</b>
              </button>
            ))}
            <label class="inline">
              <span>{t('inbox.filterKind')}</span>
              <select value={kind} onChange={(e) => { setKind((e.currentTarget as HTMLSelectElement).value); setPage(0); }}>
                <option value="">{t('kind.all')}</option>
                {kinds.map((k) => <option key={k} value={k}>{kindName(k)}</option>)}
              </select>
            </label>
          </div>
          {rows.length === 0 ? <p class="empty">{t('inbox.empty')}</p> : (
            <table class="tasks">
              <caption class="sr-only">{t('inbox.count', { n: shown.length })}</caption>
              <thead>
                <tr><th scope="col">{t('inbox.filterLight')}</th><th scope="col">{t('inbox.task')}</th><th scope="col">{t('inbox.deadline')}</th><th scope="col">{t('inbox.holder')}</th></tr>
              </thead>
              <tbody>
                {rows.map((x) => (
                  <tr key={x.taskId} class={`row-${x.light ?? 'none'}`} data-task-id={x.taskId}>
                    <td class="c-light"><Light light={x.light} /></td>
                    <td class="c-task">
                      <a href={workbenchPath({ taskId: x.taskId })}>{x.title ?? x.taskId}</a>
                      <span class="kind">{kindName(x.processKind)}</span>
                      {x.extensionPending && <span class="tag tag-unread" data-extension-pending>{heads ? t('task.extension.waiting') : t('task.extension.pendingShort')}</span>}
                    </td>
                    <td class="c-due"><Deadline at={x.dueAt} provisional={x.provisional} /></td>
                    <td class="c-holder">{x.assignedToMe || x.assigneeId === session.person.id ? t('inbox.mine') : x.assigneeId ? personName(session, x.assigneeId) : t('inbox.toClaim')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="muted">{t('inbox.count', { n: shown.length })}{total > tasks.length ? ` ${t('inbox.limited', { n: tasks.length, total })}` : ''}</p>
          {pages > 1 && (
            <nav class="pager" aria-label={t('inbox.page', { page: at + 1, pages })}>
              <button type="button" disabled={at === 0} onClick={() => setPage(at - 1)}>{t('inbox.prev')}</button>
              <span>{t('inbox.page', { page: at + 1, pages })}</span>
              <button type="button" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>{t('inbox.next')}</button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
