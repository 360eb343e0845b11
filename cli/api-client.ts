/**
 * The CLI's way into the API: a token from GREENLIGHT_TOKEN, or minted for `--as <personId>`
 * with the development secret.
 */
import { mintToken } from '../api/auth';
import { devJwtSecret } from './dev-secret';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * A refusal as the API words it: its reason, then each problem it names with its field on a line
 * of its own, unless the reason already says it (a refused form's reason lists them all).
 */
function refusal(status: number, data: { error?: string; details?: unknown } | undefined, text: string): string {
  const reason = data?.error ?? text;
  const details = Array.isArray(data?.details) ? (data.details as { path?: unknown; field?: unknown; message?: unknown }[]) : [];
  const lines = details
    .filter((d) => typeof d.message === 'string' && !reason.includes(d.message))
    .map((d) => `  ${String(d.field ?? d.path ?? '')}: ${String(d.message)}`);
  return [`${status}: ${reason}`, ...lines].join('\n');
}

export interface ApiClient {
  call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** As `call`, with the status of a success too (a 202 is not a 200). */
  send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export async function apiClient(as: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ApiClient> {
  const base = (env.GREENLIGHT_API_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  let token = env.GREENLIGHT_TOKEN;
  if (as) token = await mintToken(as, devJwtSecret(env));
  if (!token) throw new Error('say who you are: --as <personId> (development) or GREENLIGHT_TOKEN=<JWT>');
  const client: ApiClient = {
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      return (await client.send<T>(method, path, body, headers)).body;
    },
    async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).catch((err: Error) => {
        throw new Error(`cannot reach the API at ${base}: ${err.message} (is the stack running? scripts/stack.sh)`);
      });
      const text = await res.text();
      const data = text ? JSON.parse(text) : undefined;
      if (!res.ok) throw new ApiError(res.status, refusal(res.status, data, text));
      return { status: res.status, body: data as T };
    },
  };
  return client;
}

/** Every item of a paged list (`?cursor=` → `next`), page after page until the last: the CLI shows a whole list, never its first page only. */
export async function allPages<T>(client: ApiClient, path: string, key: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await client.call<Record<string, unknown>>('GET', cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...((page[key] ?? []) as T[]));
    cursor = typeof page.next === 'string' ? page.next : undefined;
  } while (cursor);
  return items;
}
