/**
 * The comparison point of processes/enterprise-request/requests.bench.ts: the same shape of work as bare
 * Temporal — a workflow that waits for one Update and closes — with no tasks, events or API.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const resolveUpdate = defineUpdate<string, [string]>('resolve');

export async function bareRequest(): Promise<string> {
  let resolution: string | undefined;
  setHandler(resolveUpdate, (summary) => {
    resolution = summary;
    return 'ok';
  });
  await condition(() => resolution !== undefined);
  return resolution as string;
}
