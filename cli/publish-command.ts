/**
 * Sending a start command on NATS from the command line, as an outside system does: the
 * contract is checked here so a typo is caught at once (the intake checks the directory too).
 */
import { jetstream, type PubAck } from '@nats-io/jetstream';
import type { z } from 'zod';
import { connectNats, natsUrl } from './nats';

/** The published command and its ack, or undefined once the contract's issues are printed. */
export async function publishChecked<T>(
  subject: string, contract: z.ZodType<T>, body: unknown, out: (line: string) => void,
): Promise<{ value: T; ack: PubAck } | undefined> {
  const checked = contract.safeParse(body);
  if (!checked.success) {
    checked.error.issues.forEach((i) => out(`  ${i.path.join('.') || '(body)'}: ${i.message}`));
    return undefined;
  }
  const nc = await connectNats(natsUrl(), 'greenlight-cli');
  try {
    return { value: checked.data, ack: await jetstream(nc).publish(subject, JSON.stringify(checked.data)) };
  } finally {
    await nc.close();
  }
}
