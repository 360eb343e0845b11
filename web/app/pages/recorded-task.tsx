/**
 * A closed task Temporal no longer holds (its retention), as the record keeps it: its answer (the
 * outcome, who, when), its department and holder, the rungs that fired and whom they reached, and
 * its history in words. Read-only: no verbs, no form.
 */
import type { RecordedTask, Session } from '../api';
import { outcomeWord, t } from '../i18n';
import { processHref } from '../kinds';
import { Deadline, departmentName, Facts, kindName, Light, personName, When } from '../ui';

const statuses = ['open', 'claimed', 'completed', 'cancelled'] as const;
const statusWord = (status: string) => (statuses as readonly string[]).includes(status) ? t(`task.status.${status as typeof statuses[number]}`) : status;

export function RecordedTaskPage({ task, session }: { task: RecordedTask; session: Session }) {
  return (
    <article class="task" aria-labelledby="task-title" data-recorded>
      <p><a href="#/inbox">← {t('task.back')}</a></p>
      <header class="task-head">
        <h1 id="task-title">{task.title}</h1>
        <div class="task-meta">
          <Light light={task.light} long />
          <span class="kind">{kindName(task.processKind)}</span>
          <span>{t('task.status')}：{statusWord(task.status)}</span>
        </div>
      </header>
      <p class="muted">{t('task.recorded')}</p>
      <div class="columns">
        <div class="col-main">
          <section class="card" aria-labelledby="answer-title">
            <h2 id="answer-title">{t('task.answer')}</h2>
            <p class="muted">{t('task.process')}：<a href={processHref(task.processKind, task.processId)}>{kindName(task.processKind)} {task.processId}</a></p>
            {task.completion ? (
              <Facts rows={[
                [t('task.answer.outcome'), <span data-outcome={task.completion.outcome}>{outcomeWord(task.completion.outcome, task.processKind)}</span>],
                [t('task.answer.by'), task.completion.actorId ? personName(session, task.completion.actorId) : t('task.nobody')],
                [t('task.answer.at'), <When at={task.completion.at} />],
              ]} />
            ) : <p>{statusWord(task.status)}{task.closedAt && <> · <When at={task.closedAt} /></>}</p>}
          </section>
        </div>
        <aside class="col-side">
          <section class="card" aria-labelledby="who-title">
            <h2 id="who-title">{t('task.deadline')}</h2>
            <p><Deadline at={task.dueAt} provisional={task.provisional} countdownToo={false} /></p>
            <Facts rows={[
              [t('task.department'), departmentName(session, task.departmentId)],
              [t('task.assignee'), task.assigneeId ? personName(session, task.assigneeId) : t('task.nobody')],
              [t('task.created'), <When at={task.createdAt} />],
            ]} />
          </section>
          {task.rungs.length > 0 && (
            <section class="card" aria-labelledby="ladder-title">
              <h2 id="ladder-title">{t('task.ladder')}</h2>
              <ol class="ladder">
                {task.rungs.map((r) => (
                  <li key={`${r.step}-${r.at}`} class="fired" data-rung={r.step}>
                    <span>{t('task.ladder.step', { n: r.step + 1 })}</span> <When at={r.at} />{' '}
                    {r.reached.map((p) => personName(session, p)).join('、')}
                    {r.acknowledgements.length > 0 && <span class="tag">{t('task.ladder.acknowledged', { names: r.acknowledgements.map((a) => personName(session, a.personId)).join('、') })}</span>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t('task.history')}</h2>
            <ol class="history">
              {task.history.map((h, i) => <li key={i} data-event={h.type}><When at={h.at} /> {h.words}</li>)}
            </ol>
          </section>
        </aside>
      </div>
    </article>
  );
}
