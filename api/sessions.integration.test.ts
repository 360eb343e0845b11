/**
 * Signing out signs out (issue 26): the workbench's session cookie is the API's bearer token, and
 * after `DELETE /web/session` that token is refused (401) as a cookie and as a bearer header, by
 * this API and by one started afresh on the same NATS; an administrator (or the person) ends every
 * session a person holds. On a real NATS server; nothing here needs Temporal (the routes used answer
 * before any call to it), so the client points nowhere.
 *
 *   npx jest api/sessions.integration.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { startNatsServer, type NatsServer } from '../runtime/dev-servers';
import { eventually } from '../test/harness/eventually';
import { repoRoot } from '../test/harness/harness';
import { mintToken } from './auth';
import { buildServer } from './server';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
let dataDir: string;
let natsServer: NatsServer;
let nats: NatsConnection;
let connection: Connection;
let demoBefore: string | undefined;

async function startApi(): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildServer({
    client: new Client({ connection }), nats, directoryPath: join(repoRoot, 'directory/demo.json'), tokens: { secret: SECRET },
    taskQueue: 'sessions-test', logger: pino({ level: 'silent' }), deadlineMs: 1_000,
  });
  return { url: await app.listen({ host: '127.0.0.1', port: 0 }), close: () => app.close() };
}

/** Opens the live event stream; resolves with its status once the headers arrive (the stream then stays open until aborted). */
async function eventStream(url: string, cookie: string, abort: AbortController): Promise<{ status: number; retryAfter: string | null }> {
  const res = await fetch(`${url}/web/events`, { headers: { cookie }, signal: abort.signal });
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

async function signIn(url: string, personId: string): Promise<{ cookie: string; token: string; csrfToken: string }> {
  const res = await fetch(`${url}/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, token: cookie.slice(cookie.indexOf('=') + 1), csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** A read that needs the session and nothing else: the kinds there are. */
const kinds = (url: string, headers: Record<string, string>) => fetch(`${url}/api/processes`, { headers }).then((r) => r.status);

beforeAll(async () => {
  demoBefore = process.env.GREENLIGHT_WEB_DEMO_SIGNIN;
  process.env.GREENLIGHT_WEB_DEMO_SIGNIN = '1';
  dataDir = mkdtempSync(join(tmpdir(), 'gl-sessions-'));
  natsServer = await startNatsServer({ storeDir: join(dataDir, 'nats') });
  nats = await connect({ servers: natsServer.url });
  connection = await Connection.lazy({ address: '127.0.0.1:1' });
}, 60_000);

afterAll(async () => {
  if (demoBefore === undefined) delete process.env.GREENLIGHT_WEB_DEMO_SIGNIN;
  else process.env.GREENLIGHT_WEB_DEMO_SIGNIN = demoBefore;
  await connection?.close();
  await nats?.drain();
  await natsServer?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

test('after signing out, the old cookie and its token get 401, from this API and from one restarted', async () => {
  let api = await startApi();
  try {
    const { cookie, token, csrfToken } = await signIn(api.url, 'finance-liu');
    const other = await signIn(api.url, 'finance-head');
    expect(await kinds(api.url, { cookie })).toBe(200);
    expect(await kinds(api.url, { authorization: `Bearer ${token}` })).toBe(200);

    const out = await fetch(`${api.url}/web/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);

    expect(await kinds(api.url, { cookie })).toBe(401);
    expect(await kinds(api.url, { authorization: `Bearer ${token}` })).toBe(401);
    const claim = await fetch(`${api.url}/api/tasks/${encodeURIComponent('req-demo-financing/handling-1')}/claim`, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(claim.status).toBe(401);
    expect(await fetch(`${api.url}/web/session`, { headers: { cookie } }).then((r) => r.status)).toBe(401);
    // Another person's session goes on.
    expect(await kinds(api.url, { cookie: other.cookie })).toBe(200);

    await api.close();
    api = await startApi();
    expect(await kinds(api.url, { cookie })).toBe(401);
    expect(await kinds(api.url, { cookie: other.cookie })).toBe(200);
    expect(await kinds(api.url, { cookie: (await signIn(api.url, 'finance-liu')).cookie })).toBe(200);
  } finally {
    await api.close();
  }
}, 60_000);

test("an administrator ends every session a person holds; a person may end their own, not another's", async () => {
  const api = await startApi();
  try {
    const first = await signIn(api.url, 'tax-huang');
    const second = await signIn(api.url, 'tax-huang');
    const apiToken = await mintToken('tax-huang', SECRET);
    const end = (as: string, personId: string) => mintToken(as, SECRET).then((t) => fetch(`${api.url}/api/people/${personId}/sessions/end`, {
      method: 'POST', headers: { authorization: `Bearer ${t}` },
    })).then((r) => r.status);

    expect(await end('tax-head', 'tax-huang')).toBe(403);
    expect(await end('admin', 'nobody-here')).toBe(404);
    expect(await kinds(api.url, { cookie: first.cookie })).toBe(200);
    expect(await end('admin', 'tax-huang')).toBe(204);
    for (const headers of [{ cookie: first.cookie }, { cookie: second.cookie }, { authorization: `Bearer ${apiToken}` }] as Array<Record<string, string>>) {
      expect(await kinds(api.url, headers)).toBe(401);
    }
    // Signing in again opens a new session (a token issued in the second of the end is refused with the others).
    await eventually(async () => kinds(api.url, { cookie: (await signIn(api.url, 'tax-huang')).cookie }), (s) => s === 200, 'a new session', 5_000);

    const own = await signIn(api.url, 'tax-head');
    expect(await end('tax-head', 'tax-head')).toBe(204);
    expect(await kinds(api.url, { cookie: own.cookie })).toBe(401);
  } finally {
    await api.close();
  }
}, 60_000);

test('a session holds at most 8 live event streams; a ninth is 429 with Retry-After, and one closed frees its place', async () => {
  const api = await startApi();
  const aborts: AbortController[] = [];
  try {
    const { cookie } = await signIn(api.url, 'finance-liu');
    const open = (c: string) => {
      const abort = new AbortController();
      aborts.push(abort);
      return { abort, answer: eventStream(api.url, c, abort) };
    };
    const first = Array.from({ length: 8 }, () => open(cookie));
    expect((await Promise.all(first.map((s) => s.answer))).map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(await open(cookie).answer).toEqual({ status: 429, retryAfter: '30' });
    // Another person's session is its own.
    expect((await open((await signIn(api.url, 'finance-head')).cookie).answer).status).toBe(200);
    first[0].abort.abort();
    await eventually(async () => {
      const next = open(cookie);
      const { status } = await next.answer;
      if (status !== 200) next.abort.abort();
      return status;
    }, (s) => s === 200, 'a place freed by the closed stream', 5_000);
  } finally {
    aborts.forEach((a) => a.abort());
    await api.close();
  }
}, 60_000);

test('while it shuts down, the API answers a request still arriving 503 with Retry-After', async () => {
  const app = await buildServer({
    client: new Client({ connection }), nats, directoryPath: join(repoRoot, 'directory/demo.json'), tokens: { secret: SECRET },
    taskQueue: 'sessions-test', logger: pino({ level: 'silent' }), deadlineMs: 1_500,
  });
  const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  const token = await mintToken('admin', SECRET);
  // One connection: the first request waits on Temporal (which is nowhere), so the connection is
  // busy when the API begins to close, and the second arrives on it while it closes.
  const socket = createConnection({ host: url.hostname, port: Number(url.port) });
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`;
  const firstArrived = new Promise<void>((done) => app.server.once('request', () => done()));
  socket.write(request('/api/tasks'));
  await firstArrived;
  const closed = app.close();
  socket.write(request('/api/processes'));
  await eventually(async () => received, (r) => (r.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= 2, 'both answers', 10_000);
  socket.destroy();
  await closed;
  const [, second] = received.split(/(?=HTTP\/1\.1 \d{3})/);
  expect(second).toMatch(/^HTTP\/1\.1 503/);
  expect(second).toMatch(/\r\nretry-after: 5\r\n/i);
}, 30_000);
