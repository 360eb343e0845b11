/**
 * Sign-in through the district's identity provider (统一身份认证, Keycloak, …) with OpenID
 * Connect: the authorization-code flow with PKCE (openid-client).
 *
 * ```ts
 * await oidcRoutes(app, { settings, sessionSecret, directory, signIn, page });
 * ```
 *
 * - `GET /web/oidc/login` makes a PKCE verifier, a state and a nonce, keeps them in a short-lived
 *   HttpOnly cookie (HMAC-signed with the session secret, SameSite=Lax: the provider's redirect
 *   back is a navigation from another site, which a Strict cookie would not ride on) and sends
 *   the browser to the provider.
 * - `GET /web/oidc/callback` exchanges the code (checking state, nonce, PKCE and the ID token's
 *   signature, issuer and audience), reads the person's id from the configured claim (the ID
 *   token's, else the userinfo endpoint's), and opens the workbench's usual session. A forged or
 *   replayed answer, or a person the directory does not know, gets a page in words, never a blank.
 * - Signing out ends the provider's session too: the workbench is sent to its end_session_endpoint
 *   with the ID token as hint (kept in an HttpOnly cookie for that alone).
 *
 * Discovery happens at the first sign-in, not at start: an API whose provider is briefly down
 * still starts, and says so to the person who tries to sign in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { Directory, Person } from '../../contracts/directory';

/** The identity provider, as the configuration names it (GREENLIGHT_OIDC_*). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim whose value is a person's id in the directory (e.g. `preferred_username`, or `sub`). */
  personClaim: string;
  /** The scopes asked for; `openid` is always among them. */
  scope: string;
  /** The workbench's public base URL, from which the redirect and post-logout URLs are made; else the request's own origin. */
  baseUrl?: string;
}

/** The identity provider the configuration names, or none; a half-named one stops the start with what is missing. */
export function oidcSettingsFrom(config: {
  GREENLIGHT_OIDC_ISSUER?: string; GREENLIGHT_OIDC_CLIENT_ID?: string; GREENLIGHT_OIDC_CLIENT_SECRET?: string;
  GREENLIGHT_OIDC_PERSON_CLAIM: string; GREENLIGHT_OIDC_SCOPE: string; GREENLIGHT_SESSION_SECRET?: string; GREENLIGHT_WEB_URL?: string;
}): OidcSettings | undefined {
  const { GREENLIGHT_OIDC_ISSUER: issuer, GREENLIGHT_OIDC_CLIENT_ID: clientId, GREENLIGHT_OIDC_CLIENT_SECRET: clientSecret } = config;
  if (!issuer && !clientId && !clientSecret) return undefined;
  const missing = Object.entries({ GREENLIGHT_OIDC_ISSUER: issuer, GREENLIGHT_OIDC_CLIENT_ID: clientId, GREENLIGHT_OIDC_CLIENT_SECRET: clientSecret, GREENLIGHT_SESSION_SECRET: config.GREENLIGHT_SESSION_SECRET })
    .filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new Error(`sign-in through an identity provider needs ${missing.join(', ')} as well`);
  return { issuer: issuer!, clientId: clientId!, clientSecret: clientSecret!, personClaim: config.GREENLIGHT_OIDC_PERSON_CLAIM, scope: config.GREENLIGHT_OIDC_SCOPE, baseUrl: config.GREENLIGHT_WEB_URL };
}

export const FLOW_COOKIE = 'gl_oidc';
export const ID_TOKEN_COOKIE = 'gl_idt';
const FLOW_TTL_SECONDS = 600;

interface Flow { verifier: string; state: string; nonce: string; exp: number }

function sign(value: string, secret: string): string {
  return createHmac('sha256', secret).update(`oidc-flow:${value}`).digest('base64url');
}

function sealFlow(flow: Flow, secret: string): string {
  const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

function openFlow(sealed: string | undefined, secret: string): Flow | undefined {
  const [body, mac] = (sealed ?? '').split('.');
  if (!body || !mac) return undefined;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Flow;
  return flow.exp > Date.now() / 1000 ? flow : undefined;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface OidcDeps {
  settings: OidcSettings;
  sessionSecret: string;
  directory: () => Directory;
  /** Opens the workbench's session for a person: sets its cookie on the reply. */
  openSession: (person: Person, request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** The workbench's stylesheet, for the pages this module writes. */
  stylesheet?: string;
  cookies: (request: FastifyRequest) => Record<string, string>;
}

export interface OidcRoutes {
  /** Where the browser goes after the workbench's own session is closed, with the cookie that clears the hint; undefined without a provider's session. */
  endSession(request: FastifyRequest, reply: FastifyReply): Promise<string | undefined>;
}

export async function oidcRoutes(app: FastifyInstance, deps: OidcDeps): Promise<OidcRoutes> {
  const { settings } = deps;
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      // Plain HTTP only to a provider on this machine (the tests'); anything else must be HTTPS.
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      return oidc.discovery(issuer, settings.clientId, settings.clientSecret, oidc.ClientSecretBasic(settings.clientSecret),
        loopback && issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined);
    })().catch((err: unknown) => {
      discovered = undefined; // asked again at the next sign-in
      throw err;
    });
    return discovered;
  };
  const base = (request: FastifyRequest) => (settings.baseUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
  const redirectUri = (request: FastifyRequest) => `${base(request)}/web/oidc/callback`;
  const secure = (request: FastifyRequest) => (request.protocol === 'https' ? '; Secure' : '');

  /** A page in words, in the workbench's style, with a way back. */
  const page = (reply: FastifyReply, status: number, title: string, paragraphs: string[], action: { href: string; label: string }) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · 工作台</title>
<link rel="icon" href="data:,">
${deps.stylesheet ? `<link rel="stylesheet" href="/web/assets/${deps.stylesheet}">` : ''}
</head>
<body>
<main id="main" class="signin">
<h1>${escape(title)}</h1>
<div role="alert" class="alert alert-error">${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}</div>
<p><a class="button primary" href="${escape(action.href)}">${escape(action.label)}</a></p>
</main>
</body>
</html>
`);

  app.get('/web/oidc/login', { schema: { hide: true } }, async (request, reply) => {
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (err) {
      request.log.warn({ err }, 'the identity provider did not answer its discovery');
      return page(reply, 503, '统一身份认证暂时无法访问', ['工作台没能联系上统一身份认证平台，请稍后再试。', '如果一直如此，请联系系统管理员。'], { href: '/web/oidc/login', label: '重试' });
    }
    const flow: Flow = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), exp: Math.floor(Date.now() / 1000) + FLOW_TTL_SECONDS };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(request),
      scope: settings.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    reply.header('set-cookie', `${FLOW_COOKIE}=${sealFlow(flow, deps.sessionSecret)}; Path=/web/oidc; HttpOnly; SameSite=Lax; Max-Age=${FLOW_TTL_SECONDS}${secure(request)}`);
    return reply.redirect(url.href, 303);
  });

  app.get('/web/oidc/callback', { schema: { hide: true } }, async (request, reply) => {
    const again = { href: '/web/oidc/login', label: '重新登录' };
    const flow = openFlow(deps.cookies(request)[FLOW_COOKIE], deps.sessionSecret);
    // The flow is used once, whatever comes of it.
    reply.header('set-cookie', `${FLOW_COOKIE}=; Path=/web/oidc; HttpOnly; SameSite=Lax; Max-Age=0${secure(request)}`);
    if (!flow) return page(reply, 400, '登录未完成', ['这次登录已过期或不是从本工作台发起的，请重新登录。'], again);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    let config: oidc.Configuration;
    try {
      config = await configuration();
      const current = new URL(request.url, `${base(request)}/`);
      tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
      });
    } catch (err) {
      // The reason goes to the log (by its code, no personal data); the person is told what to do.
      request.log.warn({ err: { name: (err as Error).name, code: (err as { code?: string }).code, message: (err as Error).message } }, 'OIDC sign-in refused');
      return page(reply, 400, '登录未完成', ['统一身份认证返回的登录凭据未通过校验（可能已过期、被重复使用或被篡改），本次登录没有生效。', '请重新登录。'], again);
    }
    const claims: Record<string, unknown> = tokens.claims() ?? {};
    let personId = claims[settings.personClaim];
    if (personId === undefined && tokens.access_token) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, typeof claims.sub === 'string' ? claims.sub : oidc.skipSubjectCheck);
      personId = info[settings.personClaim];
    }
    const person = typeof personId === 'string' ? deps.directory().people.find((p) => p.id === personId) : undefined;
    const hint = tokens.id_token ? `${ID_TOKEN_COOKIE}=${tokens.id_token}; Path=/web; HttpOnly; SameSite=Strict; Max-Age=${12 * 3600}${secure(request)}` : undefined;
    if (!person) {
      request.log.warn({ claim: settings.personClaim }, 'OIDC sign-in of a person the directory does not hold');
      const shown = typeof personId === 'string' ? `（${personId}）` : '';
      reply.header('set-cookie', [`${FLOW_COOKIE}=; Path=/web/oidc; HttpOnly; SameSite=Lax; Max-Age=0${secure(request)}`, ...(hint ? [hint] : [])]);
      return page(reply, 403, '尚未开通工作台账号', [
        `统一身份认证已确认您的身份${shown}，但本区的人员名录中还没有您，因此无法进入工作台。`,
        '请联系本单位的系统管理员，把您加入人员名录（部门、角色）后再登录。',
      ], { href: '/web/oidc/logout', label: '退出统一身份认证' });
    }
    await deps.openSession(person, request, reply);
    const cookies = [reply.getHeader('set-cookie')].flat().filter((c): c is string => typeof c === 'string');
    reply.header('set-cookie', [...cookies, `${FLOW_COOKIE}=; Path=/web/oidc; HttpOnly; SameSite=Lax; Max-Age=0${secure(request)}`, ...(hint ? [hint] : [])]);
    return reply.redirect('/', 303);
  });

  const endSession = async (request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> => {
    const idToken = deps.cookies(request)[ID_TOKEN_COOKIE];
    const clear = `${ID_TOKEN_COOKIE}=; Path=/web; HttpOnly; SameSite=Strict; Max-Age=0${secure(request)}`;
    const cookies = [reply.getHeader('set-cookie')].flat().filter((c): c is string => typeof c === 'string');
    reply.header('set-cookie', [...cookies, clear]);
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch {
      return undefined; // the provider is away: the workbench's own session is closed all the same
    }
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: `${base(request)}/`,
      client_id: settings.clientId,
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  };

  /** For a person the directory does not hold: their session at the provider is ended, with no workbench session to close. */
  app.get('/web/oidc/logout', { schema: { hide: true } }, async (request, reply) => {
    const to = await endSession(request, reply);
    return reply.redirect(to ?? '/', 303);
  });

  return { endSession };
}
