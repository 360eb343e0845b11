/**
 * 离职交接 on the directory page (administrators): for a person who leaves, choose who receives
 * their open tasks and why, see the dry run's list — what would move, what cannot and why — and
 * confirm; the answer lists what moved. A change after the preview asks for a new one, so what is
 * confirmed is what was shown (POST /api/people/:id/handover, docs/verbs.md).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Directory, Person } from '../../../contracts/directory';
import { workbenchPath } from '../../../contracts/workbench-links';
import { api } from '../api';
import { t } from '../i18n';
import { Alert, reasonOf } from '../ui';

type Answer = Awaited<ReturnType<typeof api.handOverPerson>>;
type Listed = Answer['moved'][number] & { reason?: string };

function TaskList({ tasks, deptName }: { tasks: Listed[]; deptName: (id: string) => string }) {
  return (
    <ul class="handover-tasks">
      {tasks.map((x) => (
        <li key={x.taskId} data-task-id={x.taskId}>
          <a href={workbenchPath({ taskId: x.taskId })}>{x.title}</a> <code>{x.taskId}</code>
          {x.departmentId && <span class="muted"> · {deptName(x.departmentId)}</span>}
          {x.reason && <p class="muted small">{x.reason}</p>}
        </li>
      ))}
    </ul>
  );
}

export function HandoverCard({ person, directory, onClose }: { person: Person; directory: Directory; onClose: () => void }) {
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<{ answer: Answer; to: string; reason: string }>();
  const [done, setDone] = useState<Answer>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [person.id]);

  const deptName = (id: string) => directory.departments.find((d) => d.id === id)?.name ?? id;
  const nameOf = (id: string) => directory.people.find((p) => p.id === id)?.name ?? id;
  const shares = (p: Person) => p.departments.some((d) => person.departments.includes(d));
  // Colleagues of the same department first: a task moves only to someone of its department.
  const receivers = directory.people.filter((p) => p.id !== person.id).sort((a, b) => Number(shares(b)) - Number(shares(a)));
  const current = preview && preview.to === to && preview.reason === reason.trim() ? preview.answer : undefined;

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.handOverPerson(person.id, { toPersonId: to, reason: reason.trim(), dryRun });
      if (dryRun) setPreview({ answer, to, reason: reason.trim() });
      else { setDone(answer); setPreview(undefined); }
    } catch (e) {
      setError(reasonOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card handover" aria-labelledby="handover-title">
      <h2 id="handover-title" tabIndex={-1} ref={heading}>{t('handover.title', { name: person.name })}</h2>
      <p class="muted">{t('handover.howTo', { name: person.name })}</p>
      {done ? (
        <div role="status">
          {done.moved.length + done.refused.length === 0 ? <p>{t('handover.nothing', { name: person.name })}</p> : (
            <>
              <Alert kind="ok">{t('handover.moved', { n: done.moved.length, name: nameOf(done.toPersonId) })}</Alert>
              <TaskList tasks={done.moved} deptName={deptName} />
              {done.refused.length > 0 && <><h3>{t('handover.notMoved', { n: done.refused.length })}</h3><TaskList tasks={done.refused} deptName={deptName} /></>}
            </>
          )}
          <div class="buttons"><button type="button" onClick={onClose}>{t('handover.cancel')}</button></div>
        </div>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); void run(true); }}>
          <div class="field">
            <label for="handover-to">{t('handover.to')}</label>
            <select id="handover-to" required value={to} onChange={(e) => setTo((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('handover.choose')}</option>
              {receivers.map((p) => <option key={p.id} value={p.id}>{p.name}（{p.departments.map(deptName).join('、') || p.id}）</option>)}
            </select>
          </div>
          <div class="field">
            <label for="handover-reason">{t('handover.reason')}</label>
            <input id="handover-reason" type="text" required maxLength={500} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
          </div>
          {error && <Alert>{error}</Alert>}
          {preview && !current && <p class="muted" role="status">{t('handover.previewFirst')}</p>}
          {current && (
            <div role="status" class="handover-preview">
              {current.moved.length + current.refused.length === 0 ? <p>{t('handover.nothing', { name: person.name })}</p> : (
                <>
                  <h3>{t('handover.willMove', { n: current.moved.length })}</h3>
                  <TaskList tasks={current.moved} deptName={deptName} />
                  {current.refused.length > 0 && <><h3>{t('handover.wontMove', { n: current.refused.length })}</h3><TaskList tasks={current.refused} deptName={deptName} /></>}
                </>
              )}
            </div>
          )}
          <div class="buttons">
            <button type="submit" disabled={busy || !to || reason.trim() === ''}>{t('handover.preview')}</button>
            <button type="button" class="primary" disabled={busy || !current || current.moved.length === 0} onClick={() => void run(false)}>{t('handover.confirm')}</button>
            <button type="button" class="link" onClick={onClose}>{t('handover.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
