/**
 * A process's NATS user (deploy/nats/nats.conf), named with its password in NATS_URL
 * (`nats://worker:<password>@nats:4222`): the client signs in with them, and gets its replies
 * under an inbox of its own, `_INBOX_<user>`, the only inbox its permissions let it subscribe
 * to. Without a user in the URL (the embedded stack, the tests): no credentials, the client's
 * default `_INBOX`.
 *
 *   const nats = await connect({ servers: config.NATS_URL, name: 'greenlight-worker', ...natsUserOptions(config.NATS_URL) });
 */
export function natsUserOptions(url: string): { user?: string; pass?: string; inboxPrefix?: string } {
  const first = url.split(',')[0].trim();
  let parsed: URL;
  try {
    parsed = new URL(first.includes('://') ? first : `nats://${first}`);
  } catch {
    return {};
  }
  const user = decodeURIComponent(parsed.username);
  if (!/^[A-Za-z0-9_-]+$/.test(user)) return {};
  return { user, pass: decodeURIComponent(parsed.password), inboxPrefix: `_INBOX_${user}` };
}
