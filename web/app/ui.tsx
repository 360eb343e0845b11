/** Small pieces every page uses: the light, the deadline, names from the directory, errors. */
import type { ComponentChildren } from 'preact';
import { ApiError, type Light as LightName, type Session } from './api';
import { currentLanguage, t, tOr } from './i18n';
import { countdown, sayDeadline, sayInstant } from './time';

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
  const c = countdown(at);
  const left = t(`time.${c.overdue ? 'over' : 'left'}.${c.unit}`, { n: c.n });
  return (
    <span class="deadline">
      <time dateTime={at}>{sayDeadline(at, new Date(), currentLanguage(), t('time.endOfDay'))}</time>
      {provisional && <abbr class="provisional" title={t('time.provisionalHint')}>{t('time.provisional')}</abbr>}
      {countdownToo && <span class={c.overdue ? 'countdown overdue' : 'countdown'}>{left}</span>}
    </span>
  );
}

export function When({ at }: { at: string }) {
  return <time dateTime={at}>{sayInstant(at, new Date(), currentLanguage())}</time>;
}

export function kindName(kind?: string): string {
  return kind ? tOr(`kind.${kind}`, kind) : '';
}

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
