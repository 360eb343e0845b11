/** Every activity a worker registers: the engine's, and each registered kind's own. */
import { createActivities, type ActivityDeps } from '../activities';
import type { ProcessDefinition } from '../processes/definition';
import { definitions as registered } from '../processes/registry';

export function allActivities(deps: ActivityDeps, definitions: readonly ProcessDefinition[] = registered) {
  const engine = createActivities(deps);
  const own = Object.assign({}, ...definitions.map((d) => d.activities?.(deps) ?? {})) as Record<string, (...args: never[]) => Promise<unknown>>;
  const clash = Object.keys(own).find((name) => name in engine);
  if (clash) throw new Error(`a kind's activity ${clash} has the name of one of the engine's: name it after the kind`);
  return { ...own, ...engine };
}
