/**
 * Sessions that end. A token is refused once its session has ended: signed out (that token, until it
 * would have expired anyway), or ended by an administrator or the person themselves (every token of
 * theirs issued until then). The ends are kept in the NATS KV bucket `gl-sessions-ended`, so every
 * API process, and one restarted, refuses alike; each process keeps a copy the bucket's watch keeps
 * current, so a request is checked without asking a server (and still is while NATS is away).
 *
 * ```ts
 * const sessions = await SessionEnds.open(nats);
 * const verify = refusingEnded(tokenVerifier(keys), sessions);
 * await sessions.endToken(token, payload.exp);   // signing out
 * await sessions.endPerson('tax-huang');         // every session tax-huang holds now
 * ```
 */
import { createHash } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { AuthError, MAX_TOKEN_LIFETIME_SECONDS, type TokenVerifier } from './auth';

export const ENDED_SESSIONS_BUCKET = 'gl-sessions-ended';

const tokenKey = (token: string) => createHash('sha256').update(token).digest('hex');
const nowSeconds = () => Math.floor(Date.now() / 1000);

export class SessionEnds {
  /** A signed-out token's hash → when it would have expired (s). */
  private readonly tokens = new Map<string, number>();
  /** A person → the instant (s) up to which every token issued to them has ended. */
  private readonly people = new Map<string, number>();

  private constructor(private readonly kv: KV, private readonly watching: { stop(): void }) {}

  static async open(nats: NatsConnection): Promise<SessionEnds> {
    // No token outlives MAX_TOKEN_LIFETIME_SECONDS, so neither need its end: the bucket forgets it after.
    const kv = await new Kvm(nats).create(ENDED_SESSIONS_BUCKET, { ttl: (MAX_TOKEN_LIFETIME_SECONDS + 60) * 1000, history: 1 });
    const watch = await kv.watch({ ignoreDeletes: true });
    const ends = new SessionEnds(kv, watch);
    void (async () => {
      for await (const entry of watch) ends.apply(entry.key, entry.string());
    })();
    // The watch delivers what the bucket holds, but not before this returns: read it once, so that
    // an API restarted refuses every ended session from its first request.
    for await (const key of await kv.keys()) {
      const entry = await kv.get(key);
      if (entry?.operation === 'PUT') ends.apply(key, entry.string());
    }
    return ends;
  }

  private apply(key: string, value: string): void {
    const [kind, id] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
    const at = Number(value);
    if (!Number.isFinite(at)) return;
    if (kind === 'token') this.tokens.set(id, at);
    if (kind === 'person') this.people.set(id, Math.max(at, this.people.get(id) ?? 0));
  }

  /** Whether a verified token's session has ended. */
  ended(token: string, claims: { sub?: string; iat?: number }): boolean {
    if (this.tokens.has(tokenKey(token))) return true;
    const until = claims.sub === undefined ? undefined : this.people.get(claims.sub);
    // A token without iat cannot show it was issued after: it has ended with the others.
    return until !== undefined && (claims.iat ?? 0) <= until;
  }

  /** Ends the session of this token (signing out), until it would have expired (`exp`, s). */
  async endToken(token: string, exp: number): Promise<void> {
    this.forgetPast();
    const key = tokenKey(token);
    this.tokens.set(key, exp);
    await this.kv.put(`token.${key}`, String(exp));
  }

  /** Ends every session the person holds now: tokens issued to them up to this second are refused. */
  async endPerson(personId: string): Promise<void> {
    this.forgetPast();
    const at = nowSeconds();
    this.people.set(personId, Math.max(at, this.people.get(personId) ?? 0));
    await this.kv.put(`person.${personId}`, String(at));
  }

  /** What no token can still need: ends of tokens already expired, and of people's sessions older than any token. */
  private forgetPast(): void {
    const now = nowSeconds();
    for (const [key, exp] of this.tokens) if (exp < now) this.tokens.delete(key);
    for (const [person, at] of this.people) if (at + MAX_TOKEN_LIFETIME_SECONDS < now) this.people.delete(person);
  }

  stop(): void {
    this.watching.stop();
  }
}

/** A verifier that also refuses a token whose session has ended (401). */
export function refusingEnded(verify: TokenVerifier, sessions: SessionEnds): TokenVerifier {
  return async (token) => {
    const payload = await verify(token);
    if (sessions.ended(token, payload)) throw new AuthError('this session has ended: sign in again');
    return payload;
  };
}
