/**
 * A real OpenID provider for tests (oidc-provider, in a child process on a free loopback port):
 * one confidential client for the workbench at `apiUrl`, PKCE required, RP-initiated logout.
 *
 * ```ts
 * const idp = await startOidcProvider({ apiUrl });
 * // sign in through idp.issuer with idp.client; the login form takes any login and password
 * await idp.stop();
 * ```
 */
import { join } from 'node:path';
import { startProcess } from '../../runtime/managed-process';
import { freePort } from '../../runtime/free-port';
import type { OidcSettings } from '../../web/server/oidc';

export interface TestOidcProvider {
  issuer: string;
  /** The workbench's settings for this provider: the person is named by `preferred_username`. */
  settings: OidcSettings;
  stop(): Promise<void>;
}

export async function startOidcProvider(options: { apiUrl: string }): Promise<TestOidcProvider> {
  const port = await freePort('127.0.0.1');
  const client = { clientId: 'greenlight-workbench', clientSecret: 'test-client-secret-of-the-workbench' };
  const child = startProcess({
    name: 'oidc-provider',
    command: process.execPath,
    args: [join(__dirname, 'oidc-provider-main.mjs'), JSON.stringify({
      port, ...client, redirectUri: `${options.apiUrl}/web/oidc/callback`, postLogoutRedirectUri: `${options.apiUrl}/`,
    })],
    onLine: (line) => { if (line.startsWith('ready ')) ready(line.slice('ready '.length)); },
  });
  let ready!: (issuer: string) => void;
  const issuer = await Promise.race([
    new Promise<string>((resolve) => { ready = resolve; }),
    child.exited.then((exit) => { throw new Error(`the test OpenID provider exited (${exit.code ?? exit.signal}): ${child.recentOutput()}`); }),
  ]);
  return {
    issuer,
    settings: { issuer, ...client, personClaim: 'preferred_username', scope: 'openid profile', baseUrl: options.apiUrl },
    stop: async () => { await child.stop(); },
  };
}
