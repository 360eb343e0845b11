/** Small pieces every page uses: the light, the deadline, names from the directory, errors. */
import type { ComponentChildren } from 'preact';
import { ApiError, type Fact, type Light as LightName, type Session } from './api';
import { at } from './kinds';
import { kindSaid, t } from './i18n';
import { saidAt, timeLeft } from './time';

const SHAPES: Record<LightName, string> = { green: '●', yellow: '▲', red: '■' };

/** A light: its colour, a shape and its word, so that colour is never the only mark. */
export function Light({ light, long = false }: { light?: string; long?: boolean }) {
  if (light !== 'green' && light !== 'yellow' && light !== 'red') return <span class="light light-none">—</span>;
  return (
    <span class={`light light-${light}`} title={t(`light.${light}.long`)}>
      <span class="light-shape" aria-hidden="true">{SHAPES[light]}</span>
      {long ? t(`light.${light}.long`) : t(`light.${light}`)}
    </span>
  );
}

export function Deadline({ at, provisional, countdownToo = true }: { at?: string; provisional?: boolean; countdownToo?: boolean }) {
  if (!at) return <span class="muted">{t('time.none')}</span>;
  const left = timeLeft(at);
  return (
    <span class="deadline">
      <time dateTime={at}>{saidAt(at)}</time>
      {provisional && <abbr class="provisional" title={t('time.provisionalHint')}>{t('time.provisional')}</abbr>}
      {countdownToo && <span class={left.overdue ? 'countdown overdue' : 'countdown'}>{left.text}</span>}
    </span>
  );
}

export function When({ at }: { at: string }) {
  return <time dateTime={at}>{saidAt(at)}</time>;
}

export { kindName } from './i18n';

export function personName(session: Session, id?: string): string {
  if (!id) return '';
  return session.people.find((p) => p.id === id)?.name ?? id;
}

export function departmentName(session: Session, id?: string): string {
  if (!id) return '';
  return session.departments.find((d) => d.id === id)?.name ?? id;
}

/** A refusal in words: the API's reason, framed in the page's language. */
export function reasonOf(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 403) return t('error.forbidden', { reason: err.message });
    return err.message;
  }
  return String(err);
}

export function Alert({ children, kind = 'error' }: { children: ComponentChildren; kind?: 'error' | 'ok' | 'info' }) {
  return <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>{children}</div>;
}

export function Loading() {
  return <p class="muted" role="status">{t('app.loading')}</p>;
}

/** Under a paged list: how many of how many are shown, and 加载更多 while the API has a next page. */
export function More({ shown, total, next, onMore }: { shown: number; total: number; next?: string; onMore: () => void }) {
  if (!next) return null;
  return (
    <p class="more">
      <span class="muted">{t('list.shown', { n: shown, total })}</span>{' '}
      <button type="button" data-more onClick={onMore}>{t('list.more')}</button>
    </p>
  );
}

/** A fact of a kind's presentation, read from a state (or an item's) and shown as the kind says: text, a paragraph, a name or names, a value's words. */
export function factValue(session: Session, fact: Fact, state: unknown): ComponentChildren | undefined {
  const v = at(state, fact.path);
  if (v === undefined || v === null || v === '') return undefined;
  const word = (x: unknown) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? (fact.values?.[String(x)] !== undefined ? kindSaid(fact.values[String(x)]) : String(x)) : undefined);
  switch (fact.as) {
    case 'paragraph': return word(v) && <p class="text">{word(v)}</p>;
    case 'person': return typeof v === 'string' ? personName(session, v) : undefined;
    case 'department': return typeof v === 'string' ? departmentName(session, v) : undefined;
    case 'departments': return Array.isArray(v) ? v.map((d) => departmentName(session, String(d))).join('、') || undefined : undefined;
    default: return Array.isArray(v) ? v.map(word).filter(Boolean).join('、') || undefined : word(v);
  }
}

/** Label and value, one row a fact; an empty value is left out. */
export function Facts({ rows }: { rows: [string, ComponentChildren | undefined][] }) {
  return (
    <dl class="facts">
      {rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
    </dl>
  );
}

/** The rows of a kind's facts over a state. */
export const factRows = (session: Session, facts: readonly Fact[], state: unknown): [string, ComponentChildren | undefined][] =>
  facts.map((f) => [kindSaid(f.label), factValue(session, f, state)]);
