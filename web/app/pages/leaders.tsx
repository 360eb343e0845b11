/**
 * What a leader answers with: acknowledge an escalation (已阅), issue a supervision instruction
 * (督办) and follow it; the department head answers it. Pages: `#/alerts` my escalations, unread
 * first; `#/instructions` the instructions I issued; `#/instruction/<id>` one instruction with
 * its answer, accept and return. The pieces the task and process pages embed are here too.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type InstructionState, type InstructionSummary, type MyEscalation, type ProcessView, type Session, type TaskState } from '../api';
import { t, tOr } from '../i18n';
import { useReloadOn, type Live } from '../live';
import { processHref } from '../kinds';
import { serverFieldErrors } from '../form';
import { Alert, Deadline, departmentName, kindName, Light, Loading, personName, reasonOf, When } from '../ui';
import { workbenchPath } from '../../../contracts/workbench-links';

/** Whether the person may issue instructions: the leaders (and an admin); the server decides in the end. */
export const mayInstruct = (s: Session) => s.person.roles.some((r) => r === 'leader' || r === 'topLeader' || r === 'admin');

/** The instruction a response task answers: `<processId>/instruction-<n>/response-<round>` → `<processId>/instruction-<n>`. */
export const instructionOfTask = (taskId: string): string | undefined => /^(.+\/instruction-\d+)\/response-\d+$/.exec(taskId)?.[1];

const AckState = ({ acknowledged }: { acknowledged: boolean }) => (
  acknowledged
    ? <span class="tag tag-read"><span aria-hidden="true">✓ </span>{t('alerts.read')}</span>
    : <span class="tag tag-unread"><span aria-hidden="true">● </span>{t('alerts.unread')}</span>
);

/** 已阅 on the task page: the rungs of this task that reached me, and the button for those I have not acknowledged. */
export function AcknowledgeCard({ task, session, onDone }: { task: TaskState; session: Session; onDone: (t: TaskState) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const me = session.person.id;
  const mine = (task.escalations ?? []).filter((e) => e.recipients.includes(me));
  if (mine.length === 0) return null;
  const latest = mine[mine.length - 1];
  const done = latest.acknowledgements.some((a) => a.personId === me);
  const acknowledge = async () => {
    setBusy(true);
    setRefusal(undefined);
    try {
      onDone(await api.acknowledge(task.taskId, { step: latest.step, ...(note.trim() ? { note: note.trim() } : {}) }));
      setNote('');
    } catch (err) {
      setRefusal(t('task.refused', { reason: reasonOf(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card card-alert" aria-labelledby="ack-title">
      <h2 id="ack-title">{t('alerts.thisTask')}</h2>
      <ul class="project-list">
        {mine.map((e) => {
          const ack = e.acknowledgements.find((a) => a.personId === me);
          return (
            <li key={e.step}>
              <When at={e.at} /> {t('task.ladder.step', { n: e.step + 1 })}{e.label ? `（${tOr(`ladder.${e.label}`, e.label)}）` : ''}{' '}
              <AckState acknowledged={Boolean(ack)} />
              {ack?.note && <span class="muted"> · {ack.note}</span>}
            </li>
          );
        })}
      </ul>
      {!done && (
        <form onSubmit={(e) => { e.preventDefault(); void acknowledge(); }}>
          <div class="field">
            <label for="ack-note">{t('alerts.note')}<span class="muted">{t('form.optional')}</span></label>
            <input id="ack-note" type="text" maxLength={1000} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          </div>
          {refusal && <Alert>{refusal}</Alert>}
          <button type="submit" class="primary" disabled={busy}>{t('alerts.acknowledge')}</button>
        </form>
      )}
    </section>
  );
}

/** 督办: issue an instruction on a process (or one of its tasks), to a department whose head answers. */
export function InstructForm({ session, kind, processId, about, departmentId }: {
  session: Session; kind: string; processId: string; about?: string; departmentId?: string;
}) {
  const [text, setText] = useState('');
  const [days, setDays] = useState('3');
  const [dept, setDept] = useState(departmentId ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string; id?: string }>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!text.trim()) found.text = t('form.required', { label: t('instruct.text') });
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 60) found.days = t('instruct.daysRange');
    if (!dept) found.dept = t('form.required', { label: t('instruct.department') });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      (document.querySelector('#instruct [aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    setBusy(true);
    setResult(undefined);
    try {
      const { instructionId } = await api.instruct(kind, processId, { text: text.trim(), responseWorkingDays: n, departmentId: dept, ...(about ? { about } : {}) });
      setResult({ kind: 'ok', text: t('instruct.issued', { dept: departmentName(session, dept) }), id: instructionId });
      setText('');
    } catch (err) {
      setErrors(serverFieldErrors(err, { text: 'text', departmentId: 'dept', responseWorkingDays: 'days' }));
      setResult({ kind: 'error', text: t('task.refused', { reason: reasonOf(err) }) });
    } finally {
      setBusy(false);
    }
  };
  const field = (id: string, key: string) => ({
    id, 'aria-invalid': errors[key] ? 'true' as const : undefined, 'aria-describedby': errors[key] ? `${id}-error` : undefined,
  });
  const error = (id: string, key: string) => errors[key] && <p id={`${id}-error`} class="field-error">{errors[key]}</p>;
  return (
    <form id="instruct" class="card" onSubmit={submit} noValidate aria-labelledby="instruct-title">
      <h2 id="instruct-title">{t('instruct.title')}</h2>
      <p class="muted small">{t('instruct.hint')}</p>
      <div class={errors.text ? 'field field-invalid' : 'field'}>
        <label for="instruct-text">{t('instruct.text')}</label>
        <textarea {...field('instruct-text', 'text')} rows={3} maxLength={4000} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
        {error('instruct-text', 'text')}
      </div>
      <div class="field-row">
        <div class={errors.dept ? 'field field-invalid' : 'field'}>
          <label for="instruct-dept">{t('instruct.department')}</label>
          <select {...field('instruct-dept', 'dept')} value={dept} onChange={(e) => setDept((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('task.reassign.none')}</option>
            {session.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
          {error('instruct-dept', 'dept')}
        </div>
        <div class={errors.days ? 'field field-invalid' : 'field'}>
          <label for="instruct-days">{t('instruct.days')}</label>
          <input {...field('instruct-days', 'days')} type="number" min={1} max={60} value={days} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} />
          {error('instruct-days', 'days')}
        </div>
      </div>
      {result && (
        <Alert kind={result.kind}>
          {result.text}{result.id && <> <a href={workbenchPath({ instructionId: result.id })}>{t('instruct.open')}</a></>}
        </Alert>
      )}
      <button type="submit" class="primary" disabled={busy}>{busy ? t('task.submitting') : t('instruct.submit')}</button>
    </form>
  );
}

/** On a response task's page: what the leader instructed, with a link to the instruction. */
export function InstructionBrief({ id, session }: { id: string; session: Session }) {
  const [ins, setIns] = useState<InstructionState>();
  useEffect(() => { api.instruction(id).then(setIns, () => setIns(undefined)); }, [id]);
  if (!ins) return null;
  return (
    <section class="card card-alert" aria-labelledby="brief-title">
      <h2 id="brief-title">{t('instruction.title')}</h2>
      <p class="text">{ins.text}</p>
      <p class="muted">{t('instruction.issuedBy')}：{personName(session, ins.issuedBy)} · <When at={ins.issuedAt} /> · <a href={workbenchPath({ instructionId: id })}>{t('instruct.open')}</a></p>
      {ins.answers.filter((a) => a.decision === 'returned').map((a) => (
        <Alert key={a.round} kind="info">{t('instruction.returnedWith', { comment: a.comment ?? '' })}</Alert>
      ))}
    </section>
  );
}

/** 我的预警: the open tasks whose escalations reached me, unread first, each with 已阅 and 督办. */
export function Alerts({ session, live }: { session: Session; live: Live }) {
  const [list, setList] = useState<MyEscalation[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const load = () => api.myEscalations().then((r) => { setList(r.escalations); setError(undefined); }, (e: unknown) => setError(reasonOf(e)));
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type === 'task.escalated' || c.type === 'task.acknowledged' || c.type.endsWith('.completed'), () => void load(), []);
  const acknowledge = async (e: MyEscalation) => {
    setNotice(undefined);
    try {
      await api.acknowledge(e.taskId);
      setList((l) => l?.map((x) => (x.taskId === e.taskId ? { ...x, acknowledged: true, escalations: x.escalations.map((r, i) => (i === x.escalations.length - 1 ? { ...r, acknowledged: true } : r)) } : x)));
      setNotice(t('alerts.done', { title: e.title ?? e.taskId }));
    } catch (err) {
      setError(t('task.refused', { reason: reasonOf(err) }));
    }
  };
  const sorted = [...(list ?? [])].sort((a, b) => Number(a.acknowledged) - Number(b.acknowledged));
  const unread = sorted.filter((e) => !e.acknowledged).length;
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alerts.title')}</h1>
      {error && <Alert>{error}</Alert>}
      {notice && <Alert kind="ok">{notice}</Alert>}
      {!list && !error && <Loading />}
      {list && <p class="muted">{t('alerts.count', { n: sorted.length, unread })}</p>}
      {list && sorted.length === 0 && <p class="empty">{t('alerts.empty')}</p>}
      <ul class="alert-list">
        {sorted.map((e) => {
          const last = e.escalations[e.escalations.length - 1];
          return (
            <li key={e.taskId} class={e.acknowledged ? 'alert-item' : 'alert-item alert-item-unread'} data-task-id={e.taskId}>
              <div class="alert-head">
                <Light light={e.light} />
                <a href={workbenchPath({ taskId: e.taskId })}>{e.title ?? e.taskId}</a>
                <AckState acknowledged={e.acknowledged} />
              </div>
              <p class="muted small">
                {kindName(e.processKind)} · {departmentName(session, e.departmentId)}
                {' · '}{e.assigneeId ? personName(session, e.assigneeId) : t('task.nobody')}
              </p>
              <p class="small">
                {t('inbox.deadline')}：<Deadline at={e.dueAt} />
              </p>
              {last && <p class="small">{t('alerts.reached')}：<When at={last.at} />{last.label ? `（${tOr(`ladder.${last.label}`, last.label)}）` : ''}</p>}
              <div class="buttons">
                {!e.acknowledged && <button type="button" class="primary" onClick={() => void acknowledge(e)}>{t('alerts.acknowledge')}</button>}
                <a class="button" href={workbenchPath({ taskId: e.taskId })}>{t('alerts.instruct')}</a>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const statusWord = (s?: string) => (s ? tOr(`instruction.status.${s}`, s) : '');

/** 督办: the instructions I issued, where each stands. */
export function Instructions({ session, live }: { session: Session; live: Live }) {
  const [list, setList] = useState<InstructionSummary[]>();
  const [error, setError] = useState<string>();
  const load = () => api.myInstructions().then((r) => { setList(r.instructions); setError(undefined); }, (e: unknown) => setError(reasonOf(e)));
  useEffect(() => { void load(); }, []);
  useReloadOn(live, (c) => c.type.startsWith('instruction.'), () => void load(), []);
  return (
    <section aria-labelledby="ins-title">
      <h1 id="ins-title">{t('instructions.title')}</h1>
      <p class="muted small">{t('instructions.hint')}</p>
      {error && <Alert>{error}</Alert>}
      {!list && !error && <Loading />}
      {list && list.length === 0 && <p class="empty">{t('instructions.empty')}</p>}
      {list && list.length > 0 && (
        <table class="tasks">
          <thead><tr><th scope="col">{t('inbox.filterLight')}</th><th scope="col">{t('instruct.text')}</th><th scope="col">{t('instruction.due')}</th><th scope="col">{t('instruct.department')}</th></tr></thead>
          <tbody>
            {list.map((i) => (
              <tr key={i.instructionId} data-instruction-id={i.instructionId}>
                <td class="c-light"><Light light={i.light} /></td>
                <td class="c-task">
                  <a href={workbenchPath({ instructionId: i.instructionId })}>{i.text ?? i.instructionId}</a>
                  <span class="kind">
                    {statusWord(i.status)} · {i.processKind && i.processId
                      ? <a href={processHref(i.processKind, i.processId)}>{i.processTitle ?? kindName(i.processKind)}</a> : kindName(i.processKind)} · <When at={i.issuedAt} />
                  </span>
                </td>
                <td class="c-due">{i.status === 'accepted' ? <span class="muted">{t('instruction.closed')}{i.closedAt && <> <When at={i.closedAt} /></>}</span> : <Deadline at={i.dueAt} provisional={i.provisional} />}</td>
                <td class="c-holder">{departmentName(session, i.departmentId)} · {personName(session, i.responderId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One instruction: what was asked, its rounds and answers, and the answer, accept and return the person may give. */
export function InstructionPage({ id, session, live }: { id: string; session: Session; live: Live }) {
  const [ins, setIns] = useState<InstructionState>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [answer, setAnswer] = useState('');
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState<{ field: 'answer' | 'comment'; text: string }>();
  const [process, setProcess] = useState<ProcessView>();
  useEffect(() => {
    if (ins) api.process(ins.processKind, ins.processId).then(setProcess, () => setProcess(undefined));
  }, [ins?.processKind, ins?.processId]);
  const load = () => api.instruction(id).then((s) => { setIns(s); setError(undefined); }, (err: unknown) =>
    setError(err instanceof ApiError && (err.status === 404 || err.status === 403) ? t('instruction.notFound') : reasonOf(err)));
  useEffect(() => { void load(); }, [id]);
  useReloadOn(live, (c) => c.processId === ins?.processId || (c.taskId ?? '').startsWith(`${id}/`), () => void load(), [id, ins?.processId]);

  const act = async (f: () => Promise<unknown>, done: string) => {
    setNotice(undefined);
    try {
      const before = ins?.status;
      await f();
      // Read again until the decision has settled: the Update answers before the instruction's own loop moves on.
      for (let i = 0; i < 6; i++) {
        const now = await api.instruction(id);
        setIns(now);
        if (now.status !== before) break;
        await new Promise((r) => setTimeout(r, 400));
      }
      setNotice({ kind: 'ok', text: done });
      setAnswer('');
      setComment('');
    } catch (err) {
      setNotice({ kind: 'error', text: t('task.refused', { reason: reasonOf(err) }) });
    }
  };

  if (error) return <><p><a href="#/instructions">← {t('instructions.back')}</a></p><Alert>{error}</Alert></>;
  if (!ins) return <Loading />;
  const me = session.person;
  const admin = me.roles.includes('admin');
  const responder = ins.status === 'awaitingAnswer' && (ins.responderId === me.id || admin);
  const issuer = ins.status === 'answered' && (ins.issuedBy === me.id || admin);
  const processLink = processHref(ins.processKind, ins.processId);
  return (
    <article aria-labelledby="instruction-title">
      <p><a href={mayInstruct(session) ? '#/instructions' : '#/inbox'}>← {mayInstruct(session) ? t('instructions.back') : t('task.back')}</a></p>
      <header class="task-head">
        <h1 id="instruction-title">{t('instruction.title')}</h1>
        <div class="task-meta">
          <Light light={ins.light} long />
          <span>{t('admin.status')}：{statusWord(ins.status)}</span>
          <span>{t('instruction.round', { n: ins.round })}</span>
        </div>
      </header>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      <div class="columns">
        <div class="col-main">
          <section class="card" aria-labelledby="ins-what">
            <h2 id="ins-what">{t('instruct.text')}</h2>
            <p class="text" data-instruction-text>{ins.text}</p>
            <dl class="facts">
              <div><dt>{t('instruction.issuedBy')}</dt><dd>{personName(session, ins.issuedBy)} · <When at={ins.issuedAt} /></dd></div>
              <div><dt>{t('instruct.department')}</dt><dd>{departmentName(session, ins.departmentId)} · {personName(session, ins.responderId)}</dd></div>
              <div><dt>{t('task.process')}</dt><dd><a href={processLink}>{process?.title ?? kindName(ins.processKind)}</a></dd></div>
              {ins.about && (
                <div><dt>{t('instruction.about')}</dt><dd>
                  <a href={workbenchPath({ taskId: ins.about })}>{process?.tasks.find((x) => x.taskId === ins.about)?.title ?? t('instruction.aboutTask')}</a>
                </dd></div>
              )}
              {ins.status !== 'accepted' && <div><dt>{t('instruction.due')}</dt><dd><Deadline at={ins.dueAt} provisional={ins.provisional} /></dd></div>}
            </dl>
          </section>
          <section class="card" aria-labelledby="ins-answers">
            <h2 id="ins-answers">{t('instruction.answers')}</h2>
            {ins.answers.length === 0 ? <p class="muted">{t('instruction.noAnswer')}</p> : (
              <ol class="history">
                {ins.answers.map((a) => (
                  <li key={a.round} data-round={a.round}>
                    <p class="text">{a.answer}</p>
                    <p class="muted small">{personName(session, a.answeredBy)} · <When at={a.answeredAt} /></p>
                    {a.decision && (
                      <p><span class={a.decision === 'accepted' ? 'tag tag-read' : 'tag tag-unread'}>{t(`instruction.decision.${a.decision}`)}</span>{a.comment ? ` ${a.comment}` : ''}</p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
          {responder && (
            <form class="card" noValidate aria-labelledby="ins-answer-title" onSubmit={(e) => {
              e.preventDefault();
              if (!answer.trim()) { setFieldError({ field: 'answer', text: t('form.required', { label: t('instruction.answer') }) }); return; }
              setFieldError(undefined);
              void act(() => api.answerInstruction(id, answer.trim()), t('instruction.answered'));
            }}>
              <h2 id="ins-answer-title">{t('instruction.answer')}</h2>
              <div class={fieldError?.field === 'answer' ? 'field field-invalid' : 'field'}>
                <label for="ins-answer">{t('instruction.answerLabel')}</label>
                <textarea id="ins-answer" rows={3} maxLength={4000} value={answer} aria-invalid={fieldError?.field === 'answer' ? 'true' : undefined}
                  aria-describedby={fieldError?.field === 'answer' ? 'ins-answer-error' : undefined}
                  onInput={(e) => setAnswer((e.currentTarget as HTMLTextAreaElement).value)} />
                {fieldError?.field === 'answer' && <p id="ins-answer-error" class="field-error">{fieldError.text}</p>}
              </div>
              <button type="submit" class="primary">{t('task.submit')}</button>
            </form>
          )}
          {issuer && (
            <form class="card" noValidate aria-labelledby="ins-decide-title" onSubmit={(e) => e.preventDefault()}>
              <h2 id="ins-decide-title">{t('instruction.decide')}</h2>
              <div class={fieldError?.field === 'comment' ? 'field field-invalid' : 'field'}>
                <label for="ins-comment">{t('instruction.comment')}</label>
                <textarea id="ins-comment" rows={2} maxLength={4000} value={comment} aria-invalid={fieldError?.field === 'comment' ? 'true' : undefined}
                  aria-describedby={fieldError?.field === 'comment' ? 'ins-comment-error' : 'ins-comment-hint'}
                  onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
                <p id="ins-comment-hint" class="muted small">{ins.returned ? t('instruction.returnedOnce') : t('instruction.commentHint')}</p>
                {fieldError?.field === 'comment' && <p id="ins-comment-error" class="field-error">{fieldError.text}</p>}
              </div>
              <div class="buttons">
                <button type="button" class="primary" onClick={() => { setFieldError(undefined); void act(() => api.acceptInstruction(id, comment.trim() || undefined), t('instruction.acceptedDone')); }}>
                  {t('instruction.accept')}
                </button>
                {!ins.returned && (
                  <button type="button" onClick={() => {
                    if (!comment.trim()) { setFieldError({ field: 'comment', text: t('instruction.returnNeedsComment') }); return; }
                    setFieldError(undefined);
                    void act(() => api.returnInstruction(id, comment.trim()), t('instruction.returnedDone'));
                  }}>{t('instruction.return')}</button>
                )}
              </div>
            </form>
          )}
        </div>
        <aside class="col-side">
          <section class="card" aria-labelledby="ins-trail">
            <h2 id="ins-trail">{t('instruction.trail')}</h2>
            <ol class="history">
              {ins.history.map((h, i) => (
                <li key={i}><When at={h.at} /> {tOr(`instruction.event.${h.type}`, tOr(`history.${h.type}`, h.type))}{h.actorId ? ` · ${personName(session, h.actorId)}` : ''}</li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </article>
  );
}
