/**
 * The replay gate: every recorded history (test/histories/ and each kind's
 * processes/<kind>/histories/) is replayed against the
 * current workflow code, and any non-determinism fails the run. Workflows run for months, so a
 * change that would break the ones already running must go behind `patched()` (see
 * docs/changing-a-running-definition.md) before it lands.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { recordedHistoryFiles, type RecordedHistory } from './harness/histories';
import { repoRoot } from './harness/harness';
import { workflowBundle } from './harness/workflow-bundle';

const files = recordedHistoryFiles().map((f) => relative(repoRoot, f));

test('there are recorded histories to guard', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('%s replays against the current code', async (file) => {
  const recorded: RecordedHistory = JSON.parse(readFileSync(`${repoRoot}/${file}`, 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(recorded.history), recorded.workflowId);
});
