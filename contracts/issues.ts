/**
 * What validating a command or a request body gives back, for the NATS intake (dead letters)
 * and the API (400s) alike: each problem with the field it is about.
 */
import type { z } from 'zod';
import type { Directory } from './directory';
import { controlCharacterPath } from './text';

export interface Issue {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** zod's issues as paths and messages a client can show. */
export function contractIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** No control characters (contracts/text.ts), the contract, then what only the directory knows: every start and action is validated this way. */
export function validateAgainst<T>(
  contract: z.ZodType<T>,
  directoryIssues: ((value: T, directory: Directory) => Issue[]) | undefined,
  body: unknown,
  directory: Directory,
): Validated<T> {
  const control = controlCharacterPath(body);
  if (control !== undefined) return { ok: false, issues: [{ path: control, message: 'holds a control character' }] };
  const parsed = contract.safeParse(body);
  if (!parsed.success) return { ok: false, issues: contractIssues(parsed.error) };
  const issues = directoryIssues?.(parsed.data, directory) ?? [];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}
