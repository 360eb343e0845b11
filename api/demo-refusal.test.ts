/**
 * The demo's person picker is impossible outside the demo (issue 26, point 8): the API process
 * and the embedded stack, asked to run the picker while listening beyond loopback, refuse to
 * start and say why, before connecting to anything.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { demoSignInRefusal } from '../web/server/plugin';

const root = join(__dirname, '..');

test('the picker is refused beyond loopback, and only there', () => {
  const demo = { GREENLIGHT_WEB_DEMO_SIGNIN: '1' };
  for (const host of ['127.0.0.1', '127.0.0.53', '::1', 'localhost']) expect(demoSignInRefusal(host, demo)).toBeUndefined();
  for (const host of ['0.0.0.0', '::', '10.0.3.7', 'greenlight.internal']) expect(demoSignInRefusal(host, demo)).toContain(`GREENLIGHT_API_HOST=${host}`);
  expect(demoSignInRefusal('0.0.0.0', {})).toBeUndefined();
});

test.each([['the API', 'api/main.ts'], ['the embedded stack', 'runtime/stack.ts']])('%s with the picker on 0.0.0.0 exits 1 saying why', (_, entry) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env, GREENLIGHT_WEB_DEMO_SIGNIN: '1', GREENLIGHT_API_HOST: '0.0.0.0', GREENLIGHT_JWT_SECRET: 'demo-refusal-test-secret-of-32-characters',
    // Nowhere: the refusal comes before any connection.
    TEMPORAL_ADDRESS: '127.0.0.1:1', NATS_URL: 'nats://127.0.0.1:1', LOG_LEVEL: 'fatal',
  };
  const run = spawnSync(process.execPath, ['--import', 'tsx', entry], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(1);
  expect(`${run.stdout}${run.stderr}`).toContain('GREENLIGHT_WEB_DEMO_SIGNIN=1');
  expect(`${run.stdout}${run.stderr}`).toContain('GREENLIGHT_API_HOST=0.0.0.0');
}, 90_000);
