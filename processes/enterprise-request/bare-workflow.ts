/**
 * The comparison point of processes/enterprise-request/requests.bench.ts: the same shape of work as bare
 * Temporal — a workflow that takes two Updates in sequence (handling, then confirmation) and
 * closes — with no child tasks, events, search attributes or API.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const resolveUpdate = defineUpdate<string, [string]>('resolve');
export const confirmUpdate = defineUpdate<string, [boolean]>('confirm');

export async function bareRequest(): Promise<string> {
  let resolution: string | undefined;
  let confirmed = false;
  setHandler(resolveUpdate, (summary) => {
    resolution = summary;
    return 'ok';
  });
  setHandler(confirmUpdate, () => {
    confirmed = true;
    return 'ok';
  });
  await condition(() => confirmed);
  return resolution ?? '';
}
