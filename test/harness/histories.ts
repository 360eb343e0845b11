/**
 * Recorded histories for the replay gate (test/replay.test.ts). A workflow test calls
 * `recordHistory` after driving a workflow; with GREENLIGHT_RECORD_HISTORIES=1 the history is
 * saved under test/histories/, otherwise nothing is written, so a normal test run never
 * replaces the histories that guard running workflows.
 *
 *   GREENLIGHT_RECORD_HISTORIES=1 npx jest workflows/   # record after adding a kind or a path
 *
 * A new file is then listed in its folder's `histories.md` with the path it covers; the replay
 * gate checks the list and requires a history for every workflow type the worker runs.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = join(__dirname, '..', 'histories');
const processesDir = join(__dirname, '..', '..', 'processes');

/** Every recorded history the replay gate replays: test/histories/ and each kind's `processes/<kind>/histories/`. */
export function recordedHistoryFiles(): string[] {
  const inDir = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : []);
  const kinds = readdirSync(processesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return [...inDir(historiesDir), ...kinds.flatMap((kind) => inDir(join(processesDir, kind, 'histories')))];
}

export interface RecordedHistory {
  workflowId: string;
  history: unknown;
}

/** Saves the history as `<dir>/<name>.json`: test/histories/ by default, a kind's own `histories/` folder when given. */
export async function recordHistory(handle: WorkflowHandle, name: string, dir = historiesDir): Promise<void> {
  if (process.env.GREENLIGHT_RECORD_HISTORIES !== '1') return;
  mkdirSync(dir, { recursive: true });
  const history = await handle.fetchHistory();
  // The workflow id is kept beside the history: replay must run under the same id (child ids derive from it).
  const recorded = { workflowId: handle.workflowId, history: JSON.parse(historyToJSON(history)) };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(recorded, null, 1)}\n`);
}
