/**
 * The one rule for text from outside (API bodies, query values and ids, NATS commands, calendar
 * files): no control characters. A query value or an id holds none at all; a body's text may
 * hold line breaks and tabs (a description in paragraphs), nothing else below U+0020, nor DEL.
 * A NUL or an escape sequence stored in a title would reach every inbox, log and robot message.
 */
/* eslint-disable no-control-regex -- these are the characters refused */

/** Characters no query value nor id may hold: C0 controls (NUL included) and DEL. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Characters no text of a body may hold: those, but for tab, line feed and carriage return. */
export const CONTROL_CHARACTERS_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The path of the first string (or key) in a JSON value that holds a control character text may not; undefined when none does. */
export function controlCharacterPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTERS_IN_TEXT.test(value) ? path.join('.') || '(the body)' : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = controlCharacterPath(v, [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL_CHARACTERS.test(k)) return [...path, JSON.stringify(k)].join('.');
      const found = controlCharacterPath(v, [...path, k]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
