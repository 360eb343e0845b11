/**
 * Authentication and the acting person. Every `/api` call carries `Authorization: Bearer
 * <JWT>`; the token's `sub` names a person in the directory, and their roles and departments
 * come from the directory, never from the token.
 *
 * Two ways a token is verified (tokenVerifier):
 * - **an identity provider** (production): RS256 or ES256 against the provider's JWKS, from a URL
 *   (`GREENLIGHT_JWKS_URL`, fetched and cached, refetched for an unknown `kid`) or a file
 *   (`GREENLIGHT_JWKS_FILE`), with its issuer and audience checked (`GREENLIGHT_JWT_ISSUER`,
 *   `GREENLIGHT_JWT_AUDIENCE`);
 * - **a shared secret** (development and tests): HS256 with `GREENLIGHT_JWT_SECRET`.
 *
 * Either way a token must carry `exp`, and live at most MAX_TOKEN_LIFETIME_SECONDS from its
 * `iat` (or from now, without one): a token that never expires is refused.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { Actor, Directory, Person } from '../contracts/directory';

export class AuthError extends Error {
  readonly statusCode = 401;
}

export interface AuthContext {
  actor: Actor;
  person: Person;
}

/** The longest a token may live: one working day and its evening. */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/** Where a token's signature is checked against. */
export type TokenKeys =
  | { secret: string }
  | { jwksUrl: string; issuer: string; audience: string }
  | { jwks: JSONWebKeySet; issuer: string; audience: string };

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export function tokenVerifier(keys: TokenKeys): TokenVerifier {
  // One clock for every check: jose reads \`new Date()\` unless given the instant, and the lifetime
  // check below reads Date.now(); both read Date.now() so that they can never disagree.
  const lifetime = (payload: JWTPayload) => {
    if (typeof payload.exp !== 'number') throw new AuthError('the token has no exp: it must expire');
    const from = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
    if (payload.exp - from > MAX_TOKEN_LIFETIME_SECONDS || payload.exp - Date.now() / 1000 > MAX_TOKEN_LIFETIME_SECONDS) {
      throw new AuthError(`the token lives longer than ${MAX_TOKEN_LIFETIME_SECONDS / 3600} h`);
    }
    return payload;
  };
  if ('secret' in keys) {
    const key = new TextEncoder().encode(keys.secret);
    return async (token) => lifetime((await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'], currentDate: new Date(Date.now()) })).payload);
  }
  const jwks = 'jwksUrl' in keys ? createRemoteJWKSet(new URL(keys.jwksUrl)) : createLocalJWKSet(keys.jwks);
  return async (token) => lifetime((await jwtVerify(token, jwks, {
    algorithms: ['RS256', 'ES256'], issuer: keys.issuer, audience: keys.audience, requiredClaims: ['exp', 'sub'], currentDate: new Date(Date.now()),
  })).payload);
}

/**
 * A verifier that also takes the workbench's own sessions: HS256 tokens signed with the session
 * secret, minted when a person signs in through the identity provider (web/server/oidc.ts).
 * Every other token goes to `verify` as before.
 */
export function withSessions(verify: TokenVerifier, sessionSecret: string): TokenVerifier {
  const sessions = tokenVerifier({ secret: sessionSecret });
  return async (token) => {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthError('invalid or expired token');
    }
    if (alg !== 'HS256') return verify(token);
    return sessions(token).catch(() => verify(token));
  };
}

/** The keys the configuration names: the identity provider's JWKS when set, else the shared secret. */
export function tokenKeysFrom(config: {
  GREENLIGHT_JWT_SECRET?: string; GREENLIGHT_JWKS_URL?: string; GREENLIGHT_JWKS_FILE?: string; GREENLIGHT_JWT_ISSUER?: string; GREENLIGHT_JWT_AUDIENCE?: string;
}): TokenKeys {
  const { GREENLIGHT_JWKS_URL: url, GREENLIGHT_JWKS_FILE: file, GREENLIGHT_JWT_ISSUER: issuer, GREENLIGHT_JWT_AUDIENCE: audience } = config;
  if (url || file) {
    if (!issuer || !audience) throw new Error('GREENLIGHT_JWT_ISSUER and GREENLIGHT_JWT_AUDIENCE must be set with a JWKS');
    return url ? { jwksUrl: url, issuer, audience } : { jwks: JSON.parse(readFileSync(file!, 'utf8')) as JSONWebKeySet, issuer, audience };
  }
  if (!config.GREENLIGHT_JWT_SECRET) throw new Error('set GREENLIGHT_JWKS_URL (or GREENLIGHT_JWKS_FILE) with its issuer and audience, or GREENLIGHT_JWT_SECRET: the API refuses to start without a way to verify tokens');
  return { secret: config.GREENLIGHT_JWT_SECRET };
}

/** Mints a token for a person (development and tests; production tokens come from the identity provider). */
export async function mintToken(personId: string, secret: string, ttlSeconds = MAX_TOKEN_LIFETIME_SECONDS): Promise<string> {
  // One reading of the clock for both claims: read twice, a second may turn between the readings,
  // and a token of the longest lifetime would then live a second longer than the verifier allows.
  const now = Math.floor(Date.now() / 1000);
  // A token id of its own: two sign-ins in one second must not mint the same token, or signing out
  // of one would end the other (api/sessions.ts keeps signed-out tokens by their hash).
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

/** Verifies the bearer token and resolves its subject in the directory. */
export async function authenticate(header: string | undefined, verify: TokenVerifier, directory: Directory): Promise<AuthContext> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw new AuthError('missing bearer token: send Authorization: Bearer <JWT>');
  let sub: string | undefined;
  try {
    ({ sub } = await verify(match[1]));
  } catch (err) {
    throw err instanceof AuthError ? err : new AuthError('invalid or expired token');
  }
  const person = directory.people.find((p) => p.id === sub);
  if (!person) throw new AuthError('token subject is not in the directory');
  return { person, actor: { personId: person.id, departments: person.departments, roles: person.roles } };
}
