/**
 * The verbs every approval system has, on the task page (docs/verbs.md): each card shows only
 * when the API says the person may use its verb now (`verbs` of GET /api/tasks/:id), and its
 * record when there is one.
 */
import { useState } from 'preact/hooks';
import { api, type Session, type TaskState } from '../api';
import { outcomeWord, t } from '../i18n';
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

/** 抄送: copy people or a department's people; those copied so far. */
export function CopyCard({ task, session, act }: { task: TaskState; session: Session; act: Act }) {
  const [people, setPeople] = useState<string[]>([]);
  const [dept, setDept] = useState('');
  const [note, setNote] = useState('');
  const may = task.verbs?.includes('copy') ?? false;
  const copied = (task.copies ?? []).flatMap((c) => c.personIds);
  if (!may && copied.length === 0) return null;
  const others = session.people.filter((p) => p.id !== session.person.id && !copied.includes(p.id));
  const send = (e: Event) => {
    e.preventDefault();
    void act(() => api.copy(task.taskId, { personIds: people, departmentIds: dept ? [dept] : [], note: note || undefined }))
      .then((ok) => { if (ok) { setPeople([]); setDept(''); setNote(''); } });
  };
  return (
    <section class="card" aria-labelledby="copy-title">
      <h2 id="copy-title">{t('verbs.copy')}</h2>
      {copied.length > 0 && <p>{t('verbs.copy.done', { names: copied.map((p) => personName(session, p)).join('、') })}</p>}
      {may && (
        <form onSubmit={send}>
          <div class="field">
            <label for="copy-people">{t('verbs.copy.people')}</label>
            <select id="copy-people" multiple size={4} onChange={(e) => setPeople([...(e.currentTarget as HTMLSelectElement).selectedOptions].map((o) => o.value))}>
              {others.map((p) => <option key={p.id} value={p.id} selected={people.includes(p.id)}>{p.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="copy-dept">{t('verbs.copy.department')}</label>
            <select id="copy-dept" value={dept} onChange={(e) => setDept((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('task.reassign.none')}</option>
              {session.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="copy-note">{t('verbs.copy.note')}<span class="muted">{t('form.optional')}</span></label>
            <input id="copy-note" type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <button type="submit" disabled={people.length === 0 && !dept}>{t('verbs.copy')}</button>
          <p class="muted small">{t('verbs.copy.rule')}</p>
        </form>
      )}
    </section>
  );
}

/** The copy the person holds of this task: what it lets them do (read), and 已阅. */
export function ReadCard({ task, act }: { task: TaskState; act: Act }) {
  if (!task.copy) return null;
  return (
    <section class="card" aria-labelledby="read-title">
      <h2 id="read-title">{t('verbs.read.title')}</h2>
      <p>{task.copy.status === 'unread' ? t('verbs.read.unread') : t('verbs.read.read')}</p>
      {task.verbs?.includes('markRead') && <button type="button" class="primary" onClick={() => void act(() => api.markRead(task.taskId))}>{t('verbs.read')}</button>}
    </section>
  );
}

/** 前加签 / 减签: ask people for their opinion before deciding, their answers, taking off one not yet answered; and the form of the person asked. */
export function SignersCard({ task, session, act }: { task: TaskState; session: Session; act: Act }) {
  const [people, setPeople] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [opinion, setOpinion] = useState('');
  const may = (v: string) => task.verbs?.includes(v) ?? false;
  const asked = (task.signers ?? []).filter((s) => s.status !== 'removed' && s.phase !== 'after');
  const askedOfMe = (task.signers ?? []).find((s) => s.status === 'pending' && s.personId === session.person.id);
  if (!may('addSigners') && !(may('answerSign') && askedOfMe?.phase !== 'after') && asked.length === 0) return null;
  const waiting = asked.filter((s) => s.status === 'pending');
  const others = session.people.filter((p) => p.id !== session.person.id && p.id !== task.assigneeId && !waiting.some((s) => s.personId === p.id));
  return (
    <section class="card" aria-labelledby="signers-title">
      <h2 id="signers-title">{t('verbs.signers')}</h2>
      {asked.length > 0 && (
        <ul class="signers">
          {asked.map((s) => (
            <li key={`${s.personId}-${s.addedAt}`} data-signer={s.personId}>
              <strong>{personName(session, s.personId)}</strong>{' '}
              {s.status === 'answered'
                ? <><span class="tag">{t('verbs.signers.answered')}</span> <span class="opinion">{s.opinion}</span></>
                : <span class="tag tag-missing">{t('verbs.signers.pending')}</span>}
              {s.status === 'pending' && may('removeSigner') && (
                <button type="button" class="link" onClick={() => void act(() => api.removeSigner(task.taskId, s.personId))}>{t('verbs.signers.remove')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && <p class="muted">{t('verbs.signers.waiting', { names: waiting.map((s) => personName(session, s.personId)).join('、') })}</p>}
      {may('answerSign') && askedOfMe?.phase !== 'after' && (
        <form onSubmit={(e) => { e.preventDefault(); void act(() => api.answerSign(task.taskId, opinion)).then((ok) => ok && setOpinion('')); }}>
          <div class="field">
            <label for="sign-opinion">{t('verbs.signers.opinion')}</label>
            <textarea id="sign-opinion" rows={3} maxLength={2000} value={opinion} onInput={(e) => setOpinion((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <button type="submit" class="primary" disabled={opinion.trim() === ''}>{t('verbs.signers.answer')}</button>
        </form>
      )}
      {may('addSigners') && (
        <form onSubmit={(e) => { e.preventDefault(); void act(() => api.addSigners(task.taskId, people, note || undefined)).then((ok) => { if (ok) { setPeople([]); setNote(''); } }); }}>
          <div class="field">
            <label for="signers-people">{t('verbs.signers.people')}</label>
            <select id="signers-people" multiple size={4} onChange={(e) => setPeople([...(e.currentTarget as HTMLSelectElement).selectedOptions].map((o) => o.value))}>
              {others.map((p) => <option key={p.id} value={p.id} selected={people.includes(p.id)}>{p.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="signers-note">{t('verbs.signers.note')}<span class="muted">{t('form.optional')}</span></label>
            <input id="signers-note" type="text" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <button type="submit" disabled={people.length === 0}>{t('verbs.signers.ask')}</button>
          <p class="muted small">{t('verbs.signers.rule')}</p>
        </form>
      )}
    </section>
  );
}

/** 委派 / 转交: the holder hands the task to a colleague; the delegate answers and it comes back. */
export function HandOverCard({ task, session, act }: { task: TaskState; session: Session; act: Act }) {
  const [person, setPerson] = useState('');
  const [reason, setReason] = useState('');
  const [opinion, setOpinion] = useState('');
  const may = (v: string) => task.verbs?.includes(v) ?? false;
  const last = task.delegations?.[task.delegations.length - 1];
  const out = last && !last.returnedAt ? last : undefined;
  if (!may('delegate') && !may('transfer') && !may('returnDelegation') && !out) return null;
  const hand = (how: 'delegate' | 'transfer') => void act(() => api.handOver(task.taskId, how, person, reason || undefined)).then((ok) => { if (ok) { setPerson(''); setReason(''); } });
  return (
    <section class="card" aria-labelledby="handover-title">
      <h2 id="handover-title">{t('verbs.handover')}</h2>
      {out && <p>{t('verbs.handover.out', { from: personName(session, out.from), to: personName(session, out.to) })}</p>}
      {may('returnDelegation') && (
        <form onSubmit={(e) => { e.preventDefault(); void act(() => api.returnDelegation(task.taskId, opinion)).then((ok) => ok && setOpinion('')); }}>
          <div class="field">
            <label for="delegation-opinion">{t('verbs.handover.opinion')}</label>
            <textarea id="delegation-opinion" rows={3} maxLength={2000} value={opinion} onInput={(e) => setOpinion((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <button type="submit" class="primary" disabled={opinion.trim() === ''}>{t('verbs.handover.return')}</button>
        </form>
      )}
      {(may('delegate') || may('transfer')) && (
        <form onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="handover-person">{t('verbs.handover.person')}</label>
            <select id="handover-person" value={person} onChange={(e) => setPerson((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('task.reassign.none')}</option>
              {session.people.filter((p) => p.id !== session.person.id && p.departments.length > 0).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="handover-reason">{t('verbs.handover.reason')}<span class="muted">{t('form.optional')}</span></label>
            <input id="handover-reason" type="text" maxLength={500} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="buttons">
            {may('delegate') && <button type="button" disabled={!person} onClick={() => hand('delegate')}>{t('verbs.delegate')}</button>}
            {may('transfer') && <button type="button" disabled={!person} onClick={() => hand('transfer')}>{t('verbs.transfer')}</button>}
          </div>
          <p class="muted small">{t('verbs.handover.rule')}</p>
        </form>
      )}
    </section>
  );
}

/** 后加签: the holder's decision awaiting approval, each approver's answer, and the approver's form (agree or not, with an opinion). */
export function SignAfterCard({ task, session, act }: { task: TaskState; session: Session; act: Act }) {
  const [opinion, setOpinion] = useState('');
  const decidedAt = task.pendingDecision?.at ?? task.completion?.at ?? '';
  const approvers = (task.signers ?? []).filter((s) => s.phase === 'after' && s.status !== 'removed' && (!task.pendingDecision || s.addedAt >= decidedAt));
  const mine = approvers.find((s) => s.status === 'pending' && s.personId === session.person.id);
  if (!task.pendingDecision && approvers.length === 0) return null;
  const answer = (agree: boolean) => void act(() => api.answerSign(task.taskId, opinion, agree)).then((ok) => ok && setOpinion(''));
  return (
    <section class="card" aria-labelledby="sign-after-title">
      <h2 id="sign-after-title">{t('verbs.signAfter.title')}</h2>
      {task.pendingDecision && (
        <p>{t('verbs.signAfter.decision', { who: personName(session, task.pendingDecision.actorId), outcome: outcomeWord(task.pendingDecision.outcome, task.processKind) })}</p>
      )}
      <ul class="signers">
        {approvers.map((s) => (
          <li key={`${s.personId}-${s.addedAt}`} data-approver={s.personId}>
            <strong>{personName(session, s.personId)}</strong>{' '}
            {s.status === 'answered'
              ? <><span class={s.agree ? 'tag' : 'tag tag-missing'}>{s.agree ? t('verbs.signAfter.agreed') : t('verbs.signAfter.disagreed')}</span> <span class="opinion">{s.opinion}</span></>
              : <span class="tag tag-missing">{t('verbs.signers.pending')}</span>}
          </li>
        ))}
      </ul>
      {mine && task.verbs?.includes('answerSign') && (
        <form onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="sign-after-opinion">{t('verbs.signers.opinion')}</label>
            <textarea id="sign-after-opinion" rows={3} maxLength={2000} value={opinion} onInput={(e) => setOpinion((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <div class="buttons">
            <button type="button" class="primary" disabled={opinion.trim() === ''} onClick={() => answer(true)}>{t('verbs.signAfter.agree')}</button>
            <button type="button" disabled={opinion.trim() === ''} onClick={() => answer(false)}>{t('verbs.signAfter.disagree')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * 退回: on a task whose kind offers earlier steps, its holder chooses one (the only one, or among
 * radio buttons) and says why. On a task a return ended, reopened or cancelled: who, and why.
 */
export function ReturnCard({ task, session, act, onReturned }: { task: TaskState; session: Session; act: Act; onReturned: (answer: TaskState) => void }) {
  const targets = task.returnTargets ?? [];
  const [step, setStep] = useState(targets.length === 1 ? targets[0].step : '');
  const [reason, setReason] = useState('');
  const notes = [
    task.returnedFrom && t('verbs.returnTo.reopened', { who: personName(session, task.returnedFrom.by), reason: task.returnedFrom.reason }),
    task.returned && t('verbs.returnTo.ended', { who: personName(session, task.returned.by), title: task.returned.toTitle, reason: task.returned.reason }),
    task.cancelledByReturn && t('verbs.returnTo.cancelled', {
      who: personName(session, task.cancelledByReturn.by), title: task.cancelledByReturn.toTitle, reason: task.cancelledByReturn.reason,
    }),
  ].filter((n): n is string => typeof n === 'string');
  const offered = task.verbs?.includes('returnTo') && targets.length > 0;
  if (notes.length === 0 && !offered) return null;
  const send = (e: Event) => {
    e.preventDefault();
    let answer: TaskState | undefined;
    void act(async () => { answer = await api.returnTo(task.taskId, step, reason); return answer; })
      .then((ok) => ok && answer && onReturned(answer));
  };
  const label = (target: typeof targets[number]) => t('verbs.returnTo.step', { title: target.title, who: personName(session, target.completedBy) });
  return (
    <section class="card" aria-labelledby={offered ? 'return-title' : undefined}>
      {notes.map((note) => <p key={note} role="note">{note}</p>)}
      {offered && (
        <>
          <h2 id="return-title">{t('verbs.returnTo')}</h2>
          <form onSubmit={send}>
            {targets.length === 1 ? (
              <p>{t('verbs.returnTo.to')}{label(targets[0])}</p>
            ) : (
              <fieldset class="field outcomes">
                <legend>{t('verbs.returnTo.to')}</legend>
                {targets.map((target) => (
                  <label key={target.step} class="radio">
                    <input type="radio" name="return-step" value={target.step} checked={step === target.step} onChange={() => setStep(target.step)} />
                    {label(target)}
                  </label>
                ))}
              </fieldset>
            )}
            <div class="field">
              <label for="return-reason">{t('verbs.returnTo.reason')}</label>
              <input id="return-reason" type="text" maxLength={500} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
            </div>
            <button type="submit" disabled={step === '' || reason.trim() === ''}>{t('verbs.returnTo')}</button>
            <p class="muted small">{t('verbs.returnTo.rule')}</p>
          </form>
        </>
      )}
    </section>
  );
}

/** 撤回: on a task the person completed, while its next step is untouched: take it back, with a reason. On a task ended by a withdrawal: why. */
export function WithdrawCard({ task, session, act, onWithdrawn }: { task: TaskState; session: Session; act: Act; onWithdrawn: () => void }) {
  const [reason, setReason] = useState('');
  if (task.withdrawal) {
    return <section class="card"><p>{t('verbs.withdraw.ended', { who: personName(session, task.withdrawal.by), reason: task.withdrawal.reason })}</p></section>;
  }
  if (!task.verbs?.includes('withdraw') || !task.nextStep) return null;
  // The answer is the next step's task, not this one: the page reads this one again.
  const send = (e: Event) => {
    e.preventDefault();
    void act(async () => { await api.withdraw(task.taskId, reason); }).then((ok) => ok && onWithdrawn());
  };
  return (
    <section class="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t('verbs.withdraw')}</h2>
      <p>{t('verbs.withdraw.next', { title: task.nextStep.title })}</p>
      <form onSubmit={send}>
        <div class="field">
          <label for="withdraw-reason">{t('verbs.withdraw.reason')}</label>
          <input id="withdraw-reason" type="text" maxLength={500} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" disabled={reason.trim() === ''}>{t('verbs.withdraw')}</button>
        <p class="muted small">{t('verbs.withdraw.rule')}</p>
      </form>
    </section>
  );
}
