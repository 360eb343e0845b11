/**
 * The time-skipping test server, optionally started at a chosen instant. The server's clock
 * starts at the real time, and only moves forward; to test a deadline counted from a date in
 * the past (a request submitted on Friday 2026-09-25) the server runs under libfaketime,
 * which starts its clock at that instant. Time then skips forward as usual.
 */
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addSearchAttributes } from '../../runtime/search-attributes';
import { resolveServers } from '../../runtime/servers';

/** libfaketime, preloaded straight into the server so that stopping it stops the server itself. */
function faketimeLibrary(): string {
  const found = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1']
    .find((candidate) => existsSync(candidate));
  if (!found) throw new Error('libfaketime is missing: run scripts/bootstrap.sh (or apt-get install -y faketime)');
  return found;
}

/** Starts the time-skipping server; with `startAt`, its clock begins at that instant. */
export async function timeSkippingEnv(startAt?: string): Promise<TestWorkflowEnvironment> {
  let path = resolveServers().temporalTestServer;
  if (startAt) {
    const stamp = new Date(startAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
    const dir = mkdtempSync(join(tmpdir(), 'gl-faketime-'));
    const wrapper = join(dir, 'temporal-test-server');
    writeFileSync(wrapper, `#!/bin/sh\nexport TZ=UTC LD_PRELOAD="${faketimeLibrary()}" FAKETIME="@${stamp}"\nexec "${path}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    path = wrapper;
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  await addSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
