/**
 * One crash is not an outage (issue 26, point 3): the embedded stack (`runtime/stack.ts`) on
 * free ports, under a light load of starts and reads; the worker is killed (SIGKILL, its whole
 * process group), then the NATS server. Every answer meanwhile is 200/202, or 503 with
 * Retry-After; each killed process is running again within seconds, on the same port; every
 * request started (a 503 retried with the same id and body) exists once, and its
 * request.submitted event is stored exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { mintToken } from '../api/auth';
import { storedEvents } from '../test/harness/events';
import { eventually } from '../test/harness/eventually';
import { freePort } from './free-port';

const root = join(__dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'gl-stack-supervision-'));
// Run as root, the stack's PostgreSQL runs as the postgres user, who must enter this folder (mkdtemp makes it 0700).
chmodSync(dataDir, 0o755);
const secret = 'stack-supervision-test-secret-of-32-chars';
let stack: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  if (stack && stack.exitCode === null && stack.signalCode === null) {
    const exited = new Promise((resolve) => stack?.once('exit', resolve));
    stack.kill('SIGINT');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const waitForOutput = (pattern: RegExp, from: number, timeoutMs: number): Promise<RegExpExecArray> =>
  eventually(async () => pattern.exec(output.slice(from)), (m) => m !== null, `${pattern} in the stack's output`, timeoutMs) as Promise<RegExpExecArray>;

test('the worker, then NATS, killed under load: the API keeps answering, each is back within seconds, nothing lost or doubled', async () => {
  const port = await freePort();
  const natsPort = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GREENLIGHT_DATA_DIR: dataDir, GREENLIGHT_API_PORT: String(port), GREENLIGHT_TEMPORAL_PORT: '0', GREENLIGHT_TEMPORAL_UI_PORT: '0',
    GREENLIGHT_NATS_PORT: String(natsPort), GREENLIGHT_NATS_MONITOR_PORT: '0', GREENLIGHT_POSTGRES_PORT: '0', GREENLIGHT_JWT_SECRET: secret,
    GREENLIGHT_DEMO: '0', LOG_LEVEL: 'warn',
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.NATS_URL;
  delete env.GREENLIGHT_DATABASE_URL;
  stack = spawn(process.execPath, ['--import', 'tsx', 'runtime/stack.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  stack.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  stack.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  const exitedEarly = new Promise<never>((_, reject) => stack?.once('exit', (code, signal) => reject(new Error(`the stack exited (${code ?? signal}):\n${output.slice(-3000)}`))));
  await Promise.race([waitForOutput(/Greenlight is running\./, 0, 240_000), exitedEarly]);

  const liaison = await mintToken('liaison-ye', secret);
  const reader = await mintToken('tax-huang', secret);
  const answers: { what: string; status: number; retryAfter: string | null }[] = [];
  const ask = async (what: string, token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    answers.push({ what, status: res.status, retryAfter: res.headers.get('retry-after') });
    return res.status;
  };
  const request = (id: string) => ({
    id, enterprise: { name: '名门世家大益茶馆' }, category: 'tax', title: '发票开不出', description: '开票系统报错。', liaisonId: 'liaison-ye',
  });

  // Light load: a start every 250 ms (retried with the same id and body while 503) and a read of the inbox.
  const started: string[] = [];
  let loading = true;
  const load = (async () => {
    for (let n = 1; loading; n++) {
      const id = `sup-${n}`;
      while ((await ask('start', liaison, 'POST', '/api/processes/enterpriseRequest', request(id))) === 503) {
        await new Promise((r) => setTimeout(r, 500));
      }
      started.push(id);
      await ask('read', reader, 'GET', '/api/tasks');
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  const kill = async (name: string) => {
    const from = output.length;
    const pid = Number([...output.matchAll(new RegExp(`\\[stack\\] ${name} running(?: again)? \\(pid (\\d+)\\)`, 'g'))].pop()?.[1]);
    expect(pid).toBeGreaterThan(0);
    const t0 = Date.now();
    process.kill(-pid, 'SIGKILL');
    const back = await waitForOutput(new RegExp(`\\[stack\\] ${name} running again \\(pid (\\d+)\\)`), from, 60_000);
    expect(Number(back[1])).not.toBe(pid);
    return (Date.now() - t0) / 1000;
  };

  await new Promise((r) => setTimeout(r, 2_000));
  const workerBack = await kill('worker');
  await new Promise((r) => setTimeout(r, 3_000));
  const natsBack = await kill('NATS server');
  await new Promise((r) => setTimeout(r, 3_000));
  loading = false;
  await load;
  console.log(`worker back after ${workerBack.toFixed(1)} s, NATS after ${natsBack.toFixed(1)} s; ${answers.length} answers: `
    + JSON.stringify(answers.reduce<Record<string, number>>((c, a) => ({ ...c, [`${a.what} ${a.status}`]: (c[`${a.what} ${a.status}`] ?? 0) + 1 }), {})));
  expect(workerBack).toBeLessThan(15);
  expect(natsBack).toBeLessThan(15);
  expect(stack.exitCode).toBeNull();

  // Every answer was an answer: 200/202, or 503 saying when to come back.
  for (const a of answers) {
    expect([200, 202, 503]).toContain(a.status);
    if (a.status === 503) expect(Number(a.retryAfter)).toBeGreaterThan(0);
  }
  expect(answers.filter((a) => a.status !== 503).length).toBeGreaterThan(10);

  // Nothing lost or doubled: each started request is there, and submitted once.
  const nc = await connect({ servers: `nats://127.0.0.1:${natsPort}` });
  try {
    const events = await eventually(() => storedEvents(nc), (es) => started.every((id) => es.some((e) => e.event.type.endsWith('request.submitted') && e.event.subject === id)),
      'every request.submitted', 60_000);
    for (const id of started) {
      expect(events.filter((e) => e.event.type.endsWith('request.submitted') && e.event.subject === id)).toHaveLength(1);
    }
  } finally {
    await nc.close();
  }
  expect(started.length).toBeGreaterThan(5);
}, 420_000);
