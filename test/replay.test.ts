/**
 * The replay gate: every recorded history under test/histories/ is replayed against the
 * current workflow code, and any non-determinism fails the run. Workflows run for months, so a
 * change that would break the ones already running must go behind `patched()` (see
 * docs/changing-a-running-definition.md) before it lands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { historiesDir, type RecordedHistory } from './harness/histories';
import { workflowBundle } from './harness/workflow-bundle';

const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json')).sort();

test('there are recorded histories to guard', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('%s replays against the current code', async (file) => {
  const recorded: RecordedHistory = JSON.parse(readFileSync(join(historiesDir, file), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(recorded.history), recorded.workflowId);
});
