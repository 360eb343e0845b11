/**
 * A form built from an outcome's JSON Schema (zod's `toJSONSchema` of the task's form): one
 * field per property, with a Chinese label, checked before sending with messages that say what
 * to fix, shown beside the field. The server checks again; its refusal is shown the same way.
 */
import { useState } from 'preact/hooks';
import { ApiError, type JsonSchema, type Session } from './api';
import { t, tOr } from './i18n';

export type Values = Record<string, string>;
export type FieldErrors = Record<string, string>;

const longText = new Set(['comment', 'reason', 'summary', 'opinion', 'reply', 'progress', 'commitment', 'answer']);

/** A field's name as its kind (or the engine) words it, in the reader's language; unknown, as it is. */
export function labelOf(name: string, kind?: string): string {
  return tOr(`field.${name}`, name, {}, kind);
}

const isList = (s: JsonSchema) => s.type === 'array';
const isDate = (name: string) => name === 'plannedCompletion';

/** The payload the values make, and what is wrong with them (empty when nothing). */
export function checkValues(schema: JsonSchema, values: Values): { payload: Record<string, unknown>; errors: FieldErrors } {
  const payload: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  const required = new Set(schema.required ?? []);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const raw = (values[name] ?? '').trim();
    const label = labelOf(name);
    if (isList(prop)) {
      const list = raw.split('\n').map((l) => l.trim()).filter(Boolean);
      if (list.length < (prop.minItems ?? 0) || (required.has(name) && list.length === 0)) errors[name] = t('form.requiredList', { label });
      else if (list.length > 0) payload[name] = list;
      continue;
    }
    if (raw === '') {
      if (required.has(name) || (prop.minLength ?? 0) > 0) errors[name] = t('form.required', { label });
      continue;
    }
    if (isDate(name) && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) errors[name] = t('form.date', { label });
    else if (prop.maxLength !== undefined && raw.length > prop.maxLength) errors[name] = t('form.tooLong', { label, n: prop.maxLength });
    else payload[name] = raw;
  }
  return { payload, errors };
}

/**
 * The fields a server refusal names, each with what to fix as the API says it (its `details`:
 * `{ path, field, message }`, contracts/say-issues.ts), keyed by the page's own field names: a
 * path the page does not show is left to the refusal's sentence.
 */
export function serverFieldErrors(err: unknown, fields: Record<string, string> | JsonSchema): FieldErrors {
  const errors: FieldErrors = {};
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return errors;
  const keyOf = (path: string): string | undefined => {
    const top = path.split('.')[0];
    if ('properties' in fields || 'type' in fields) return (fields as JsonSchema).properties?.[top] ? top : undefined;
    return (fields as Record<string, string>)[top];
  };
  for (const d of err.details as { path?: unknown; message?: unknown }[]) {
    const key = typeof d.path === 'string' ? keyOf(d.path) : undefined;
    if (key && typeof d.message === 'string' && !errors[key]) errors[key] = d.message;
  }
  return errors;
}

/** One field's error beside it, with the ids that tie it to its control. */
export function fieldProps(id: string, error?: string) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? <p id={`${id}-error`} class="field-error">{error}</p> : null;
}

export function SchemaFields({ schema, values, errors, onInput, idPrefix, session }: {
  schema: JsonSchema; values: Values; errors: FieldErrors; onInput: (name: string, value: string) => void; idPrefix: string; session: Session;
}) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, prop]) => {
        const id = `${idPrefix}-${name}`;
        const error = errors[name];
        const described = [error ? `${id}-error` : '', isList(prop) ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
        const common = {
          id, name, value: values[name] ?? '', 'aria-invalid': error ? true : undefined, 'aria-describedby': described,
          'aria-required': required.has(name) || undefined,
          onInput: (e: Event) => onInput(name, (e.currentTarget as HTMLInputElement).value),
        };
        let control;
        if (name === 'toDepartmentId') {
          control = (
            <select {...common} onChange={common.onInput}>
              <option value="">{t('task.reassign.none')}</option>
              {session.departments.map((d) => <option value={d.id} key={d.id}>{d.name}</option>)}
            </select>
          );
        } else if (isDate(name)) control = <input type="date" {...common} />;
        else if (isList(prop) || longText.has(name)) control = <textarea rows={3} {...common} />;
        else control = <input type="text" {...common} />;
        return (
          <div class={error ? 'field field-invalid' : 'field'} key={name}>
            <label for={id}>{labelOf(name)}{!required.has(name) && <span class="muted">{t('form.optional')}</span>}</label>
            {control}
            {isList(prop) && <small id={`${id}-hint`} class="muted">{t('form.oneItemPerLine')}</small>}
            {error && <p id={`${id}-error`} class="field-error">{error}</p>}
          </div>
        );
      })}
    </>
  );
}

/** Values and errors of one form, reset when its outcome changes. */
export function useFormState() {
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  return {
    values, errors, setErrors,
    set: (name: string, value: string) => setValues((v) => ({ ...v, [name]: value })),
    reset: () => { setValues({}); setErrors({}); },
  };
}
