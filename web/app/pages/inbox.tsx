/**
 * The inbox (我的待办): my tasks and my departments' offered ones, soonest deadline first, read a
 * page at a time from the API (filters by light and kind applied there, counts per light exact),
 * 加载更多 for the next page.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Session, type TaskSummary } from '../api';
import { t } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { Alert, Deadline, Light, Loading, kindName, More, personName, reasonOf } from '../ui';
import { workbenchPath } from '../../../contracts/workbench-links';

const PAGE = 50;
const LIGHTS = ['red', 'yellow', 'green'] as const;

/** Tasks just completed here: their Update has answered, the record may not have caught up yet. */
const justCompleted = new Set<string>();
/** What the person was told of the last of them, said once on the inbox they land on. */
let lastDone: string | undefined;
export function leftTheInbox(taskId: string, said?: string): void {
  justCompleted.add(taskId);
  lastDone = said;
}

type Counts = { total: number; red: number; yellow: number; green: number };

export function Inbox({ session, live }: { session: Session; live: Live }) {
  const [tasks, setTasks] = useState<TaskSummary[]>();
  /** Every task of the kind chosen, by light (the chips), whatever the light chosen. */
  const [counts, setCounts] = useState<Counts>({ total: 0, red: 0, yellow: 0, green: 0 });
  const [next, setNext] = useState<string>();
  const [kinds, setKinds] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [light, setLight] = useState('');
  const [kind, setKind] = useState('');
  const [done] = useState(() => {
    const said = lastDone;
    lastDone = undefined;
    return said;
  });

  const filter = () => ({ light: light || undefined, processKind: kind || undefined, limit: PAGE });
  const fresh = (r: { tasks: TaskSummary[] }) => {
    const ids = new Set(r.tasks.map((x) => x.taskId));
    for (const id of justCompleted) if (!ids.has(id)) justCompleted.delete(id);
    return r.tasks.filter((x) => !justCompleted.has(x.taskId));
  };
  /** The first page again, and the counts per light of the kind chosen. */
  const load = () => Promise.all([
    api.inbox(filter()),
    light ? api.inbox({ processKind: kind || undefined, limit: 1 }) : undefined,
  ]).then(([page, all]) => {
    setTasks(fresh(page));
    setNext(page.next);
    setCounts((all ?? page).counts);
    setError(undefined);
  }, (e: unknown) => setError(reasonOf(e)));
  const more = () => api.inbox({ ...filter(), cursor: next }).then((page) => {
    setTasks([...(tasks ?? []), ...fresh(page)]);
    setNext(page.next);
  }, (e: unknown) => setError(reasonOf(e)));
  useEffect(() => { void load(); }, [light, kind]);
  useEffect(() => { api.kinds().then((r) => setKinds(r.kinds.map((k) => k.kind)), () => undefined); }, []);
  useReloadOn(live, (c) => c.type.startsWith('task.'), () => void load(), [light, kind]);

  const rows = tasks ?? [];
  const shownTotal = light ? counts[light as keyof Counts] : counts.total;
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
            <button type="button" class={light === '' ? 'chip chip-on' : 'chip'} aria-pressed={light === ''} onClick={() => setLight('')}>
              {t('light.all')} <b>{counts.total}</b>
            </button>
            {LIGHTS.map((l) => (
              <button type="button" key={l} class={light === l ? `chip chip-on chip-${l}` : `chip chip-${l}`} aria-pressed={light === l}
                onClick={() => setLight(light === l ? '' : l)}>
                <Light light={l} /> <b>{counts[l]}</b>
              </button>
            ))}
            <label class="inline">
              <span>{t('inbox.filterKind')}</span>
              <select value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">{t('kind.all')}</option>
                {kinds.map((k) => <option key={k} value={k}>{kindName(k)}</option>)}
              </select>
            </label>
          </div>
          {rows.length === 0 ? <p class="empty">{t('inbox.empty')}</p> : (
            <table class="tasks">
              <caption class="sr-only">{t('inbox.count', { n: shownTotal })}</caption>
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
                      {x.forPersonId && <span class="tag" data-for-person={x.forPersonId} title={t('inbox.forPersonLong', { name: personName(session, x.forPersonId) })}>{t('inbox.forPerson', { name: personName(session, x.forPersonId) })}</span>}
                      {x.extensionPending && <span class="tag tag-unread" data-extension-pending>{heads ? t('task.extension.waiting') : t('task.extension.pendingShort')}</span>}
                    </td>
                    <td class="c-due"><Deadline at={x.dueAt} provisional={x.provisional} /></td>
                    <td class="c-holder">{x.assignedToMe || x.assigneeId === session.person.id ? t('inbox.mine') : x.assigneeId ? personName(session, x.assigneeId) : t('inbox.toClaim')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="muted">{t('inbox.count', { n: shownTotal })}</p>
          <More shown={rows.length} total={shownTotal} next={next} onMore={() => void more()} />
        </>
      )}
    </section>
  );
}
