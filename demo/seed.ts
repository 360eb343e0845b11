/**
 * Demo data: every `demo/*.commands.json` holds commands (subject and body) that the stack
 * publishes on start, exactly as an outside system would. Each carries a msgID derived from
 * its content, and the processes they start use the body's own id, so seeding twice changes
 * nothing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { z } from 'zod';

const DemoCommands = z.array(z.object({
  subject: z.string().regex(/^gl\.cmd\.[a-z-]+\.[a-z-]+$/),
  body: z.record(z.string(), z.unknown()),
}));

export async function seedDemo(nats: NatsConnection, dir = __dirname): Promise<number> {
  const js = jetstream(nats);
  let published = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.commands.json')).sort()) {
    const parsed = DemoCommands.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`demo/${file}: ${parsed.error.message}`);
    for (const command of parsed.data) {
      const text = JSON.stringify(command.body);
      const msgID = `demo:${createHash('sha256').update(command.subject).update(text).digest('hex').slice(0, 32)}`;
      await js.publish(command.subject, text, { msgID });
      published++;
    }
  }
  return published;
}
