/**
 * Demo data: the `demo` file each kind's definition names in its folder holds commands (subject
 * and body) that the stack publishes on start, exactly as an outside system would. Each carries a
 * msgID derived from its content, and the processes they start use the body's own id, so seeding
 * twice changes nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { z } from 'zod';
import { definitions } from '../processes/registry';

const DemoCommands = z.array(z.object({
  subject: z.string().regex(/^gl\.cmd\.[a-z0-9-]+(\.[a-z0-9-]+)+$/),
  body: z.record(z.string(), z.unknown()),
}));

/** The demo files: the one each registered kind's definition names in its folder. */
export function demoFiles(): string[] {
  return definitions.flatMap((d) => (d.demo ? [d.demo] : []));
}

export async function seedDemo(nats: NatsConnection, files = demoFiles()): Promise<number> {
  const js = jetstream(nats);
  let published = 0;
  for (const file of files) {
    const parsed = DemoCommands.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${relative(process.cwd(), file)}: ${parsed.error.message}`);
    for (const command of parsed.data) {
      const text = JSON.stringify(command.body);
      const msgID = `demo:${createHash('sha256').update(command.subject).update(text).digest('hex').slice(0, 32)}`;
      await js.publish(command.subject, text, { msgID });
      published++;
    }
  }
  return published;
}
