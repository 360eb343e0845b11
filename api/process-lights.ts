/**
 * The light a list shows for a process: the worse of the process's own (its GlLight) and its open
 * tasks', as the process's own view computes it. A process indexes its own light only; a task
 * that turns red (an escalation to the leader) indexes its light on itself, under the process's
 * GlProcessId. So a list reads both, rather than every kind's workflow re-indexing on each of its
 * tasks' rungs (which would need a signal from every task to its parent, on every running one).
 */
import type { Client } from '@temporalio/client';
import { worseLight, type Light } from '../contracts/ladder';
import { quote } from '../contracts/process-queries';
import { GlLight, GlProcessId } from '../contracts/search-attributes';

/** Far more than a district's open yellow and red tasks of one kind; the list says nothing of the rest. */
const maxLitTasks = 10_000;

/** The worst light of each process of the kind that has an open yellow or red task. */
export async function openTaskLights(client: Client, kind: string): Promise<Map<string, Light>> {
  const query = [
    `GlEntityKind = 'task'`, `ExecutionStatus = 'Running'`, `GlStatus IN ('open', 'claimed')`,
    `GlLight IN ('yellow', 'red')`, `GlProcessKind = ${quote(kind)}`,
  ].join(' AND ');
  const lights = new Map<string, Light>();
  let seen = 0;
  for await (const info of client.workflow.list({ query, pageSize: 500 })) {
    const processId = info.typedSearchAttributes.get(GlProcessId);
    const light = info.typedSearchAttributes.get(GlLight) as Light | undefined;
    if (processId && light) lights.set(processId, worseLight(lights.get(processId) ?? 'green', light));
    if (++seen >= maxLitTasks) break;
  }
  return lights;
}

/** Each summary with the worse of its own light and its open tasks'. */
export function withTaskLights<T extends { id: string; light?: string }>(summaries: T[], lights: ReadonlyMap<string, Light>): T[] {
  return summaries.map((s) => {
    const tasks = lights.get(s.id);
    return tasks ? { ...s, light: worseLight((s.light ?? 'green') as Light, tasks) } : s;
  });
}
