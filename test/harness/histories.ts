/**
 * Recorded histories for the replay gate (test/replay.test.ts). A workflow test calls
 * `recordHistory` after driving a workflow; with GREENLIGHT_RECORD_HISTORIES=1 the history is
 * saved under test/histories/, otherwise nothing is written, so a normal test run never
 * replaces the histories that guard running workflows.
 *
 *   GREENLIGHT_RECORD_HISTORIES=1 npx jest workflows/   # record after adding a kind or a path
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = join(__dirname, '..', 'histories');

export interface RecordedHistory {
  workflowId: string;
  history: unknown;
}

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.GREENLIGHT_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  // The workflow id is kept beside the history: replay must run under the same id (child ids derive from it).
  const recorded = { workflowId: handle.workflowId, history: JSON.parse(historyToJSON(history)) };
  writeFileSync(join(historiesDir, `${name}.json`), `${JSON.stringify(recorded, null, 1)}\n`);
}
