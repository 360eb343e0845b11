/**
 * Property tests of every contract (issue 14), with fast-check: whatever JSON a boundary is
 * given, its zod contract answers (a value or issues) and never throws; what it accepts survives
 * a JSON round trip and is accepted again as the same value; a kind's start and its actions'
 * bodies, checked against the directory as the API and the intake check them, never throw either.
 *
 *   npx jest test/contracts.property.test.ts
 */
import { join } from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { loadDirectory } from '../activities/directory-file';
import * as contracts from '../contracts';
import { validateAgainst } from '../contracts/issues';
import type { Directory } from '../contracts/directory';
import { validateStart } from '../intake/processes';
import { definitions } from '../processes/registry';
import { repoRoot } from './harness/harness';

const directory = loadDirectory(join(repoRoot, 'directory/demo.json'));
const isSchema = (v: unknown): v is z.ZodType => typeof v === 'object' && v !== null && typeof (v as { safeParse?: unknown }).safeParse === 'function';
const engineContracts = Object.entries(contracts).filter(([, v]) => isSchema(v)) as Array<[string, z.ZodType]>;
const kindContracts: Array<[string, z.ZodType]> = definitions.flatMap((d) => [
  [`${d.kind}.input`, d.input()] as [string, z.ZodType],
  ...(d.actions ?? []).map((a) => [`${d.kind}.${a.name}`, a.body()] as [string, z.ZodType]),
]);

/** Anything JSON can hold, and objects shaped like a contract's own fields with wrong values. */
const anyJson = fc.jsonValue({ maxDepth: 4 });
const shaped = (schema: z.ZodType) => {
  const keys = Object.keys((schema as unknown as { shape?: object }).shape ?? {});
  return keys.length === 0 ? anyJson : fc.dictionary(fc.constantFrom(...keys), anyJson, { maxKeys: keys.length });
};

test.each([...engineContracts, ...kindContracts])('%s: any JSON is accepted or refused with issues, never thrown; what it accepts it accepts again', (_name, schema) => {
  fc.assert(fc.property(fc.oneof(anyJson, shaped(schema)), (value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      expect(parsed.error.issues.length).toBeGreaterThan(0);
      return;
    }
    const again = schema.safeParse(JSON.parse(JSON.stringify(parsed.data ?? null)));
    if (parsed.data !== undefined) expect(again.success && again.data).toEqual(parsed.data);
  }), { numRuns: 150 });
});

test.each(definitions.map((d) => [d.kind, d] as const))('%s: a start and each action body, checked against the directory, answer and never throw', (_kind, d) => {
  fc.assert(fc.property(fc.oneof(anyJson, shaped(d.input())), (body) => {
    const checked = validateStart(d, body, directory);
    if (!checked.ok) expect(checked.issues.length).toBeGreaterThan(0);
    for (const action of d.actions ?? []) {
      const result = validateAgainst(action.body(), action.checkDirectory as ((v: unknown, dir: Directory) => never[]) | undefined, body, directory);
      expect(typeof result.ok).toBe('boolean');
    }
  }), { numRuns: 150 });
});
