/**
 * Tokens (issue 14, item 7): `exp` required, at most 12 h of life, and an identity provider's
 * tokens verified against its JWKS (RS256 and ES256) with issuer and audience, served by a tiny
 * local HTTP server with key pairs this test makes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Directory } from '../contracts/directory';
import { AuthError, authenticate, mintToken, tokenKeysFrom, tokenVerifier } from './auth';

const directory = { people: [{ id: 'tax-huang', name: '黄', departments: ['tax'], roles: ['staff'] }], departments: [] } as unknown as Directory;
const secret = 'test-secret-of-at-least-thirty-two-characters';
const issuer = 'https://idp.district.example';
const audience = 'greenlight';

let server: Server;
let jwksUrl: string;
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const keys: Record<'RS256' | 'ES256', PrivateKey> = {} as never;
const otherKey: { key?: PrivateKey } = {};

beforeAll(async () => {
  const published: JWK[] = [];
  for (const alg of ['RS256', 'ES256'] as const) {
    const pair = await generateKeyPair(alg);
    keys[alg] = pair.privateKey;
    published.push({ ...(await exportJWK(pair.publicKey)), kid: alg, alg, use: 'sig' });
  }
  otherKey.key = (await generateKeyPair('ES256')).privateKey;
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published })));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise((done) => server.close(done)));

const bearer = (token: string) => `Bearer ${token}`;
function idpToken(alg: 'RS256' | 'ES256', claims: { iss?: string; aud?: string; exp?: string | number | null; kid?: string } = {}, key = keys[alg]) {
  let jwt = new SignJWT({}).setProtectedHeader({ alg, kid: claims.kid ?? alg }).setSubject('tax-huang').setIssuedAt()
    .setIssuer(claims.iss ?? issuer).setAudience(claims.aud ?? audience);
  if (claims.exp !== null) jwt = jwt.setExpirationTime(claims.exp ?? '1h');
  return jwt.sign(key);
}
const refused = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(AuthError);

test('a shared-secret token must carry exp and live at most 12 h', async () => {
  const verify = tokenVerifier({ secret });
  await expect(authenticate(bearer(await mintToken('tax-huang', secret)), verify, directory)).resolves.toMatchObject({ actor: { personId: 'tax-huang' } });
  const key = new TextEncoder().encode(secret);
  const forever = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('tax-huang').setIssuedAt().sign(key);
  await refused(authenticate(bearer(forever), verify, directory));
  await refused(authenticate(bearer(await mintToken('tax-huang', secret, 13 * 3600)), verify, directory));
  const noIat = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('tax-huang').setExpirationTime('30d').sign(key);
  await refused(authenticate(bearer(noIat), verify, directory));
});

test('a token of the longest lifetime is accepted whenever it is minted, a turn of the second included', async () => {
  const verify = tokenVerifier({ secret });
  // The clock as a loaded machine reads it: each reading 2 ms after the one before, from 1 ms before a second turns.
  let now = Date.UTC(2026, 11, 1, 9, 0, 0) - 1;
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => (now += 2));
  try {
    await expect(authenticate(bearer(await mintToken('tax-huang', secret)), verify, directory)).resolves.toMatchObject({ actor: { personId: 'tax-huang' } });
  } finally {
    clock.mockRestore();
  }
});

test.each(['RS256', 'ES256'] as const)('an identity provider\'s %s token is verified against its JWKS, issuer and audience', async (alg) => {
  const verify = tokenVerifier(tokenKeysFrom({ GREENLIGHT_JWKS_URL: jwksUrl, GREENLIGHT_JWT_ISSUER: issuer, GREENLIGHT_JWT_AUDIENCE: audience }));
  await expect(authenticate(bearer(await idpToken(alg)), verify, directory)).resolves.toMatchObject({ person: { id: 'tax-huang' } });
  await refused(authenticate(bearer(await idpToken(alg, { iss: 'https://elsewhere.example' })), verify, directory));
  await refused(authenticate(bearer(await idpToken(alg, { aud: 'another-app' })), verify, directory));
  await refused(authenticate(bearer(await idpToken(alg, { exp: null })), verify, directory));
  await refused(authenticate(bearer(await idpToken(alg, { exp: '2d' })), verify, directory));
  // Signed by a key the provider never published, and a token of the shared secret: both refused.
  await refused(authenticate(bearer(await idpToken('ES256', { kid: 'ES256' }, otherKey.key)), verify, directory));
  await refused(authenticate(bearer(await mintToken('tax-huang', secret)), verify, directory));
});

test('the configuration: a JWKS needs its issuer and audience; without any key the API does not start', () => {
  expect(() => tokenKeysFrom({ GREENLIGHT_JWKS_URL: jwksUrl })).toThrow(/ISSUER and GREENLIGHT_JWT_AUDIENCE/);
  expect(() => tokenKeysFrom({})).toThrow(/refuses to start/);
  expect(tokenKeysFrom({ GREENLIGHT_JWT_SECRET: secret, GREENLIGHT_JWKS_URL: jwksUrl, GREENLIGHT_JWT_ISSUER: issuer, GREENLIGHT_JWT_AUDIENCE: audience }))
    .toEqual({ jwksUrl, issuer, audience });
});
