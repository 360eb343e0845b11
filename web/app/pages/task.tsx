/**
 * The task page: what is asked (the process's own words), what happened before, who holds it,
 * the ladder, and the actions the person may take. Every action is one API call whose answer
 * is shown as it is: a refusal changes nothing, and the page reloads the task's state after.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, isPending, type JsonSchema, type ProcessView, type RecordedTask, type Session, type TaskState } from '../api';
import { outcomeWord, t } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { checkValues, FieldError, fieldProps, SchemaFields, serverFieldErrors, useFormState, type FieldErrors } from '../form';
import { at, presentationOf, processHref } from '../kinds';
import { Alert, Deadline, departmentName, factRows, Facts, kindName, Light, Loading, personName, reasonOf, When } from '../ui';
import { historyText, timelineText } from '../timeline';
import { leftTheInbox } from './inbox';
import { RecordedTaskPage } from './recorded-task';
import { AcknowledgeCard, InstructForm, InstructionBrief, instructionOfTask, mayInstruct } from './leaders';
import { ChaseCard, CopyCard, HandOverCard, ReadCard, ReturnCard, SignAfterCard, SignersCard, WithdrawCard } from './task-verbs';

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

/** Times a completion the API answered 202 (sent, not confirmed in time) is sent again with its key before the clerk is asked to. */
const CONFIRM_RETRIES = 5;

/**
 * A completion sent and not yet answered for good: what was sent and its key, kept until the API
 * confirms (200) or refuses it. `retry` counts the sendings again: 0 is the clerk's own.
 */
interface Sent {
  body: { outcome: string; payload: Record<string, unknown> };
  key: string;
  retry: number;
  /** The API answered 202 once: the completion reached the task and may yet be applied, so the key is kept whatever comes. */
  received: boolean;
  phase: 'sending' | 'waiting' | 'unconfirmed';
  retryAfterSeconds: number;
}

/**
 * The completion form. The task is done only when the API says 200: a 202 (the worker slow or down)
 * is said as such, and the same body is sent again with the same key after the time it gives, which
 * cannot complete the task twice; the form is locked meanwhile. After CONFIRM_RETRIES the clerk is
 * told, and may ask again with the same key.
 */
function CompleteForm({ task, session, onDone, onSent, onPut }: {
  task: TaskState; session: Session; onDone: (outcome: string) => void; onSent: (outstanding: boolean) => void;
  /** 后加签: the decision was put to approvers; the task stays, awaiting them. */
  onPut: (answer: TaskState) => void;
}) {
  const [schemas, setSchemas] = useState<Record<string, JsonSchema>>();
  const [outcome, setOutcome] = useState(task.outcomes[0]);
  const [approvers, setApprovers] = useState<string[]>([]);
  const [sent, setSent] = useState<Sent>();
  const [refusal, setRefusal] = useState<string>();
  const [key, setKey] = useState(() => newKey());
  const form = useFormState();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const here = useRef(true);
  useEffect(() => () => { here.current = false; clearTimeout(timer.current); }, []);
  useEffect(() => { void api.form(task.form).then((f) => setSchemas(f.outcomes), (e: unknown) => setRefusal(reasonOf(e))); }, [task.form]);
  const schema = schemas?.[outcome] ?? {};

  const refused = (err: unknown) => {
    setSent(undefined);
    onSent(false);
    if (err instanceof ApiError && err.status === 400) form.setErrors(serverFieldErrors(err, schema));
    setRefusal(t('task.refused', { reason: reasonOf(err) }));
    if (!(err instanceof ApiError) || err.status === 0) setKey(newKey());
  };

  const send = async (sending: Sent): Promise<void> => {
    let next = sending;
    setSent({ ...next, phase: 'sending' });
    onSent(true);
    let retryAfterSeconds = next.retryAfterSeconds;
    try {
      const answer = await api.complete(task.taskId, next.body.outcome, next.body.payload, next.key);
      if (!here.current) return;
      if (!isPending(answer)) {
        onDone(next.body.outcome);
        return;
      }
      retryAfterSeconds = answer.retryAfterSeconds;
      next = { ...next, received: true };
    } catch (err) {
      if (!here.current) return;
      // Once received, an answer cut short by the network or the API's deadline says nothing new: the completion is still outstanding.
      const unanswered = !(err instanceof ApiError) || err.status === 0 || err.status === 503;
      if (!next.received || !unanswered) {
        refused(err);
        return;
      }
    }
    if (next.retry >= CONFIRM_RETRIES) {
      setSent({ ...next, phase: 'unconfirmed', retryAfterSeconds });
      return;
    }
    const waited = { ...next, retryAfterSeconds };
    setSent({ ...waited, phase: 'waiting' });
    timer.current = setTimeout(() => void send({ ...waited, retry: waited.retry + 1 }), retryAfterSeconds * 1000);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sent?.phase === 'sending' || sent?.phase === 'waiting') return;
    setRefusal(undefined);
    // Asked again after the retries gave up: the same body with the same key, which cannot complete the task twice.
    if (sent) return send({ ...sent, retry: 0 });
    const { payload, errors } = checkValues(schema, form.values);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      setRefusal(t('task.formInvalid'));
      (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    if (approvers.length > 0) {
      // 后加签: not a completion yet (no key to confirm): a refusal is shown as any other.
      try {
        onPut(await api.signAfter(task.taskId, outcome, payload, approvers));
      } catch (err) {
        refused(err);
      }
      return;
    }
    return send({ body: { outcome, payload }, key, retry: 0, received: false, phase: 'sending', retryAfterSeconds: 0 });
  };

  const confirming = sent?.received && sent.phase !== 'unconfirmed';
  const outstanding = sent?.phase === 'sending' || sent?.phase === 'waiting';
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="complete-title" aria-busy={outstanding}>
      <h2 id="complete-title">{t('task.complete')}</h2>
      <fieldset class="plain" disabled={sent !== undefined}>
        <fieldset>
          <legend>{t('task.outcome')}</legend>
          <div class="outcomes">
            {task.outcomes.map((o) => (
              <label key={o} class="radio">
                <input type="radio" name="outcome" value={o} checked={o === outcome} onChange={() => { setOutcome(o); form.reset(); setRefusal(undefined); }} />
                {outcomeWord(o, task.processKind)}
              </label>
            ))}
          </div>
        </fieldset>
        {schemas && <SchemaFields schema={schema} values={form.values} errors={form.errors} onInput={form.set} idPrefix={`f-${outcome}`} session={session} />}
        {task.verbs?.includes('signAfter') && (
          <div class="field">
            <label for="sign-after-people">{t('verbs.signAfter.people')}</label>
            <select id="sign-after-people" multiple size={3} onChange={(e) => setApprovers([...(e.currentTarget as HTMLSelectElement).selectedOptions].map((o) => o.value))}>
              {session.people.filter((p) => p.id !== session.person.id && p.id !== task.assigneeId && p.departments.length > 0)
                .map((p) => <option key={p.id} value={p.id} selected={approvers.includes(p.id)}>{p.name}</option>)}
            </select>
            <p class="muted small">{t('verbs.signAfter.rule')}</p>
          </div>
        )}
      </fieldset>
      {refusal && <Alert>{refusal}</Alert>}
      {/* Always in the page, so that a screen reader hears each change of what it says. */}
      <div id="complete-status" class={confirming ? 'alert alert-info' : undefined} role="status" aria-live="polite">
        {confirming && (
          <>
            <strong>{t('task.confirming')}</strong>{' '}
            {sent.phase === 'waiting'
              ? t('task.confirming.wait', { seconds: sent.retryAfterSeconds, n: sent.retry + 1, max: CONFIRM_RETRIES })
              : sent.retry > 0 && t('task.confirming.now', { n: sent.retry, max: CONFIRM_RETRIES })}
          </>
        )}
      </div>
      {sent?.phase === 'unconfirmed' && <Alert>{t('task.unconfirmed', { key: sent.key })}</Alert>}
      <button type="submit" class="primary" disabled={outstanding || !schemas}>
        {sent?.phase === 'unconfirmed' ? t('task.confirmAgain') : confirming ? t('task.confirming') : outstanding ? t('task.submitting')
          : approvers.length > 0 ? t('verbs.signAfter.submit') : t('task.submit')}
      </button>
    </form>
  );
}

/** One action of a form on this page: its success said, or its refusal handed back to the form to show beside its fields. */
type Act = (f: () => Promise<unknown>, how?: { done?: (answer: TaskState) => string; refused?: (err: unknown) => void }) => Promise<boolean>;

/** 延期: the clerk asks for working days with a reason; the department head grants or refuses. Checked before sending, beside each field. */
function ExtensionForms({ task, session, act }: { task: TaskState; session: Session; act: Act }) {
  const [days, setDays] = useState('1');
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string>();
  const ext = task.extension;
  if (!ext) return null;
  const me = session.person;
  const head = me.roles.includes('admin') || (task.departmentId !== undefined && me.departments.includes(task.departmentId) && me.roles.includes('departmentHead'));
  const refused = (fields: Record<string, string>) => (err: unknown) => {
    setErrors(serverFieldErrors(err, fields));
    setRefusal(t('task.refused', { reason: reasonOf(err) }));
  };
  const ask = (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 60) found.days = t('task.extension.daysRange');
    if (!reason.trim()) found.reason = t('form.required', { label: t('task.extension.reason') });
    setErrors(found);
    setRefusal(undefined);
    if (Object.keys(found).length > 0) {
      (document.querySelector('#extension [aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    void act(() => api.requestExtension(task.taskId, n, reason.trim()), {
      done: () => t('task.extension.asked', { days: n }),
      refused: refused({ workingDays: 'days', reason: 'reason' }),
    }).then((ok) => ok && setReason(''));
  };
  const decide = (approve: boolean) => {
    setRefusal(undefined);
    void act(() => api.decideExtension(task.taskId, approve, decision.trim()), {
      done: () => t(approve ? 'task.extension.approvedDone' : 'task.extension.refusedDone'),
      refused: refused({ reason: 'decision' }),
    });
  };
  return (
    <div class="card" id="extension">
      <h2>{t('task.extension')}</h2>
      {ext.grantedWorkingDays > 0 && <p>{t('task.extension.granted', { days: ext.grantedWorkingDays })}</p>}
      {ext.pending ? (
        <>
          <p class="tag-pending-text">{t('task.extension.pending', { days: ext.pending.workingDays, reason: ext.pending.reason, by: personName(session, ext.pending.requestedBy) })}</p>
          {head && (
            <form onSubmit={(e) => e.preventDefault()} noValidate>
              <div class={errors.decision ? 'field field-invalid' : 'field'}>
                <label for="ext-decision">{t('task.extension.decisionReason')}<span class="muted">{t('form.optional')}</span></label>
                <textarea {...fieldProps('ext-decision', errors.decision)} rows={2} maxLength={1000} value={decision} onInput={(e) => setDecision((e.currentTarget as HTMLTextAreaElement).value)} />
                <FieldError id="ext-decision" error={errors.decision} />
              </div>
              {refusal && <Alert>{refusal}</Alert>}
              <div class="buttons">
                <button type="button" class="primary" onClick={() => decide(true)}>{t('task.extension.approve')}</button>
                <button type="button" onClick={() => decide(false)}>{t('task.extension.refuse')}</button>
              </div>
            </form>
          )}
        </>
      ) : (
        <form onSubmit={ask} noValidate>
          <div class={errors.days ? 'field field-invalid' : 'field'}>
            <label for="ext-days">{t('task.extension.days')}</label>
            <input {...fieldProps('ext-days', errors.days)} type="number" min={1} max={60} value={days} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} />
            <FieldError id="ext-days" error={errors.days} />
          </div>
          <div class={errors.reason ? 'field field-invalid' : 'field'}>
            <label for="ext-reason">{t('task.extension.reason')}</label>
            <textarea {...fieldProps('ext-reason', errors.reason)} rows={2} maxLength={1000} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
            <FieldError id="ext-reason" error={errors.reason} />
          </div>
          {refusal && <Alert>{refusal}</Alert>}
          <button type="submit">{t('task.extension')}</button>
        </form>
      )}
    </div>
  );
}

/** 改派 / 转办: to a person, a department or both, with the reason; the page says to whom it went. */
function ReassignForm({ task, session, act }: { task: TaskState; session: Session; act: Act }) {
  const [person, setPerson] = useState('');
  const [dept, setDept] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string>();
  const candidates = session.people.filter((p) => p.departments.length > 0);
  const submit = (e: Event) => {
    e.preventDefault();
    setRefusal(undefined);
    if (!person && !dept) {
      setErrors({ person: t('task.reassign.whom') });
      (document.getElementById('re-person') as HTMLElement | null)?.focus();
      return;
    }
    setErrors({});
    const whom = [person && personName(session, person), dept && departmentName(session, dept)].filter(Boolean).join(' · ');
    void act(() => api.reassign(task.taskId, { toPersonId: person || undefined, toDepartmentId: dept || undefined, reason: reason.trim() || undefined }), {
      done: () => t('task.reassign.done', { whom }),
      refused: (err) => {
        setErrors(serverFieldErrors(err, { toPersonId: 'person', toDepartmentId: 'dept', reason: 'reason' }));
        setRefusal(t('task.refused', { reason: reasonOf(err) }));
      },
    }).then((ok) => { if (ok) { setPerson(''); setDept(''); setReason(''); } });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="reassign-title">
      <h2 id="reassign-title">{t('task.reassign')}</h2>
      <div class={errors.person ? 'field field-invalid' : 'field'}>
        <label for="re-person">{t('task.reassign.person')}</label>
        <select {...fieldProps('re-person', errors.person)} value={person} onChange={(e) => setPerson((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('task.reassign.none')}</option>
          {candidates.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <FieldError id="re-person" error={errors.person} />
      </div>
      <div class={errors.dept ? 'field field-invalid' : 'field'}>
        <label for="re-dept">{t('task.reassign.department')}</label>
        <select {...fieldProps('re-dept', errors.dept)} value={dept} onChange={(e) => setDept((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('task.reassign.none')}</option>
          {session.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
        <FieldError id="re-dept" error={errors.dept} />
      </div>
      <div class={errors.reason ? 'field field-invalid' : 'field'}>
        <label for="re-reason">{t('task.reassign.reason')}<span class="muted">{t('form.optional')}</span></label>
        <textarea {...fieldProps('re-reason', errors.reason)} rows={2} maxLength={1000} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
        <FieldError id="re-reason" error={errors.reason} />
      </div>
      {refusal && <Alert>{refusal}</Alert>}
      <button type="submit">{t('task.reassign')}</button>
    </form>
  );
}

export function TaskPage({ session, taskId, live }: { session: Session; taskId: string; live: Live }) {
  const [task, setTask] = useState<TaskState>();
  const [recorded, setRecorded] = useState<RecordedTask>();
  const [view, setView] = useState<ProcessView>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [completing, setCompleting] = useState(false);
  const shown = useRef<string | undefined>(undefined);
  /** The task the address names now: an answer about another (the page is reused from task to task) is dropped. */
  const asked = useRef(taskId);

  const load = async () => {
    try {
      const loaded = await api.task(taskId);
      if (asked.current !== taskId) return;
      // Closed and forgotten by Temporal: the record's page of it.
      if ('recorded' in loaded) {
        setRecorded(loaded);
        setError(undefined);
        return;
      }
      setRecorded(undefined);
      setTask(loaded);
      shown.current = taskId;
      setError(undefined);
      // A person may hold a task of a process they may not read whole: the task page shows what it can.
      await api.process(loaded.processKind, loaded.processId).then((v) => { if (asked.current === taskId) setView(v); }, () => undefined);
    } catch (err) {
      const gone = err instanceof ApiError && (err.status === 404 || err.status === 403);
      // A reload that fails (the worker down while a completion is being confirmed) leaves the page as it was.
      if (shown.current === taskId && !gone) setNotice({ kind: 'error', text: t('task.reloadFailed', { reason: reasonOf(err) }) });
      else setError(gone ? t('task.notFound') : reasonOf(err));
    }
  };
  useEffect(() => {
    // Another task: nothing of the last one's process stays on its page.
    asked.current = taskId;
    setView(undefined);
    void load();
  }, [taskId]);
  useReloadOn(live, (c) => c.taskId === taskId, () => void load(), [taskId]);

  /** One action: its answer replaces the task's state and is said (then the task is read again for the verbs now open), or its refusal is shown (by its form, beside the fields) and nothing changed. */
  const act: Act = async (f, how = {}) => {
    setNotice(undefined);
    try {
      const answer = await f();
      const isTask = answer && typeof answer === 'object' && 'taskId' in answer && 'history' in answer;
      if (isTask) setTask((shown) => ({ ...(answer as TaskState), verbs: shown?.verbs, chaseAgainAt: shown?.chaseAgainAt, copy: shown?.copy }));
      await load();
      if (how.done && isTask) setNotice({ kind: 'ok', text: how.done(answer as TaskState) });
      return true;
    } catch (err) {
      if (how.refused) how.refused(err);
      else setNotice({ kind: 'error', text: t('task.refused', { reason: reasonOf(err) }) });
      return false;
    }
  };

  if (error) return <><p><a href="#/inbox">← {t('task.back')}</a></p><Alert>{error}</Alert></>;
  if (recorded) return <RecordedTaskPage task={recorded} session={session} />;
  if (!task) return <Loading />;

  // An agent (代理) works the task as the person they stand in for.
  const me = (task.forPersonId && session.people.find((p) => p.id === task.forPersonId)) || session.person;
  const inDept = task.departmentId !== undefined && me.departments.includes(task.departmentId);
  const mine = task.assigneeId === me.id;
  const admin = me.roles.includes('admin');
  const active = task.status === 'open' || task.status === 'claimed';
  const mayWork = active && (mine || admin || (inDept && (task.status === 'open' || mine)));
  const head = admin || (inDept && me.roles.includes('departmentHead'));
  const timeline = view?.timeline ?? (arr(view?.state.timeline) as unknown as { at: string; event: string; detail?: Record<string, unknown> }[]);
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
      {task.forPersonId && <p class="muted" data-for-person={task.forPersonId}>{t('task.forPerson', { name: personName(session, task.forPersonId) })}</p>}
      <div class="columns">
        <div class="col-main">
          <section class="card" aria-labelledby="asked-title">
            <h2 id="asked-title">{t('task.asked')}</h2>
            <p class="muted">{t('task.process')}：{view ? <a href={processHref(task.processKind, task.processId)}>{view.title ?? kindName(task.processKind)}</a> : kindName(task.processKind)}</p>
            <Asked task={task} view={view} session={session} />
          </section>
          {instructionId && <InstructionBrief id={instructionId} session={session} />}
          <AcknowledgeCard task={task} session={session} onDone={(next) => { setTask(next); setNotice({ kind: 'ok', text: t('alerts.done', { title: next.title }) }); }} />
          {mayWork && !completing && (
            <div class="buttons">
              {task.status === 'open' && inDept && <button type="button" onClick={() => void act(() => api.claim(task.taskId))}>{t('task.claim')}</button>}
              {task.status === 'claimed' && mine && <button type="button" onClick={() => void act(() => api.release(task.taskId))}>{t('task.release')}</button>}
            </div>
          )}
          <WithdrawCard task={task} session={session} act={act} onWithdrawn={() => setNotice({ kind: 'ok', text: t('verbs.withdraw.done') })} />
          <ReturnCard task={task} session={session} act={act} onReturned={(answer) => answer.returned && setNotice({
            kind: 'ok', text: t('verbs.returnTo.done', { title: answer.returned.toTitle, who: personName(session, answer.returned.completedBy) }),
          })} />
          {(mayWork || completing) && !task.pendingDecision && (
            <CompleteForm task={task} session={session} onSent={setCompleting} onPut={(answer) => {
              setTask((shown) => ({ ...answer, verbs: shown?.verbs }));
              void load();
              setNotice({ kind: 'ok', text: t('verbs.signAfter.put', { names: (answer.signers ?? []).filter((s) => s.status === 'pending').map((s) => personName(session, s.personId)).join('、') }) });
            }} onDone={(outcome) => {
              leftTheInbox(task.taskId, t('task.done', { outcome: outcomeWord(outcome, task.processKind) }));
              location.hash = '#/inbox';
            }} />
          )}
          {task.pendingDecision && mine && <p class="muted">{t('verbs.signAfter.pending', { outcome: outcomeWord(task.pendingDecision.outcome, task.processKind) })}</p>}
          <SignAfterCard task={task} session={session} act={act} />
          {!mayWork && active && <p class="muted">{t('task.readOnly')}</p>}
          {active && (mayWork || head) && <ExtensionForms task={task} session={session} act={act} />}
          {active && head && <ReassignForm task={task} session={session} act={act} />}
          <ReadCard task={task} act={act} />
          <SignersCard task={task} session={session} act={act} />
          <HandOverCard task={task} session={session} act={act} />
          <ChaseCard task={task} session={session} act={act} />
          <CopyCard task={task} session={session} act={act} />
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
                <li key={i}><When at={h.at} /> {historyText(h, session, task.processKind, h.type === 'escalated' ? task.escalations?.find((e) => e.step === h.detail?.step)?.recipients : undefined)}</li>
              ))}
            </ol>
            {timeline.length > 0 && (
              <>
                <h3>{t('task.timeline')}</h3>
                <ol class="history">
                  {timeline.map((e, i) => <li key={i} data-event={e.event}><When at={String(e.at)} /> {timelineText(e, session, task.processKind)}</li>)}
                </ol>
              </>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
