/**
 * Changing a definition under running workflows (docs/changing-a-running-definition.md), shown
 * once on a real change: enterpriseRequest now publishes `submitted` before routing, behind
 * `patched('publish-submitted-before-routing')`. Histories recorded before the change replay
 * against the code as it is; bundled as if the change had been made without `patched`, the same
 * histories fail the replay gate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { processesHook, workflowsPath } from '../../workers/workflow-bundle';
import type { RecordedHistory } from '../../test/harness/histories';
import { quietLogger, workflowBundle } from '../../test/harness/workflow-bundle';
import { workflowTracingSinks } from '../../runtime/tracing';

// Recorded before the change: its first publish carries both `submitted` and `routed`.
const before: RecordedHistory = JSON.parse(readFileSync(join(__dirname, 'histories', 'enterprise-request-before-publish-submitted-first.json'), 'utf8'));

test('a history recorded before the change replays against the change made behind patched()', async () => {
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workflowTracingSinks() }, historyFromJSON(before.history), before.workflowId);
});

test('the same change without patched() fails the replay gate', async () => {
  const withoutPatched = await bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    logger: quietLogger,
    webpackConfigHook: processesHook(undefined, (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as object), '@temporalio/workflow$': require.resolve('../../test/fixtures/versioning/without-patched') };
      return config;
    }),
  });
  await expect(Worker.runReplayHistory({ workflowBundle: withoutPatched }, historyFromJSON(before.history), before.workflowId))
    .rejects.toThrow(/nondeterminism/i);
}, 60_000);
