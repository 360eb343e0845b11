/**
 * The embedded stack as a newcomer starts it (`runtime/stack.ts`, what `scripts/stack.sh` runs),
 * on free ports and a data folder of its own: "Greenlight is running." is printed only once the
 * API answers, the banner's example names the API's own port, and Ctrl-C stops it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const root = join(__dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'gl-stack-banner-'));
let stack: ChildProcess | undefined;

afterAll(async () => {
  if (stack && stack.exitCode === null && stack.signalCode === null) {
    const exited = new Promise((resolve) => stack?.once('exit', resolve));
    stack.kill('SIGKILL');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

test('"Greenlight is running." comes once the API answers; the banner names its port; Ctrl-C stops it', async () => {
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GREENLIGHT_DATA_DIR: dataDir, GREENLIGHT_API_PORT: String(port), GREENLIGHT_TEMPORAL_PORT: '0', GREENLIGHT_TEMPORAL_UI_PORT: '0',
    GREENLIGHT_NATS_PORT: '0', GREENLIGHT_NATS_MONITOR_PORT: '0', GREENLIGHT_JWT_SECRET: 'stack-banner-test-secret-of-32-characters',
    GREENLIGHT_DEMO: '1', LOG_LEVEL: 'warn',
  };
  // The embedded servers, whatever the caller's environment points at.
  delete env.TEMPORAL_ADDRESS;
  delete env.NATS_URL;
  stack = spawn(process.execPath, ['--import', 'tsx', 'runtime/stack.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let readyWhenAnnounced: Promise<number> | undefined;
  const seen = new Promise<void>((resolve, reject) => {
    stack?.once('exit', (code, signal) => reject(new Error(`the stack exited (${code ?? signal}) before its banner:\n${output.slice(-3000)}`)));
    stack?.stdout?.on('data', (chunk: Buffer) => {
      const before = output;
      output += chunk.toString('utf8');
      // Asked the moment the line appears: the API must already answer.
      if (!before.includes('Greenlight is running.') && output.includes('Greenlight is running.')) {
        readyWhenAnnounced = fetch(`${apiUrl}/readyz`).then((r) => r.status, (err: Error) => Promise.reject(new Error(`the API did not answer: ${err.message}`)));
      }
      if (/e\.g\. curl .*\n/.test(output)) resolve();
    });
    stack?.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  });
  await seen;
  await expect(readyWhenAnnounced).resolves.toBe(200);
  const curl = /e\.g\. curl .*/.exec(output)?.[0] ?? '';
  expect(curl).toContain(`${apiUrl}/api/tasks`);
  expect(curl).not.toContain(':8080');

  const exited = new Promise<number | null>((resolve) => stack?.once('exit', (code) => resolve(code)));
  stack.kill('SIGINT');
  await expect(exited).resolves.toBe(0);
}, 240_000);
