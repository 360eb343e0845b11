/**
 * The NATS intake against a real NATS server (issue 14): whatever bytes arrive on a command
 * subject, the command is started once or dead-lettered once and the consumer goes on
 * (fast-check); a dead letter is bounded whatever the command's size; a command that keeps
 * failing stops at its delivery limit with a dead letter of its own; a command on a subject no
 * one serves is dead-lettered. Temporal is a fake here: what is tested is the intake.
 *
 *   npx jest intake/intake.integration.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import pino from 'pino';
import { startNatsServer, type NatsServer } from '../runtime/dev-servers';
import { ensureStreams } from '../runtime/streams';
import { definitions } from '../processes/registry';
import { repoRoot } from '../test/harness/harness';
import { eventually } from '../test/harness/eventually';
import { consumeCommands, MAX_ORIGINAL_BYTES, type DeadLetter, type RunningConsumer } from './command-consumer';
import { startIntake } from './processes';

const logger = pino({ level: 'silent' });
const directoryPath = join(repoRoot, 'directory/demo.json');
let dataDir: string;
let server: NatsServer;
let nats: NatsConnection;

/** Temporal as the intake sees it: a start per new id, `already started` for a known one. */
function fakeTemporal() {
  const held = new Map<string, { type: string; inputDigest: string }>();
  const starts: string[] = [];
  let failing = false;
  const client = {
    workflow: {
      async start(workflow: { name: string }, options: { workflowId: string; memo: { inputDigest: string } }) {
        if (failing) throw new Error('Temporal is unavailable');
        starts.push(options.workflowId);
        if (held.has(options.workflowId)) throw new WorkflowExecutionAlreadyStartedError('already started', options.workflowId, workflow.name);
        held.set(options.workflowId, { type: workflow.name, inputDigest: options.memo.inputDigest });
        return {};
      },
      getHandle: (id: string) => ({ describe: async () => ({ type: held.get(id)!.type, memo: { inputDigest: held.get(id)!.inputDigest } }) }),
    },
  };
  return { client: client as unknown as Client, starts, fail: (on: boolean) => (failing = on) };
}

async function deadLetters(): Promise<DeadLetter[]> {
  const jsm = await jetstreamManager(nats);
  const { state } = await jsm.streams.info('GL_DLQ');
  const letters: DeadLetter[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const stored = await jsm.streams.getMessage('GL_DLQ', { seq });
    if (stored) letters.push(stored.json<DeadLetter>());
  }
  return letters;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gl-intake-'));
  server = await startNatsServer({ storeDir: join(dataDir, 'nats') });
  nats = await connect({ servers: server.url });
  await ensureStreams(nats);
}, 60_000);
afterAll(async () => {
  await nats?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const request = (id: string) => ({
  id, enterprise: { name: 'A bakery' }, category: 'tax', title: 'Invoices', description: 'No invoices since Monday.', liaisonId: 'liaison-ye',
});

describe('the intake of every kind', () => {
  let intake: RunningConsumer;
  const temporal = fakeTemporal();
  beforeAll(async () => {
    intake = await startIntake(nats, { client: temporal.client, taskQueue: 'q', directoryPath }, logger, definitions, { retryDelayMs: 100 });
  });
  afterAll(() => intake?.stop());

  test('whatever bytes arrive, each command is started once or dead-lettered once, and the consumer goes on', async () => {
    const js = jetstream(nats);
    const subject = 'gl.cmd.request.submit';
    const encoder = new TextEncoder();
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.json().map((j) => encoder.encode(j)),
      fc.string({ unit: 'binary', maxLength: 300 }).map((s) => encoder.encode(s)),
      // Near-valid requests: each field may be dropped or replaced by anything.
      fc.record({
        id: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/), fc.string()),
        category: fc.constantFrom('tax', 'weather', ''),
        liaisonId: fc.constantFrom('liaison-ye', 'tax-huang', 'nobody'),
        title: fc.oneof(fc.constant('Invoices'), fc.string({ maxLength: 5 })),
      }, { requiredKeys: [] }).map((r) => encoder.encode(JSON.stringify({ ...request('x'), ...r }))),
    );
    let sent = 0;
    await fc.assert(fc.asyncProperty(bytes, async (data) => {
      const before = temporal.starts.length + (await deadLetters()).length;
      await js.publish(subject, data);
      sent++;
      await eventually(async () => temporal.starts.length + (await deadLetters()).length, (n) => n >= before + 1, 'an outcome', 10_000);
      expect(temporal.starts.length + (await deadLetters()).length).toBe(before + 1);
    }), { numRuns: 60 });
    // Nothing comes late: still one outcome per command, no dead letter twice for one sequence.
    await new Promise((r) => setTimeout(r, 500));
    const letters = await deadLetters();
    expect(temporal.starts.length + letters.length).toBe(sent);
    expect(new Set(letters.map((l) => `${l.subject}:${l.streamSequence}`)).size).toBe(letters.length);
    // The consumer goes on: a valid command after all of it starts.
    await js.publish(subject, encoder.encode(JSON.stringify(request('req-after-fuzz'))));
    await eventually(async () => temporal.starts, (s) => s.includes('req-after-fuzz'), 'the request after the fuzz');
  }, 120_000);

  test('a poison command far larger than a dead letter may be is dead-lettered once, as its digest', async () => {
    const js = jetstream(nats);
    // 600 KB on the wire; quoted once more in an envelope that held it whole, past NATS's 1 MB.
    const description = '"'.repeat(300_000);
    const ack = await js.publish('gl.cmd.request.submit', JSON.stringify({ ...request('req-poison'), description }));
    const letter = await eventually(async () => (await deadLetters()).find((l) => l.streamSequence === ack.seq), (l) => l !== undefined, 'the dead letter');
    expect(letter).toMatchObject({ reason: 'refused', subject: 'gl.cmd.request.submit', deliveries: 1 });
    expect(letter!.original).toBeUndefined();
    expect(letter!.digest.size).toBeGreaterThan(600_000);
    expect(letter!.digest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(letter!.digest.prefix.length).toBeLessThanOrEqual(257);
    expect(JSON.stringify(letter).length).toBeLessThan(MAX_ORIGINAL_BYTES + 20_000);
  }, 30_000);

  test('a command on a gl.cmd. subject no one serves is dead-lettered; a served one is not', async () => {
    const js = jetstream(nats);
    const ack = await js.publish('gl.cmd.nothing.here', JSON.stringify({ hello: 'world' }));
    const letter = await eventually(async () => (await deadLetters()).find((l) => l.streamSequence === ack.seq), (l) => l !== undefined, 'the dead letter');
    expect(letter).toMatchObject({ reason: 'unknown-subject', subject: 'gl.cmd.nothing.here', original: '{"hello":"world"}' });
    const jsm = await jetstreamManager(nats);
    await eventually(() => jsm.consumers.info('GL_COMMANDS', 'intake-unknown-subjects'), (i) => i.num_ack_pending === 0 && i.num_pending === 0, 'the unknown-subject consumer done');
    const letters = await deadLetters();
    expect(letters.filter((l) => l.reason === 'unknown-subject').map((l) => l.subject)).toEqual(['gl.cmd.nothing.here']);
  }, 30_000);
});

test('a command that keeps failing stops at its delivery limit, with a dead letter of its own', async () => {
  const js = jetstream(nats);
  let attempts = 0;
  const consumer = await consumeCommands(nats, {
    subject: 'gl.cmd.always.fails', durable: 'test-always-fails',
    handle: async () => { attempts++; throw new Error('Temporal is unavailable'); },
  }, logger, { maxDeliver: 3, retryDelayMs: 50 });
  try {
    const ack = await js.publish('gl.cmd.always.fails', JSON.stringify({ id: 'x' }));
    const letter = await eventually(async () => (await deadLetters()).find((l) => l.streamSequence === ack.seq), (l) => l !== undefined, 'the dead letter', 20_000);
    expect(letter).toMatchObject({ reason: 'undeliverable', deliveries: 3, original: '{"id":"x"}' });
    expect(letter!.issues[0].message).toMatch(/failed on each of 3 deliveries, last: Temporal is unavailable/);
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts).toBe(3);
  } finally {
    await consumer.stop();
  }
}, 30_000);
