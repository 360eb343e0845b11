/**
 * Authentication and the acting person. Every `/api` call carries `Authorization: Bearer
 * <JWT>` (HS256); the token's `sub` names a person in the directory, and their roles and
 * departments come from the directory, never from the token.
 */
import { SignJWT, jwtVerify } from 'jose';
import type { Actor, Directory, Person } from '../contracts/directory';

export class AuthError extends Error {
  readonly statusCode = 401;
}

export interface AuthContext {
  actor: Actor;
  person: Person;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Mints a token for a person (development and tests; production tokens come from the identity provider). */
export async function mintToken(personId: string, secret: string, ttl = '12h'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(secret));
}

/** Verifies the bearer token and resolves its subject in the directory. */
export async function authenticate(header: string | undefined, secret: string, directory: Directory): Promise<AuthContext> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw new AuthError('missing bearer token: send Authorization: Bearer <JWT>');
  let sub: string | undefined;
  try {
    ({ payload: { sub } } = await jwtVerify(match[1], key(secret), { algorithms: ['HS256'] }));
  } catch {
    throw new AuthError('invalid or expired token');
  }
  const person = directory.people.find((p) => p.id === sub);
  if (!person) throw new AuthError('token subject is not in the directory');
  return { person, actor: { personId: person.id, departments: person.departments, roles: person.roles } };
}
