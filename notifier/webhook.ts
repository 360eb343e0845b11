/**
 * The webhook channel: an HTTP(S) POST of the notification, signed so the receiver knows it
 * came from Greenlight and was not replayed from long ago.
 *
 *   X-Greenlight-Timestamp: 1764547200                     (Unix seconds)
 *   X-Greenlight-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   Idempotency-Key: <notification id>                     (the same on every retry)
 *
 * A receiver recomputes the HMAC over the raw body, compares in constant time, refuses a
 * timestamp more than five minutes off, and keeps the keys it has seen. `format` picks the body:
 * the notification itself, or a message a 企业微信 / 钉钉 group robot takes as it is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channels } from '../contracts/directory';
import type { Notification } from '../contracts/events';

export type WebhookFormat = NonNullable<Channels['webhook']>['format'];

export const SIGNATURE_HEADER = 'x-greenlight-signature';
export const TIMESTAMP_HEADER = 'x-greenlight-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: true when the signature is the body's and the timestamp recent. */
export function verify(secret: string, headers: { timestamp?: string; signature?: string }, body: string, nowMs = Date.now(), toleranceS = 300): boolean {
  if (!headers.timestamp || !headers.signature) return false;
  if (Math.abs(nowMs / 1000 - Number(headers.timestamp)) > toleranceS) return false;
  const expected = Buffer.from(sign(secret, headers.timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The body for a format: robots get the words (markdown or text), `greenlight` everything. */
export function webhookBody(n: Notification, format: WebhookFormat): unknown {
  const [headline, ...rest] = n.text.split('\n');
  switch (format) {
    case 'wecom-markdown':
      return { msgtype: 'markdown', markdown: { content: markdown(headline, rest, n.link) } };
    case 'dingtalk-markdown':
      return { msgtype: 'markdown', markdown: { title: n.subject, text: markdown(headline, rest, n.link) } };
    case 'robot-text':
      return { msgtype: 'text', text: { content: n.text } };
    default:
      return n;
  }
}

function markdown(headline: string, rest: string[], link?: string): string {
  const lines = rest.filter((l) => !link || !l.endsWith(link)).map((l) => `> ${escapeMarkdown(l)}`);
  return [`**${escapeMarkdown(headline)}**`, ...lines, ...(link ? [`[查看](${markdownUrl(link)})`] : [])].join('\n');
}

const fullWidth: Record<string, string> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', '_': '＿', '`': '｀', '#': '＃', '!': '！', '|': '｜', '~': '～', '\\': '＼',
};

/**
 * Text people wrote (a title, an answer), in a robot's markdown: each markup character as its
 * full-width form, which reads the same in Chinese, so that a title cannot become a link, an
 * image, a heading or a quote (企业微信 and 钉钉 markdown take no backslash escapes).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[[\]()<>*_`#!|~\\]/g, (c) => fullWidth[c]);
}

/** The link, with what would end a markdown link's target percent-encoded (an id may hold a parenthesis). */
const markdownUrl = (url: string) => url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

export class DeliveryError extends Error {}

/** Posts once; throws a DeliveryError on a non-2xx answer, a robot's errcode, a timeout or a refused connection. */
export async function postWebhook(url: string, n: Notification, format: WebhookFormat, secret: string | undefined, timeoutMs = 10_000, nowMs = Date.now()): Promise<void> {
  const body = JSON.stringify(webhookBody(n, format));
  const timestamp = String(Math.floor(nowMs / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    [IDEMPOTENCY_HEADER]: n.id,
    'x-greenlight-notification-id': n.id,
    [TIMESTAMP_HEADER]: timestamp,
  };
  if (secret) headers[SIGNATURE_HEADER] = sign(secret, timestamp, body);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new DeliveryError(`POST ${url}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
  }
  const answer = await res.text().catch(() => '');
  if (!res.ok) throw new DeliveryError(`POST ${url}: ${res.status} ${answer.slice(0, 200)}`);
  // 企业微信 and 钉钉 answer 200 with {"errcode":…}: anything but 0 is a refusal.
  if (format !== 'greenlight') {
    try {
      const parsed = JSON.parse(answer) as { errcode?: number; errmsg?: string };
      if (typeof parsed.errcode === 'number' && parsed.errcode !== 0) throw new DeliveryError(`POST ${url}: errcode ${parsed.errcode} ${parsed.errmsg ?? ''}`);
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
    }
  }
}
