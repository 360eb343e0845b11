/**
 * The embedded stack's JWT signing secret: made once into <dataDir>/jwt-secret and reused, so
 * tokens handed out keep working across restarts. Production sets GREENLIGHT_JWT_SECRET instead.
 *
 *   const secret = loadOrCreateJwtSecret('.data');
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** contracts/config.ts rejects shorter secrets. */
const minLength = 32;

export function loadOrCreateJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dataDir, { recursive: true });
    secret = randomBytes(48).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  }
  if (secret.length < minLength) throw new Error(`${file} holds fewer than ${minLength} characters: delete it to make a new one`);
  return secret;
}
