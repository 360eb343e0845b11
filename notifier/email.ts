/**
 * The e-mail channel, over SMTP with nodemailer: the words as the body, the machine fields as an
 * attached `notification.json`, and a Message-ID derived from the notification id, so a mail
 * sent twice by an at-least-once retry is one conversation to any client that threads by it.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Notification } from '../contracts/events';

export interface Mailer {
  send(to: string, n: Notification): Promise<void>;
  close(): void;
}

export function messageId(notificationId: string): string {
  return `<${createHash('sha256').update(notificationId).digest('hex').slice(0, 32)}@greenlight>`;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, n) {
      await transport.sendMail({
        from,
        to,
        subject: n.subject,
        text: n.text,
        messageId: messageId(n.id),
        headers: { 'X-Greenlight-Notification-Id': n.id, 'X-Greenlight-Kind': n.kind },
        attachments: [{ filename: 'notification.json', contentType: 'application/json', content: JSON.stringify(n, null, 2) }],
      });
    },
    close: () => transport.close(),
  };
}
