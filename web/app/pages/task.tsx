/**
 * The task page: what is asked (the process's own words), what happened before, who holds it,
 * the ladder, and the actions the person may take. Every action is one API call whose answer
 * is shown as it is: a refusal changes nothing, and the page reloads the task's state after.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type JsonSchema, type ProcessView, type Session, type TaskState } from '../api';
import { eventWord, t, tOr } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { checkValues, SchemaFields, serverFieldErrors, useFormState } from '../form';
import { at, presentationOf, processHref } from '../kinds';
import { Alert, Deadline, departmentName, factRows, Facts, kindName, Light, Loading, personName, reasonOf, When } from '../ui';
import { leftTheInbox } from './inbox';
import { AcknowledgeCard, InstructForm, InstructionBrief, instructionOfTask, mayInstruct } from './leaders';

/** An idempotency key; crypto.randomUUID exists only on HTTPS or localhost, getRandomValues everywhere. */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
const arr = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

/** What the process asks, as its kind presents it: its facts over the state, and the task's item with its materials; a kind without facts shows its state's plain fields. */
function Asked({ task, view, session }: { task: TaskState; view?: ProcessView; session: Session }) {
  const s = view?.state ?? {};
  const shown = presentationOf(task.processKind);
  if (!shown || (shown.facts.length === 0 && !shown.item)) {
    return <Facts rows={Object.entries(s).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)])} />;
  }
  const item = shown.item && arr(at(s, shown.item.list)).find((i) => i.taskId === task.taskId);
  const materials = shown.item?.materials;
  const missing = new Set(item && materials ? (at(item, materials.missing) as string[] | undefined) ?? [] : []);
  const listed = item && materials ? arr(at(item, materials.list)) : [];
  return (
    <>
      <Facts rows={factRows(session, shown.facts, s)} />
      {item && shown.item && <Facts rows={factRows(session, shown.item.facts, item)} />}
      {listed.length > 0 && (
        <>
          <h3>{t('task.materials')}</h3>
          <ul class="materials">
            {listed.map((m) => {
              const absent = missing.has(String(m.key)) || missing.has(String(m.name));
              return (
                <li key={String(m.key)} class={absent ? 'material-missing' : ''}>
                  {String(m.name)}{' '}
                  <span class={m.essential ? 'tag tag-essential' : 'tag'}>{m.essential ? t('task.essential') : t('task.optional')}</span>
                  {absent && <span class="tag tag-missing">{t('task.missing')}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

function CompleteForm({ task, session, onDone }: { task: TaskState; session: Session; onDone: (outcome: string) => void }) {
  const [schemas, setSchemas] = useState<Record<string, JsonSchema>>();
  const [outcome, setOutcome] = useState(task.outcomes[0]);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [key, setKey] = useState(() => newKey());
  const form = useFormState();
  useEffect(() => { void api.form(task.form).then((f) => setSchemas(f.outcomes), (e: unknown) => setRefusal(reasonOf(e))); }, [task.form]);
  const schema = schemas?.[outcome] ?? {};

  const submit = async (e: Event) => {
    e.preventDefault();
    setRefusal(undefined);
    const { payload, errors } = checkValues(schema, form.values);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      setRefusal(t('task.formInvalid'));
      (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.complete(task.taskId, outcome, payload, key);
      onDone(outcome);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) form.setErrors(serverFieldErrors(err.message, schema));
      setRefusal(t('task.refused', { reason: reasonOf(err) }));
      if (!(err instanceof ApiError) || err.status === 0) setKey(newKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="complete-title">
      <h2 id="complete-title">{t('task.complete')}</h2>
      <fieldset>
        <legend>{t('task.outcome')}</legend>
        <div class="outcomes">
          {task.outcomes.map((o) => (
            <label key={o} class="radio">
              <input type="radio" name="outcome" value={o} checked={o === outcome} onChange={() => { setOutcome(o); form.reset(); setRefusal(undefined); }} />
              {tOr(`outcome.${o}`, o)}
            </label>
          ))}
        </div>
      </fieldset>
      {schemas && <SchemaFields schema={schema} values={form.values} errors={form.errors} onInput={form.set} idPrefix={`f-${outcome}`} session={session} />}
      {refusal && <Alert>{refusal}</Alert>}
      <button type="submit" class="primary" disabled={busy || !schemas}>{busy ? t('task.submitting') : t('task.submit')}</button>
    </form>
  );
}

function ExtensionForms({ task, session, act }: { task: TaskState; session: Session; act: (f: () => Promise<unknown>) => Promise<boolean> }) {
  const [days, setDays] = useState('1');
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState('');
  const ext = task.extension;
  if (!ext) return null;
  const me = session.person;
  const head = me.roles.includes('admin') || (task.departmentId !== undefined && me.departments.includes(task.departmentId) && me.roles.includes('departmentHead'));
  return (
    <div class="card">
      <h2>{t('task.extension')}</h2>
      {ext.grantedWorkingDays > 0 && <p>{t('task.extension.granted', { days: ext.grantedWorkingDays })}</p>}
      {ext.pending ? (
        <>
          <p>{t('task.extension.pending', { days: ext.pending.workingDays, reason: ext.pending.reason, by: personName(session, ext.pending.requestedBy) })}</p>
          {head && (
            <form onSubmit={(e) => e.preventDefault()}>
              <div class="field">
                <label for="ext-decision">{t('task.extension.decisionReason')}<span class="muted">{t('form.optional')}</span></label>
                <input id="ext-decision" type="text" value={decision} onInput={(e) => setDecision((e.currentTarget as HTMLInputElement).value)} />
              </div>
              <div class="buttons">
                <button type="button" class="primary" onClick={() => void act(() => api.decideExtension(task.taskId, true, decision))}>{t('task.extension.approve')}</button>
                <button type="button" onClick={() => void act(() => api.decideExtension(task.taskId, false, decision))}>{t('task.extension.refuse')}</button>
              </div>
            </form>
          )}
        </>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); void act(() => api.requestExtension(task.taskId, Number(days), reason)).then((ok) => ok && setReason('')); }}>
          <div class="field">
            <label for="ext-days">{t('task.extension.days')}</label>
            <input id="ext-days" type="number" min={1} max={60} value={days} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="ext-reason">{t('task.extension.reason')}</label>
            <textarea id="ext-reason" rows={2} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <button type="submit">{t('task.extension')}</button>
        </form>
      )}
    </div>
  );
}

function ReassignForm({ task, session, act }: { task: TaskState; session: Session; act: (f: () => Promise<unknown>) => Promise<boolean> }) {
  const [person, setPerson] = useState('');
  const [dept, setDept] = useState('');
  const [reason, setReason] = useState('');
  const candidates = session.people.filter((p) => p.departments.length > 0);
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void act(() => api.reassign(task.taskId, { toPersonId: person || undefined, toDepartmentId: dept || undefined, reason: reason || undefined })); }}>
      <h2>{t('task.reassign')}</h2>
      <div class="field">
        <label for="re-person">{t('task.reassign.person')}</label>
        <select id="re-person" value={person} onChange={(e) => setPerson((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('task.reassign.none')}</option>
          {candidates.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="re-dept">{t('task.reassign.department')}</label>
        <select id="re-dept" value={dept} onChange={(e) => setDept((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('task.reassign.none')}</option>
          {session.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="re-reason">{t('task.reassign.reason')}<span class="muted">{t('form.optional')}</span></label>
        <input id="re-reason" type="text" value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <button type="submit" disabled={!person && !dept}>{t('task.reassign')}</button>
    </form>
  );
}

export function TaskPage({ session, taskId, live }: { session: Session; taskId: string; live: Live }) {
  const [task, setTask] = useState<TaskState>();
  const [view, setView] = useState<ProcessView>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();

  const load = async () => {
    try {
      const loaded = await api.task(taskId);
      setTask(loaded);
      setError(undefined);
      // A person may hold a task of a process they may not read whole: the task page shows what it can.
      await api.process(loaded.processKind, loaded.processId).then(setView, () => undefined);
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 404 || err.status === 403) ? t('task.notFound') : reasonOf(err));
    }
  };
  useEffect(() => { void load(); }, [taskId]);
  useReloadOn(live, (c) => c.taskId === taskId, () => void load(), [taskId]);

  /** One action: its answer replaces the task's state, or its refusal is shown and nothing changed. */
  const act = async (f: () => Promise<unknown>): Promise<boolean> => {
    setNotice(undefined);
    try {
      const answer = await f();
      if (answer && typeof answer === 'object' && 'taskId' in answer) setTask(answer as TaskState);
      else await load();
      return true;
    } catch (err) {
      setNotice({ kind: 'error', text: t('task.refused', { reason: reasonOf(err) }) });
      return false;
    }
  };

  if (error) return <><p><a href="#/inbox">← {t('task.back')}</a></p><Alert>{error}</Alert></>;
  if (!task) return <Loading />;

  const me = session.person;
  const inDept = task.departmentId !== undefined && me.departments.includes(task.departmentId);
  const mine = task.assigneeId === me.id;
  const admin = me.roles.includes('admin');
  const active = task.status === 'open' || task.status === 'claimed';
  const mayWork = active && (mine || admin || (inDept && (task.status === 'open' || mine)));
  const head = admin || (inDept && me.roles.includes('departmentHead'));
  const timeline = view?.timeline ?? (arr(view?.state.timeline) as unknown as { at: string; event: string }[]);
  const instructionId = instructionOfTask(task.taskId);

  return (
    <article class="task" aria-labelledby="task-title">
      <p><a href="#/inbox">← {t('task.back')}</a></p>
      <header class="task-head">
        <h1 id="task-title">{task.title}</h1>
        <div class="task-meta">
          <Light light={task.light} long />
          <span class="kind">{kindName(task.processKind)}</span>
          <span>{t('task.status')}：{t(`task.status.${task.status}`)}</span>
        </div>
      </header>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      <div class="columns">
        <div class="col-main">
          <section class="card" aria-labelledby="asked-title">
            <h2 id="asked-title">{t('task.asked')}</h2>
            <p class="muted">{t('task.process')}：{view ? <a href={processHref(task.processKind, task.processId)}>{view.title ?? task.processId}</a> : task.processId}</p>
            <Asked task={task} view={view} session={session} />
          </section>
          {instructionId && <InstructionBrief id={instructionId} session={session} />}
          <AcknowledgeCard task={task} session={session} onDone={(next) => { setTask(next); setNotice({ kind: 'ok', text: t('alerts.done', { title: next.title }) }); }} />
          {mayWork && (
            <div class="buttons">
              {task.status === 'open' && inDept && <button type="button" onClick={() => void act(() => api.claim(task.taskId))}>{t('task.claim')}</button>}
              {task.status === 'claimed' && mine && <button type="button" onClick={() => void act(() => api.release(task.taskId))}>{t('task.release')}</button>}
            </div>
          )}
          {mayWork && (
            <CompleteForm task={task} session={session} onDone={(outcome) => {
              leftTheInbox(task.taskId);
              setNotice({ kind: 'ok', text: t('task.done', { outcome: tOr(`outcome.${outcome}`, outcome) }) });
              location.hash = '#/inbox';
            }} />
          )}
          {!mayWork && active && <p class="muted">{t('task.readOnly')}</p>}
          {active && (mayWork || head) && <ExtensionForms task={task} session={session} act={act} />}
          {active && head && <ReassignForm task={task} session={session} act={act} />}
          {mayInstruct(session) && !instructionId && (
            <InstructForm session={session} kind={task.processKind} processId={task.processId} about={task.taskId} departmentId={task.departmentId} />
          )}
        </div>
        <aside class="col-side">
          <section class="card" aria-labelledby="who-title">
            <h2 id="who-title">{t('task.deadline')}</h2>
            <p><Deadline at={task.dueAt} provisional={task.provisional} /></p>
            <Facts rows={[
              [t('task.department'), departmentName(session, task.departmentId)],
              [t('task.assignee'), task.assigneeId ? personName(session, task.assigneeId) : t('task.nobody')],
              [t('task.created'), <When at={task.createdAt} />],
            ]} />
          </section>
          <section class="card" aria-labelledby="ladder-title">
            <h2 id="ladder-title">{t('task.ladder')}</h2>
            <ol class="ladder">
              {[...task.deadlines].sort((a, b) => a.at.localeCompare(b.at)).map((d) => (
                <li key={`${d.step}-${d.at}`} class={d.fired ? 'fired' : ''}>
                  <span>{d.step < 0 ? t('task.ladder.due') : t('task.ladder.step', { n: d.step + 1 })}</span>{' '}
                  <Deadline at={d.at} provisional={d.provisional} countdownToo={false} />{' '}
                  <span class="tag">{d.fired ? t('task.ladder.fired') : t('task.ladder.pending')}</span>
                </li>
              ))}
            </ol>
            <p class="muted small">{t('task.ladder.note')}</p>
          </section>
          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t('task.history')}</h2>
            <ol class="history">
              {task.history.map((h, i) => (
                <li key={i}><When at={h.at} /> {tOr(`history.${h.type}`, h.type)}{h.actorId ? ` · ${personName(session, h.actorId)}` : ''}</li>
              ))}
            </ol>
            {timeline.length > 0 && (
              <>
                <h3>{t('task.timeline')}</h3>
                <ol class="history">
                  {timeline.map((e, i) => <li key={i} data-event={e.event}><When at={String(e.at)} /> {eventWord(String(e.event), task.processKind)}</li>)}
                </ol>
              </>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
