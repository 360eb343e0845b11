/**
 * 代理 (agent): a person names an agent for a period — from one day to another, both included,
 * China time — and clears it; an administrator does so for anyone from the directory page. While
 * the period lasts, the person's tasks reach the agent too, and what the agent does on them is
 * recorded 代某某办理 (POST /api/people/:id/agent, docs/verbs.md).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type AgentView, type Session } from '../api';
import { t } from '../i18n';
import { Alert, Loading, personName, reasonOf } from '../ui';

/** A day (yyyy-mm-dd) in China time. */
const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** The instant a China-time day begins. */
const startOf = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
/** The day before an instant that begins a day: the last day of a period whose end is exclusive. */
const lastDayOf = (until: string) => dayOf(new Date(Date.parse(until) - 1));

export function AgentCard({ session, personId, onClose }: { session: Session; personId: string; onClose?: () => void }) {
  const [view, setView] = useState<AgentView>();
  const [agentId, setAgentId] = useState('');
  const [from, setFrom] = useState(dayOf(new Date()));
  const [to, setTo] = useState(dayOf(new Date()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [said, setSaid] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const own = personId === session.person.id;
  const name = personName(session, personId);

  useEffect(() => {
    setView(undefined);
    api.agentOf(personId).then(setView, (e: unknown) => setError(reasonOf(e)));
    if (onClose) heading.current?.focus();
  }, [personId]);

  const run = async (what: () => Promise<AgentView | void>, done: string) => {
    setBusy(true);
    setError(undefined);
    setSaid(undefined);
    try {
      const answer = await what();
      setView(answer ?? { personId });
      setSaid(done);
    } catch (e) {
      setError(reasonOf(e));
    } finally {
      setBusy(false);
    }
  };
  // The last day is included: the period ends as the next day begins.
  const nextDay = (day: string) => new Date(Date.parse(startOf(day)) + 24 * 3_600_000).toISOString();
  const submit = () => run(() => api.setAgent(personId, { agentId, from: startOf(from), until: nextDay(to) }), t('agent.set.done'));
  const agent = view?.agent;
  const candidates = session.people.filter((p) => p.id !== personId);

  return (
    <section class="card agent" aria-labelledby="agent-title">
      <h2 id="agent-title" tabIndex={-1} ref={heading}>{own ? t('agent.title.own') : t('agent.title', { name })}</h2>
      <p class="muted">{t('agent.howTo')}</p>
      {!view && !error && <Loading />}
      {view && (
        <p data-agent={agent?.agentId ?? ''}>
          {agent ? t(agent.active ? 'agent.current.active' : 'agent.current.inactive', {
            name: personName(session, agent.agentId), from: dayOf(new Date(agent.from)), until: lastDayOf(agent.until),
          }) : t('agent.none')}
          {agent && <> <button type="button" class="link" disabled={busy} onClick={() => void run(() => api.clearAgent(personId), t('agent.clear.done'))}>{t('agent.clear')}</button></>}
        </p>
      )}
      {said && <p role="status">{said}</p>}
      {error && <Alert>{error}</Alert>}
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div class="field">
          <label for="agent-who">{t('agent.who')}</label>
          <select id="agent-who" required value={agentId} onChange={(e) => setAgentId((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('agent.choose')}</option>
            {candidates.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="agent-from">{t('agent.from')}</label>
          <input id="agent-from" type="date" required value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="agent-until">{t('agent.until')}</label>
          <input id="agent-until" type="date" required min={from} value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy || !agentId || !from || !to}>{t('agent.set')}</button>
          {onClose && <button type="button" class="link" onClick={onClose}>{t('handover.cancel')}</button>}
        </div>
      </form>
    </section>
  );
}

/** `#/agent`: the signed-in person's own agent. */
export function AgentPage({ session }: { session: Session }) {
  return <AgentCard session={session} personId={session.person.id} />;
}
