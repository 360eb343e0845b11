/**
 * The time-skipping test server, optionally started at a chosen instant. The server's clock
 * starts at the real time, and only moves forward; to test a deadline counted from a date in
 * the past (a request submitted on Friday 2026-09-25) the server runs under libfaketime,
 * which starts its clock at that instant. Time then skips forward as usual.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveServers } from '../../runtime/servers';

function faketimeBinary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v faketime'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('faketime is missing: run scripts/bootstrap.sh (or apt-get install -y faketime)');
  }
}

/** Starts the time-skipping server; with `startAt`, its clock begins at that instant. */
export async function timeSkippingEnv(startAt?: string): Promise<TestWorkflowEnvironment> {
  let path = resolveServers().temporalTestServer;
  if (startAt) {
    const stamp = new Date(startAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
    const dir = mkdtempSync(join(tmpdir(), 'gl-faketime-'));
    const wrapper = join(dir, 'temporal-test-server');
    writeFileSync(wrapper, `#!/bin/sh\nexport TZ=UTC\nexec "${faketimeBinary()}" -f "@${stamp}" "${path}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    path = wrapper;
  }
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}
