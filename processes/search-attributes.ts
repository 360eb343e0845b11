/** The search attributes to register on a namespace: the common ones and every registered kind's own. */
import { customSearchAttributes, serverTypeName } from '../contracts/search-attributes';
import { definitions } from './registry';

export function allSearchAttributes(): Array<{ name: string; type: string }> {
  const all = new Map(customSearchAttributes.map((a) => [a.name, a]));
  for (const d of definitions) {
    for (const key of d.searchAttributes) all.set(key.name, { name: key.name, type: serverTypeName(key.type) });
  }
  return [...all.values()];
}
