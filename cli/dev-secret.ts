/**
 * The JWT secret in development: GREENLIGHT_JWT_SECRET, or the one the embedded stack wrote
 * under its data folder on first start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..');

export function devJwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GREENLIGHT_JWT_SECRET) return env.GREENLIGHT_JWT_SECRET;
  const file = join(env.GREENLIGHT_DATA_DIR ?? join(repoRoot, '.data'), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error('no JWT secret: set GREENLIGHT_JWT_SECRET, or start the stack once (scripts/stack.sh) to create one');
}
