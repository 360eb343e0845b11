/**
 * Webhook signing secrets, one per subscriber, never in the repo or the directory: from the
 * environment (`GREENLIGHT_WEBHOOK_SECRET_LEADER_SUN` for `leader-sun`) or, else, from the JSON
 * file `GREENLIGHT_WEBHOOK_SECRETS` names (`{ "leader-sun": "…" }`, mode 0600 by convention).
 */
import { readFileSync } from 'node:fs';

export function secretEnvName(personId: string): string {
  return `GREENLIGHT_WEBHOOK_SECRET_${personId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function webhookSecrets(env: NodeJS.ProcessEnv = process.env): (personId: string) => string | undefined {
  const file = env.GREENLIGHT_WEBHOOK_SECRETS;
  let fromFile: Record<string, string> = {};
  if (file) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file}: a JSON object of person id → secret`);
    fromFile = parsed as Record<string, string>;
  }
  return (personId) => env[secretEnvName(personId)] || (typeof fromFile[personId] === 'string' ? fromFile[personId] : undefined);
}
