/**
 * The workbench (工作台) in the API process: its page and assets on the same origin, the
 * session cookie, and the few read-only helpers the pages need that the API does not serve (the
 * forms' JSON Schemas, live events).
 *
 * ```ts
 * await app.register(workbench, deps); // before the API's own authentication hook
 * ```
 *
 * The session is the API's own bearer JWT (minted with the same secret), kept in an HttpOnly,
 * SameSite=Strict cookie: for `/api` the cookie becomes the `Authorization` header, so the API
 * authorises a page exactly as it authorises any client. A request that changes something and
 * rides on the cookie must also carry `X-CSRF-Token` (an HMAC of the session the page learns from
 * `GET /web/session` and keeps in memory) and, when the browser sends one, an `Origin` of this
 * host: a page of another site can neither read the token nor, with SameSite=Strict, send the
 * cookie at all. Every page answer carries a Content-Security-Policy without inline scripts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../api/deps';
import { AuthError, authenticate, mintToken, type AuthContext, type TokenVerifier } from '../../api/auth';
import { loadDirectory } from '../../activities/directory-file';
import { calendarSource, DEFAULT_DATA_DIR, shanghaiDate, workingDayExceptions, type WorkingCalendar, type WorkingDayExceptions } from '../../calendar';
import { formSchemas, isFormName } from '../../contracts/forms';
import { buildWorkbench, builtFiles, distDir } from '../build';
import { eventScope } from './event-scope';
import type { SessionEnds } from '../../api/sessions';
import type { Agents } from '../../api/agents';
import { oidcRoutes, type OidcRoutes, type OidcSettings } from './oidc';

export const SESSION_COOKIE = 'gl_session';
/** Live event streams one session may hold open at once: a few pages and tabs, not hundreds (each holds a NATS subscription). */
export const MAX_EVENT_STREAMS_PER_SESSION = 8;
const SESSION_TTL_SECONDS = 12 * 3600;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** Whether the demo's person picker is on: only when the stack runs the demo (scripts/stack.sh sets it). */
export function demoSignIn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GREENLIGHT_WEB_DEMO_SIGNIN === '1';
}

const loopbackHosts = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

/**
 * Why the API must not start: the demo's person picker (anyone signs in as anyone) on an API
 * that listens beyond loopback. Undefined when the demo is off, or the API is reachable from
 * this machine alone.
 */
export function demoSignInRefusal(host: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!demoSignIn(env) || loopbackHosts.test(host)) return undefined;
  return `GREENLIGHT_WEB_DEMO_SIGNIN=1 (the demo's person picker: anyone signs in as anyone) with GREENLIGHT_API_HOST=${host}, beyond loopback: `
    + 'the picker is for a demo on this machine only. Unset GREENLIGHT_WEB_DEMO_SIGNIN (people sign in through the identity provider, docs/operations.md), '
    + 'or listen on 127.0.0.1';
}

function cookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

export function csrfToken(session: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${session}`).digest('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const unsafe = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

function sessionCookie(value: string, request: FastifyRequest, maxAge: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

const SignIn = z.union([
  z.object({ personId: z.string().min(1) }).strict(),
  z.object({ token: z.string().min(1) }).strict(),
]);

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/**
 * What the workbench is given: the API's dependencies, how tokens are verified, the key its CSRF
 * tokens and its own sessions (the demo's, the identity provider's sign-ins) are made with, where
 * ended sessions are kept, and the identity provider, when people sign in through one (web/server/oidc.ts).
 */
export type WorkbenchDeps = ApiDeps & { verify: TokenVerifier; sessionSecret: string; sessions: SessionEnds; agents?: Agents; oidc?: OidcSettings };

async function workbenchPlugin(app: FastifyInstance, deps: WorkbenchDeps): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) await buildWorkbench();
  const assets = new Map(builtFiles().map((name) => [name, readFileSync(join(distDir, name))]));
  const directory = () => loadDirectory(deps.directoryPath);

  /** The session behind a request's cookie, checked for CSRF when it changes something; undefined without one. */
  const sessionOf = (request: FastifyRequest): string | undefined => {
    const session = cookies(request.headers.cookie)[SESSION_COOKIE];
    if (!session) return undefined;
    if (unsafe(request.method)) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) {
        throw Object.assign(new Error('this request came from another site'), { statusCode: 403 });
      }
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, csrfToken(session, deps.sessionSecret))) {
        throw Object.assign(new Error('missing or wrong X-CSRF-Token: reload the page'), { statusCode: 403 });
      }
    }
    return session;
  };

  const signedIn = async (request: FastifyRequest): Promise<{ auth: AuthContext; session: string }> => {
    const session = sessionOf(request);
    if (!session) throw new AuthError('not signed in');
    return { auth: await authenticate(`Bearer ${session}`, deps.verify, directory()), session };
  };

  // Registered before the API's authentication hook, so the cookie stands in for the header there.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.headers.authorization) return;
    const session = sessionOf(request);
    if (session) request.headers.authorization = `Bearer ${session}`;
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/docs')) return;
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(async (web) => {
    // The API's answer to a refusal, `{ error }`, for the workbench's own routes too.
    web.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) request.log.error({ err }, 'workbench request failed');
      return reply.status(status).send({ error: status === 500 ? 'internal error' : err.message });
    });
    const signIn = deps.oidc ? await oidcRoutes(web, {
      settings: deps.oidc,
      sessionSecret: deps.sessionSecret,
      directory,
      cookies: (request) => cookies(request.headers.cookie),
      stylesheet: [...assets.keys()].find((name) => name.endsWith('.css')),
      openSession: async (person, request, reply) => {
        reply.header('set-cookie', sessionCookie(await mintToken(person.id, deps.sessionSecret, SESSION_TTL_SECONDS), request, SESSION_TTL_SECONDS));
      },
    }) : undefined;
    await webRoutes(web, deps, assets, signedIn, sessionOf, signIn);
  });
}

type SignedIn = (request: FastifyRequest) => Promise<{ auth: AuthContext; session: string }>;

async function webRoutes(
  app: FastifyInstance, deps: WorkbenchDeps, assets: Map<string, Buffer>, signedIn: SignedIn, sessionOf: (r: FastifyRequest) => string | undefined, oidc?: OidcRoutes,
): Promise<void> {
  const directory = () => loadDirectory(deps.directoryPath);
  const page = (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type(contentTypes.html).header('cache-control', 'no-cache').send(assets.get('index.html'));
  app.get('/', { schema: { hide: true } }, page);
  app.get('/index.html', { schema: { hide: true } }, page);

  app.get<{ Params: { file: string } }>('/web/assets/:file', { schema: { hide: true } }, async (req, reply) => {
    const body = assets.get(req.params.file);
    const ext = req.params.file.split('.').pop() ?? '';
    if (!body || !contentTypes[ext] || req.params.file === 'index.html') return reply.status(404).send({ error: 'not found' });
    return reply.type(contentTypes[ext]).header('cache-control', 'public, max-age=31536000, immutable').send(body);
  });

  // The pages count what is left of a deadline in working days: the calendar's exceptions from last
  // year to the next, computed again when the calendar's files or the year change.
  const calendar = calendarSource(deps.calendarDir ?? DEFAULT_DATA_DIR);
  let span: { calendar: WorkingCalendar; year: string; exceptions: WorkingDayExceptions } | undefined;
  const workingDays = (): WorkingDayExceptions => {
    const current = calendar();
    const year = shanghaiDate(new Date()).slice(0, 4);
    if (span?.calendar !== current || span.year !== year) {
      span = { calendar: current, year, exceptions: workingDayExceptions(current.isWorkingDay, `${Number(year) - 1}-01-01`, `${Number(year) + 1}-12-31`) };
    }
    return span.exceptions;
  };

  /** What the sign-in page may offer: the demo's people, only when the demo is on; the identity provider's sign-in when there is one. */
  app.get('/web/config', { schema: { hide: true } }, async () => {
    const demo = demoSignIn();
    const dir = directory();
    return {
      demo,
      oidc: Boolean(oidc),
      people: demo ? dir.people.map((p) => ({ id: p.id, name: p.name, roles: p.roles, departments: p.departments })) : [],
      departments: demo ? dir.departments.map((d) => ({ id: d.id, name: d.name })) : [],
    };
  });

  app.get('/web/session', { schema: { hide: true } }, async (request) => {
    const { auth, session } = await signedIn(request);
    const dir = directory();
    return {
      workingDays: workingDays(),
      person: auth.person,
      csrfToken: csrfToken(session, deps.sessionSecret),
      departments: dir.departments.map((d) => ({ id: d.id, name: d.name, headId: d.headId })),
      people: dir.people.map((p) => ({ id: p.id, name: p.name, departments: p.departments, roles: p.roles })),
    };
  });

  /** Sign in: a person of the directory picked in the demo, or a token from the identity provider. */
  app.post('/web/session', { schema: { hide: true } }, async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) {
      return reply.status(403).send({ error: 'this request came from another site' });
    }
    const body = SignIn.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: 'send {"personId"} (demo) or {"token"}' });
    let token: string;
    if ('personId' in body.data) {
      if (!demoSignIn()) return reply.status(403).send({ error: 'the person picker is on only in the demo' });
      token = await mintToken(body.data.personId, deps.sessionSecret, SESSION_TTL_SECONDS);
    } else {
      token = body.data.token;
    }
    const auth = await authenticate(`Bearer ${token}`, deps.verify, directory());
    reply.header('set-cookie', sessionCookie(token, request, SESSION_TTL_SECONDS));
    return { person: auth.person, csrfToken: csrfToken(token, deps.sessionSecret) };
  });

  /**
   * Sign out: the session ends on the server (its token is refused from now on, by every API
   * process), and the cookie goes; with an identity provider, the answer names where the browser
   * goes to end that session too.
   */
  app.delete('/web/session', { schema: { hide: true } }, async (request, reply) => {
    const session = sessionOf(request);
    const exp = session === undefined ? undefined : await deps.verify(session).then((p) => p.exp, () => undefined);
    if (session !== undefined && exp !== undefined) {
      try {
        await deps.sessions.endToken(session, exp);
      } catch (err) {
        request.log.warn({ err }, 'the end of a session could not be stored');
        return reply.status(503).header('retry-after', '5').send({ error: 'signing out could not be recorded: try again in 5 s' });
      }
    }
    reply.header('set-cookie', sessionCookie('', request, 0));
    const endSession = await oidc?.endSession(request, reply);
    return endSession ? reply.status(200).send({ endSession }) : reply.status(204).send();
  });

  /** Each outcome's payload as JSON Schema, from the form's zod schemas: the page builds its fields from it. */
  app.get<{ Params: { form: string } }>('/web/forms/:form', { schema: { hide: true } }, async (request, reply) => {
    await signedIn(request);
    if (!isFormName(request.params.form)) return reply.status(404).send({ error: `no form named ${request.params.form}` });
    const outcomes = Object.fromEntries(Object.entries(formSchemas(request.params.form))
      .map(([outcome, schema]) => [outcome, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })]));
    return { form: request.params.form, outcomes };
  });

  /** Live changes, as server-sent events: which task or process changed, for the person's own scope; the page then asks the API. */
  const streams = new Map<string, number>();
  app.get('/web/events', { schema: { hide: true } }, async (request, reply) => {
    const { auth, session } = await signedIn(request);
    const open = streams.get(session) ?? 0;
    if (open >= MAX_EVENT_STREAMS_PER_SESSION) {
      return reply.status(429).header('retry-after', '30')
        .send({ error: `at most ${MAX_EVENT_STREAMS_PER_SESSION} live event streams per session: close a page of the workbench` });
    }
    streams.set(session, open + 1);
    request.raw.on('close', () => {
      const left = (streams.get(session) ?? 1) - 1;
      if (left > 0) streams.set(session, left);
      else streams.delete(session);
    });
    // An agent (代理) hears of the tasks of those they stand in for, as their inbox lists them.
    const sees = eventScope(auth.actor, () => deps.agents?.standingInFor(auth.actor, () => loadDirectory(deps.directoryPath)) ?? []);
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    });
    reply.raw.write('retry: 3000\n\n');
    const sub = deps.nats.subscribe('gl.evt.>');
    const heartbeat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      sub.unsubscribe();
    });
    for await (const msg of sub) {
      const change = sees(msg.subject, msg.data);
      if (change) reply.raw.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
    }
  });
}

/** The workbench: hooks on the whole API (the cookie, the CSP), hence not encapsulated. */
export const workbench = fp(workbenchPlugin, { name: 'greenlight-workbench', fastify: '5.x' });
