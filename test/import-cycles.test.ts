/**
 * No module imports itself back, through any chain of relative imports — type-only imports and
 * lazy `require`s included: a circle makes the load order decide what a module sees, and says two
 * files are one concern cut in the wrong place (issue 29 removed the last three). Tests and the
 * built workbench are left out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const repoRoot = join(__dirname, '..');

const SKIP = new Set(['node_modules', 'dist', '.data', '.tools', '.git']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry) || entry.startsWith('.')) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]|require\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importsOf(file: string, known: Set<string>): string[] {
  const found: string[] = [];
  // Comments go first: a module's usage example imports the module itself.
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(IMPORT)) {
    const base = resolve(dirname(file), m[1] ?? m[2]);
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((c) => known.has(c));
    if (target) found.push(target);
  }
  return found;
}

/** Every circle, as the list of files around it, found by a depth-first walk. */
function circles(files: string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(files.map((f) => [f, importsOf(f, known)]));
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const walk = (file: string) => {
    path.push(file);
    onPath.add(file);
    for (const next of edges.get(file) ?? []) {
      if (onPath.has(next)) found.push(path.slice(path.indexOf(next)));
      else if (!done.has(next)) walk(next);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  files.forEach((f) => done.has(f) || walk(f));
  return found;
}

test('no module imports itself back through a chain of relative imports', () => {
  const found = circles(sources(repoRoot)).map((circle) => circle.map((f) => relative(repoRoot, f)).join(' → '));
  expect(found).toEqual([]);
});
