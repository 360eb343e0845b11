/**
 * The verbs every approval system has, on the task page (docs/verbs.md): each card shows only
 * when the API says the person may use its verb now (`verbs` of GET /api/tasks/:id), and its
 * record when there is one.
 */
import { useState } from 'preact/hooks';
import { api, type Session, type TaskState } from '../api';
import { t } from '../i18n';
import { personName, When } from '../ui';

type Act = (f: () => Promise<unknown>) => Promise<boolean>;

/** 催办: chase the holder, once per half working day; the chases so far and when the caller may chase again. */
export function ChaseCard({ task, session, act }: { task: TaskState; session: Session; act: Act }) {
  const [note, setNote] = useState('');
  const may = task.verbs?.includes('chase') ?? false;
  const chases = task.chases ?? [];
  if (!may && !task.chaseAgainAt && chases.length === 0) return null;
  return (
    <section class="card" aria-labelledby="chase-title">
      <h2 id="chase-title">{t('verbs.chase')}</h2>
      {chases.length > 0 && (
        <p>
          {t('verbs.chase.count', { n: chases.length })}{' '}
          <span class="muted">{t('verbs.chase.last', { who: personName(session, chases[chases.length - 1].personId) })} <When at={chases[chases.length - 1].at} /></span>
        </p>
      )}
      {task.chaseAgainAt && <p class="muted">{t('verbs.chase.again')} <When at={task.chaseAgainAt} /></p>}
      {may && (
        <form onSubmit={(e) => { e.preventDefault(); void act(() => api.chase(task.taskId, note || undefined)).then((ok) => ok && setNote('')); }}>
          <div class="field">
            <label for="chase-note">{t('verbs.chase.note')}<span class="muted">{t('form.optional')}</span></label>
            <input id="chase-note" type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <button type="submit">{t('verbs.chase')}</button>
          <p class="muted small">{t('verbs.chase.rule')}</p>
        </form>
      )}
    </section>
  );
}
