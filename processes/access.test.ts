/**
 * No kind lets the caller choose the scope its start is checked against. A `department` start
 * grant over a department the body names lets anyone in the role, of any department, start one by
 * naming their own: the 12345 ticket once let any department dispatch tickets to every other by
 * naming itself the center. So every kind's grants are tried with its demo bodies rewritten to name
 * the caller's own department (and the caller) wherever they name one, by every person of the
 * demo directory in the grant's role: none may thereby start one that still names another
 * department (work sent to others). A body that names only the caller's own department is their
 * own business (a department starting a review of its own).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allows, type Grant } from '../contracts/access';
import type { Actor, Directory, Person } from '../contracts/directory';
import { loadDirectory } from '../activities/directory-file';
import { validateStart } from '../intake/processes';
import type { ProcessDefinition } from './definition';
import { hotlineTicketDefinition } from './hotline-ticket/definition';
import { definitions } from './registry';

const directory = loadDirectory(join(__dirname, '..', 'directory', 'demo.json'));

const demoStarts = (d: ProcessDefinition): unknown[] => (d.demo
  ? (JSON.parse(readFileSync(d.demo, 'utf8')) as Array<{ subject: string; body: unknown }>).filter((c) => c.subject === d.start.subject).map((c) => c.body)
  : []);

/** The body with one of the ids it names (or all of them at once) replaced by the caller's own. */
function rewritten(body: unknown, person: Person, dir: Directory): Array<{ body: unknown; naming: string }> {
  const departments = new Set(dir.departments.map((d) => d.id));
  const people = new Set(dir.people.map((p) => p.id));
  const own = (value: string): string[] => (departments.has(value) ? person.departments : people.has(value) ? [person.id] : []);
  const leaves: Array<{ path: (string | number)[]; value: string }> = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (typeof node === 'string') leaves.push({ path, value: node });
    else if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(body, []);
  const withValue = (source: unknown, path: (string | number)[], value: string) => {
    const copy = structuredClone(source) as Record<string | number, unknown>;
    let at = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path[path.length - 1]] = value;
    return copy;
  };
  const variants = leaves.flatMap((leaf) => own(leaf.value).filter((v) => v !== leaf.value)
    .map((v) => ({ body: withValue(body, leaf.path, v), naming: `${leaf.path.join('.')}=${v}` })));
  const all = leaves.reduce<unknown>((b, leaf) => (own(leaf.value)[0] !== undefined ? withValue(b, leaf.path, own(leaf.value)[0]) : b), body);
  return [...variants, { body: all, naming: 'every id its own' }];
}

const departmentsNamed = (body: unknown, dir: Directory): string[] =>
  dir.departments.map((d) => d.id).filter((id) => JSON.stringify(body).includes(JSON.stringify(id)));

/** Every start a person could make, sending work to other departments, only by naming their own: what the caller chooses. */
export function chosenScopes(d: ProcessDefinition, dir: Directory): string[] {
  const found: string[] = [];
  const grants = d.access.start.filter((g): g is Grant => g.reach === 'department');
  for (const body of demoStarts(d)) {
    const checked = validateStart(d, body, dir);
    if (!checked.ok) throw new Error(`${d.kind}: a demo start is invalid: ${JSON.stringify(checked.issues)}`);
    for (const person of dir.people) {
      const actor: Actor = { personId: person.id, departments: person.departments, roles: person.roles };
      for (const grant of grants.filter((g) => person.roles.includes(g.role))) {
        if (allows(actor, [grant], d.access.startScope(checked.value, dir))) continue;
        for (const variant of rewritten(body, person, dir)) {
          const v = validateStart(d, variant.body, dir);
          const others = departmentsNamed(variant.body, dir).filter((id) => !person.departments.includes(id));
          if (v.ok && others.length > 0 && allows(actor, [grant], d.access.startScope(v.value, dir))) {
            found.push(`${d.kind}: ${person.id} (${grant.role}) starts ${d.idOf(checked.value)} with ${variant.naming}`);
            break;
          }
        }
      }
    }
  }
  return found;
}

test.each(definitions.map((d) => [d.kind, d] as const))('%s: no start grant is over a scope the caller chooses', (_kind, d) => {
  if (d.access.start.some((g) => g.reach === 'department')) expect(demoStarts(d).length).toBeGreaterThan(0);
  expect(chosenScopes(d, directory)).toEqual([]);
});

test('the check finds a center the body names: the 12345 ticket as it was, any department its own center', () => {
  const asItWas: ProcessDefinition = { ...hotlineTicketDefinition, checkDirectory: undefined } as unknown as ProcessDefinition;
  const found = chosenScopes(asItWas, directory);
  expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^hotlineTicket: housing-wu \(staff\) starts 12345-demo-\w+ with centerDepartmentId=housing$/)]));
});
