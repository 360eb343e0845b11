/**
 * One process of any kind (`#/process/<kind>/<id>`, and the administrators' `#/admin/<kind>/<id>`):
 * what was asked, as its kind presents it; each open task with its deadline, how late it is, who
 * holds it and in which department; the 督办 issued on it, and the form to issue one; its timeline
 * in words. Ids, Temporal's status and the raw state are folded away in the developer's view. No
 * kind is named here: every word about a kind comes from its definition's presentation.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Presentation, type ProcessView, type Session } from '../api';
import { eventWord, kindSaid, statusWord, t } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { at, presentationOf } from '../kinds';
import { timelineText } from '../timeline';
import { Alert, Deadline, departmentName, factRows, Facts, factValue, kindName, Light, Loading, personName, reasonOf, When } from '../ui';
import { InstructForm, mayInstruct } from './leaders';
import { workbenchPath } from '../../../contracts/workbench-links';

const arr = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const idle: Live = { connected: false, subscribe: () => () => undefined };

/** Where a process stands, in words: its kind's word for its status while it runs, else what ended it. */
export function standing(view: ProcessView): string {
  const status = typeof view.state.status === 'string' ? view.state.status : undefined;
  if (view.execution !== 'RUNNING') return t(`process.execution.${view.execution === 'COMPLETED' ? 'done' : 'ended'}`);
  return status ? statusWord(status, view.kind) : t('process.execution.running');
}

/** The department a process is about, for a 督办's default: the first department its kind's facts show. */
function departmentOf(view: ProcessView): string | undefined {
  for (const fact of presentationOf(view.kind)?.facts ?? []) {
    if (fact.as !== 'department') continue;
    const v = fact.path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), view.state);
    if (typeof v === 'string') return v;
  }
  return view.tasks.find((x) => x.status === 'open' || x.status === 'claimed')?.departmentId;
}

/** The latest decision on an item — what, who, when and why — where its kind's presentation says they are. */
function Decision({ session, kind, item, decisions }: { session: Session; kind: string; item: Record<string, unknown>; decisions: NonNullable<NonNullable<Presentation['item']>['decisions']> }) {
  const last = arr(at(item, decisions.history)).filter((e) => decisions.events.includes(String(e.event))).at(-1);
  if (!last) return null;
  const detail = (last.detail ?? {}) as Record<string, unknown>;
  const why = decisions.why.map((k) => detail[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const event = String(last.event);
  return (
    <span class="decision" data-decision={event}>
      {eventWord(event, kind)}
      {typeof last.actorId === 'string' && <> · {t('board.decidedBy')}：{personName(session, last.actorId)}</>}
      {typeof last.at === 'string' && <> · <When at={last.at} /></>}
      {why && <> · {t('board.why')}：{why}</>}
    </span>
  );
}

/** The items of a kind whose tasks belong to items of a list: each with its light, the kind's item facts, its deadline and who holds its open task. */
function Items({ view, item, session }: { view: ProcessView; item: NonNullable<Presentation['item']>; session: Session }) {
  const items = arr(at(view.state, item.list));
  const [head, ...rest] = item.facts;
  return (
    <table class="tasks items">
      <thead><tr><th scope="col">{t('inbox.filterLight')}</th><th scope="col">{t('board.item')}</th><th scope="col">{t('inbox.deadline')}</th><th scope="col">{t('board.holder')}</th></tr></thead>
      <tbody>
        {items.map((i, n) => {
          const task = typeof i.taskId === 'string' ? view.tasks.find((x) => x.taskId === i.taskId) : undefined;
          const running = task && (task.status === 'open' || task.status === 'claimed');
          return (
            <tr key={String(i.key ?? n)} data-item={String(i.key ?? n)}>
              <td class="c-light"><Light light={String(i.light)} /></td>
              <td class="c-task">
                {task ? <a href={workbenchPath({ taskId: task.taskId })}>{head ? factValue(session, head, i) : task.title}</a> : head ? factValue(session, head, i) : String(i.name ?? n)}
                {rest.map((f) => {
                  const v = factValue(session, f, i);
                  return v === undefined ? null : <span class="kind" key={f.path}>{f.label}：{v}</span>;
                })}
                {item.decisions && <Decision session={session} kind={view.kind} item={i} decisions={item.decisions} />}
              </td>
              {/* An item with no task open says nothing here (an empty cell, no label on a phone), rather than a line of dashes. */}
              <td class="c-due" data-label={running ? t('inbox.deadline') : undefined}>{running && <Deadline at={task.dueAt} provisional={task.provisional} />}</td>
              <td class="c-holder" data-label={running ? t('board.holder') : undefined}>
                {running && <>{departmentName(session, task.departmentId)} · {task.assigneeId ? personName(session, task.assigneeId) : t('inbox.toClaim')}</>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ProcessOne({ kind, id, session, live = idle, back }: { kind: string; id: string; session: Session; live?: Live; back: [string, string] }) {
  // The view is of one process: shown only with its own kind and id, so that going from one process
  // to another never shows the one before while the next loads, nor lets a late answer overwrite it.
  const [shownView, setView] = useState<{ of: string; view: ProcessView }>();
  const [failed, setError] = useState<{ of: string; error: string }>();
  const of = `${kind}/${id}`;
  const view = shownView?.of === of ? shownView.view : undefined;
  const error = failed?.of === of ? failed.error : undefined;
  const load = () => api.process(kind, id).then((v) => { setView({ of, view: v }); setError(undefined); }, (e: unknown) => setError({ of, error: reasonOf(e) }));
  useEffect(() => { void load(); }, [kind, id]);
  useReloadOn(live, (c) => c.processId === id || (c.taskId ?? '').startsWith(`${id}/`), () => void load(), [kind, id]);
  if (error) return <><p><a href={back[0]}>← {back[1]}</a></p><Alert>{error}</Alert></>;
  if (!view) return <Loading />;
  const s = view.state;
  const shown = presentationOf(kind);
  const open = view.tasks.filter((x) => x.status === 'open' || x.status === 'claimed').sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
  const titles = Object.fromEntries(view.tasks.map((x) => [x.taskId, x.title]));
  const instructions = view.instructions ?? [];
  return (
    <article aria-labelledby="process-title" class="process">
      <p><a href={back[0]}>← {back[1]}</a></p>
      <header class="task-head">
        <h1 id="process-title">{view.title ?? kindName(kind)}</h1>
        <div class="task-meta">
          <Light light={view.light} long />
          <span class="kind">{kindName(kind)}</span>
          {typeof s.category === 'string' && shown?.categories?.[s.category] && <span>{kindSaid(shown.categories[s.category])}</span>}
          <span data-status>{t('task.status')}：{standing(view)}</span>
        </div>
      </header>
      <section class="card" aria-labelledby="process-asked">
        <h2 id="process-asked">{t('process.asked')}</h2>
        {shown ? <Facts rows={factRows(session, shown.facts, s)} /> : <p class="muted">{t('process.noFacts')}</p>}
      </section>
      {shown?.item && (
        <section class="card" aria-labelledby="process-items">
          <h2 id="process-items">{t('board.items')}</h2>
          <Items view={view} item={shown.item} session={session} />
        </section>
      )}
      {!shown?.item && <section class="card" aria-labelledby="process-open">
        <h2 id="process-open">{t('admin.openTasks')}</h2>
        {open.length === 0 ? <p class="muted">{t('process.noOpenTasks')}</p> : (
          <table class="tasks">
            <thead>
              <tr>
                <th scope="col">{t('inbox.filterLight')}</th><th scope="col">{t('inbox.task')}</th><th scope="col">{t('inbox.deadline')}</th>
                <th scope="col">{t('task.assignee')}</th><th scope="col">{t('task.department')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((x) => (
                <tr key={x.taskId} class={`row-${x.light}`} data-task-id={x.taskId}>
                  <td class="c-light"><Light light={x.light} /></td>
                  <td class="c-task">
                    <a href={workbenchPath({ taskId: x.taskId })}>{x.title}</a>
                    <span class="kind">{t(`task.status.${x.status as 'open' | 'claimed'}`)}</span>
                  </td>
                  <td class="c-due" data-label={t('inbox.deadline')}><Deadline at={x.dueAt} provisional={x.provisional} /></td>
                  <td class="c-holder" data-label={t('task.assignee')}>{x.assigneeId ? personName(session, x.assigneeId) : t('inbox.toClaim')}</td>
                  <td class="c-dept" data-label={t('task.department')}>{departmentName(session, x.departmentId) || t('board.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>}
      {instructions.length > 0 && (
        <section class="card" aria-labelledby="process-instructions">
          <h2 id="process-instructions">{t('instructions.ofProcess')}</h2>
          <ul class="project-list">
            {instructions.map((i) => (
              <li key={i.instructionId}>
                <Light light={i.light} /> <a href={workbenchPath({ instructionId: i.instructionId })}>{i.text}</a>
                <span class="muted"> · {t(`instruction.status.${i.status}`)} · {departmentName(session, i.departmentId)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {mayInstruct(session) && view.execution === 'RUNNING' && <InstructForm session={session} kind={kind} processId={id} departmentId={departmentOf(view)} />}
      {view.timeline.length > 0 && (
        <section class="card" aria-labelledby="process-timeline">
          <h2 id="process-timeline">{t('task.timeline')}</h2>
          <ol class="history">
            {view.timeline.map((e, i) => <li key={i} data-event={e.event}><When at={e.at} /> {timelineText(e, session, kind, titles)}</li>)}
          </ol>
        </section>
      )}
      <details class="dev">
        <summary>{t('process.developer')}</summary>
        <dl class="facts">
          <div><dt>{t('admin.id')}</dt><dd><code>{id}</code></dd></div>
          <div><dt>{t('process.kindCode')}</dt><dd><code>{kind}</code></dd></div>
          <div><dt>{t('process.execution')}</dt><dd><code>{view.execution}</code>{typeof s.status === 'string' && <> · <code>{s.status}</code></>}</dd></div>
        </dl>
        <pre class="json">{JSON.stringify(s, null, 2)}</pre>
      </details>
    </article>
  );
}

/** `#/process/<kind>/<id>`: one process of any kind, outside the administrators' pages (the board's and an instruction's links). */
export function ProcessPage({ session, kind, id, live }: { session: Session; kind: string; id: string; live: Live }) {
  return <ProcessOne kind={kind} id={id} session={session} live={live} back={['#/board', t('board.back')]} />;
}
