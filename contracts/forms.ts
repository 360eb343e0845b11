/**
 * Task forms: for each form, the outcomes a person may choose and the payload each one needs.
 * A task names its form and the subset of outcomes it allows; completion is validated here.
 *
 * This module is the registry, and imports zod for its types only. Each form's schemas are built
 * the first time it is used, and a set of forms registered with `registerFormsLater` (the
 * engine's own, contracts/engine-forms.ts, and in the worker's bundle each kind's) is loaded the
 * first time a name is looked up: the human task validates its completion against its form
 * inside the workflow sandbox, which evaluates a workflow's imports once per workflow, so a task
 * that is only waiting on its deadlines pays for neither zod nor any form (docs/performance.md).
 */
import type { z } from 'zod';
import { sayIssues, type SaidIssue } from './say-issues';
import type { FormSet } from './form-set';

export type { FormSet } from './form-set';

type OutcomeSchemas = Record<string, z.ZodType<Record<string, unknown>>>;

/** The forms registered so far, and those each process definition brings (see processes/definition.ts). */
const known = new Map<string, () => Record<string, z.ZodType>>();
const built = new Map<string, OutcomeSchemas>();
/** Sets of forms to load when a name is first looked up, in the order they were registered. */
const later: { load: () => FormSet; owner: string }[] = [];

/**
 * Adds a set of forms to load the first time a form's name is looked up (or another set is
 * added at once): a loader evaluates its module only then.
 */
export function registerFormsLater(load: () => FormSet, owner: string): void {
  later.push({ load, owner });
}

function loadLater(): void {
  for (let next = later.shift(); next; next = later.shift()) addForms(next.load(), next.owner, 'throw');
}

// The engine's own forms come first, before any definition's; loaded lazily because they import zod.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, the point of this module
registerFormsLater(() => (require('./engine-forms') as typeof import('./engine-forms')).forms, 'the engine');

/**
 * Adds a definition's forms. Registering the same form again is harmless (the worker's bundle
 * and the registry both do it); a second, different form under a taken name is refused, since
 * a task names its form by name alone — or, with `onClash: 'keep'`, left to the registry's
 * consistency check to report (processes/check.ts).
 */
export function registerForms(set: FormSet, owner: string, onClash: 'throw' | 'keep' = 'throw'): void {
  loadLater();
  addForms(set, owner, onClash);
}

function addForms(set: FormSet, owner: string, onClash: 'throw' | 'keep'): void {
  for (const [name, thunk] of Object.entries(set)) {
    const existing = known.get(name);
    if (existing && existing !== thunk) {
      if (onClash === 'keep') continue;
      throw new Error(`form ${name} of ${owner} is already defined by another process`);
    }
    known.set(name, thunk);
  }
}

/** The thunk registered under a name, to tell the same form registered twice from two forms with one name. */
export function registeredForm(name: string): (() => Record<string, z.ZodType>) | undefined {
  if (!known.has(name)) loadLater();
  return known.get(name);
}

export function isFormName(name: string): boolean {
  return registeredForm(name) !== undefined;
}

/** The outcome schemas of one form, built on first use. */
export function formSchemas(form: string): OutcomeSchemas {
  let schemas = built.get(form);
  if (!schemas) {
    const thunk = registeredForm(form);
    if (!thunk) throw new Error(`unknown form ${form}`);
    schemas = thunk() as OutcomeSchemas;
    built.set(form, schemas);
  }
  return schemas;
}

/**
 * Validates an outcome's payload against the form; returns the parsed payload, or what to fix in
 * the words of the person who sent it (contracts/say-issues.ts), each issue with its field.
 */
export function checkFormPayload(
  form: string,
  outcome: string,
  payload: unknown,
): { ok: true; payload: Record<string, unknown> } | { ok: false; message: string; issues?: SaidIssue[] } {
  if (!isFormName(form)) return { ok: false, message: `unknown form ${form}` };
  const schema = formSchemas(form)[outcome];
  if (!schema) return { ok: false, message: `form ${form} has no outcome "${outcome}"` };
  const parsed = schema.safeParse(payload ?? {}, { reportInput: true });
  if (parsed.success) return { ok: true, payload: parsed.data };
  const said = sayIssues(parsed.error.issues);
  return { ok: false, message: said.error, issues: said.details };
}
