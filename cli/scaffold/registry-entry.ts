/**
 * Adding a kind to processes/registry.ts the way a person would: its import beside the other
 * definitions' imports and its entry in the `definitions` array, each in alphabetical order
 * (after the last one when the file's own order is not alphabetical), nothing else touched.
 */
import type { KindNames } from './names';

const DEFINITION_IMPORT = /^import \{ (\w+) \} from '\.\/([a-z0-9-]+)\/definition';$/;
const ARRAY = /^export const definitions: readonly ProcessDefinition\[\] = \[$/;
const ENTRY = /^ {2}(\w+),$/;

/** The registry with the kind added, or why the file is not in a shape this can edit. */
export function withRegistryEntry(registry: string, n: KindNames): { text: string } | { refused: string } {
  const lines = registry.split('\n');
  const name = `${n.kind}Definition`;

  const imports = lines.flatMap((line, at) => {
    const m = DEFINITION_IMPORT.exec(line);
    return m ? [{ at, key: m[2] }] : [];
  });
  if (imports.length === 0) return { refused: "processes/registry.ts has no `import { xDefinition } from './x/definition';` line to follow" };
  if (imports.some((i) => i.key === n.folder)) return { refused: `processes/registry.ts already imports ./${n.folder}/definition` };

  const open = lines.findIndex((line) => ARRAY.test(line));
  const close = lines.indexOf('];', open);
  if (open < 0 || close < 0) return { refused: 'processes/registry.ts has no `export const definitions: readonly ProcessDefinition[] = [` … `];` block to add to' };
  const entries: Array<{ at: number; key: string }> = [];
  for (let at = open + 1; at < close; at++) {
    const m = ENTRY.exec(lines[at]);
    if (!m) return { refused: `processes/registry.ts line ${at + 1} is not one \`xDefinition,\` entry a line: add ${name} there by hand` };
    entries.push({ at, key: m[1] });
  }

  // The array first: inserting there leaves the import lines' positions as they were.
  lines.splice(insertionPoint(entries, name, close), 0, `  ${name},`);
  lines.splice(insertionPoint(imports, n.folder, imports[imports.length - 1].at + 1), 0, `import { ${name} } from './${n.folder}/definition';`);
  return { text: lines.join('\n') };
}

/** Before the first line whose key sorts after `key`, when the lines are sorted; else at `end`. */
function insertionPoint(lines: Array<{ at: number; key: string }>, key: string, end: number): number {
  const sorted = lines.every((l, i) => i === 0 || lines[i - 1].key <= l.key);
  const after = sorted ? lines.find((l) => l.key > key) : undefined;
  return after ? after.at : end;
}
