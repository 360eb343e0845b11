/**
 * Task forms: for each form, the outcomes a person may choose and the payload each one needs.
 * A task names its form and the subset of outcomes it allows; completion is validated here.
 *
 * Each form's schemas are built the first time it is used: the human task validates its
 * completion against its form inside the workflow sandbox, which evaluates a workflow's imports
 * once per workflow, so building every form at import would cost every task (see contracts/lights.ts).
 */
import { z } from 'zod';

/** An optional free-text comment, as every form's approving outcome takes it. */
export const comment = () => z.string().trim().max(4000).optional();

export const forms = {
  /** A plain review: approve or reject, with a reason for a rejection. */
  review: () => ({
    approve: z.object({ comment: comment() }).strict(),
    reject: z.object({ reason: z.string().trim().min(1, 'say why') }).strict(),
  }),
  /** The responsible department's answer to a supervision instruction (督办, workflows/supervision.ts). */
  instructionResponse: () => ({
    answered: z.object({ answer: z.string().trim().min(1, 'say what was done').max(4000) }).strict(),
  }),
} as const;

/** A set of forms by name: each a thunk building its outcome → payload schemas on first use. */
export type FormSet = Record<string, () => Record<string, z.ZodType>>;

type OutcomeSchemas = Record<string, z.ZodType<Record<string, unknown>>>;

/** The built-in forms, and those each process definition brings (see processes/definition.ts). */
const known = new Map<string, () => Record<string, z.ZodType>>(Object.entries(forms));
const built = new Map<string, OutcomeSchemas>();

/**
 * Adds a definition's forms. Registering the same form again is harmless (the worker's bundle
 * and the registry both do it); a second, different form under a taken name is refused, since
 * a task names its form by name alone — or, with `onClash: 'keep'`, left to the registry's
 * consistency check to report (processes/check.ts).
 */
export function registerForms(set: FormSet, owner: string, onClash: 'throw' | 'keep' = 'throw'): void {
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
  return known.get(name);
}

export function isFormName(name: string): boolean {
  return known.has(name);
}

/** A form's name; forms are registered by process definitions, so the set is known at run time. */
export type FormName = string;
export const FormName = z.string().refine(isFormName, { message: 'unknown form' });

/** The outcome schemas of one form, built on first use. */
export function formSchemas(form: FormName): OutcomeSchemas {
  let schemas = built.get(form);
  if (!schemas) {
    const thunk = known.get(form);
    if (!thunk) throw new Error(`unknown form ${form}`);
    schemas = thunk() as OutcomeSchemas;
    built.set(form, schemas);
  }
  return schemas;
}

/** Validates an outcome's payload against the form; returns a message a person can act on, or the parsed payload. */
export function checkFormPayload(
  form: FormName,
  outcome: string,
  payload: unknown,
): { ok: true; payload: Record<string, unknown> } | { ok: false; message: string } {
  if (!isFormName(form)) return { ok: false, message: `unknown form ${form}` };
  const schema = formSchemas(form)[outcome];
  if (!schema) return { ok: false, message: `form ${form} has no outcome "${outcome}"` };
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, payload: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
  return { ok: false, message: `the ${outcome} form is incomplete: ${issues.join('; ')}` };
}
