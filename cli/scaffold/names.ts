/**
 * The names a new kind of process goes by, all derived from the one the developer gives
 * (`land-use-dispute` or `landUseDispute`): its kind, folder, event aggregate and title.
 */
import { folderOf } from '../../processes/definition';

export interface KindNames {
  /** lowerCamelCase: the workflow function, `GlProcessKind`, the API path (`landUseDispute`). */
  kind: string;
  /** UpperCamelCase, for type names (`LandUseDispute`). */
  type: string;
  /** kebab-case: the folder under processes/ (`land-use-dispute`). */
  folder: string;
  /**
   * The aggregate of its events and commands (`gl.evt.landusedispute.started`): lower-case
   * letters only, as the event envelope requires (contracts/events.ts).
   */
  aggregate: string;
  /** What people call it, for titles and prose (`land use dispute`). */
  words: string;
  /** Its indefinite article, for prose (`a land use dispute`, `an inspection`). */
  a: 'a' | 'an';
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;
// Each word after the first is a capital and at least one more letter or digit: `landUSE` has
// no kebab-case a developer would recognise.
const CAMEL = /^[a-z][a-z0-9]*([A-Z][a-z0-9]+)*$/;
/** The registry's own rule for a kind (processes/check.ts). */
const KIND = /^[a-z][A-Za-z0-9]{1,62}$/;

/** Workflow types the worker registers by name: a kind of the same name would never run. */
const RESERVED = new Set(['humanTask']);

/** The names of a kind, or why the name cannot be one. */
export function kindNames(name: string): KindNames | { refused: string } {
  const kind = KEBAB.test(name) ? name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) : name;
  if (!CAMEL.test(kind) || !(KEBAB.test(name) || CAMEL.test(name))) {
    return { refused: `"${name}" is not a kind's name: give it in kebab-case (land-use-dispute) or lowerCamelCase (landUseDispute), each word starting with a letter and, after the first, at least two characters long` };
  }
  if (!KIND.test(kind)) return { refused: `"${name}" is too short or too long for a kind (2 to 63 characters)` };
  // The worker reads a trailing V<n> as a version of the kind (landUseDisputeV2 runs in land-use-dispute/).
  if (/V\d+$/.test(kind)) return { refused: `"${name}" ends like a version (V2): a new version is a new function in the kind's own workflow.ts` };
  if (RESERVED.has(kind)) return { refused: `"${kind}" is the name of a workflow the worker already registers` };
  const aggregate = kind.toLowerCase().replace(/[^a-z]/g, '');
  const folder = folderOf(kind);
  return {
    kind,
    type: kind[0].toUpperCase() + kind.slice(1),
    folder,
    aggregate,
    words: folder.replace(/-/g, ' '),
    a: /^[aeiou]/.test(kind) ? 'an' : 'a',
  };
}
