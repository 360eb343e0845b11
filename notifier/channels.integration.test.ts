/**
 * The channels on the real stack: a webhook receiver and an SMTP server this test starts, a
 * notifier delivering the stack's notifications to them with short retry delays, and a clock
 * the test sets for quiet hours. The receiver checks every signature; it answers 500 once, then
 * goes away for a while; nothing is lost and nothing arrives twice.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jetstream } from '@nats-io/jetstream';
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { toCloudEvent, type Notification } from '../contracts/events';
import { eventually } from '../test/harness/eventually';
import { repoRoot } from '../test/harness/harness';
import { startStack, type TestStack } from '../test/harness/stack';
import { createMailer } from './email';
import { runNotifier } from './notifier';
import { verify } from './webhook';

const run = promisify(execFile);
const secrets: Record<string, string> = { 'leader-qian': 'qian-secret-0123456789', 'traffic-zheng': 'zheng-secret-0123456789', 'leader-sun': 'sun-secret-0123456789' };

interface Received { path: string; id: string; status: number; verified: boolean; body: unknown }

/** A webhook receiver: verifies signatures, answers what `answer` says, can stop and start on its port. */
class Receiver {
  received: Received[] = [];
  answer: (path: string, id: string) => number = () => 200;
  private server?: Server;
  port = 0;
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const person = path.slice(1);
        const id = String(req.headers['idempotency-key']);
        const verified = verify(secrets[person] ?? '', { timestamp: req.headers['x-greenlight-timestamp'] as string, signature: req.headers['x-greenlight-signature'] as string }, raw);
        const status = verified ? this.answer(path, id) : 401;
        this.received.push({ path, id, status, verified, body: JSON.parse(raw) });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
  delivered(path: string): Received[] {
    return this.received.filter((r) => r.path === path && r.status === 200);
  }
}

let stack: TestStack;
let notifier: { stop(): Promise<void> };
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
const receiver = new Receiver();
const dir = mkdtempSync(join(tmpdir(), 'gl-channels-'));
// 23:00 in Shanghai until a test says otherwise: quiet hours for those who keep them.
let now = new Date('2026-12-07T15:00:00Z');

beforeAll(async () => {
  await receiver.start();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { mails.push(mail); callback(); }, callback);
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const directory = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/short-sla-directory.json'), 'utf8'));
  const hook = (person: string, extra: Record<string, unknown> = {}) => ({ url: `http://127.0.0.1:${receiver.port}/${person}`, ...extra });
  const channels: Record<string, Record<string, unknown>> = {
    'leader-qian': { channels: { webhook: hook('leader-qian') }, quietHours: { from: '22:00', to: '07:30' } },
    'traffic-zheng': { channels: { webhook: hook('traffic-zheng') }, quietHours: { from: '22:00', to: '07:30' } },
    'traffic-head': { channels: { email: { address: 'traffic-head@example.gov.cn', kinds: ['escalation'] } } },
    'leader-sun': { channels: { webhook: hook('leader-sun') } },
  };
  for (const p of directory.people) Object.assign(p, channels[p.id] ?? {});
  const directoryPath = join(dir, 'directory.json');
  writeFileSync(directoryPath, JSON.stringify(directory));

  stack = await startStack({ directoryPath });
  notifier = await runNotifier(stack.nats, directoryPath, pino({ level: 'silent' }), {
    events: false, // the stack's notifier fills the inboxes; this one runs the channels
    channels: { webhook: { secrets: (id) => secrets[id], timeoutMs: 2_000 }, email: { mailer: createMailer(`smtp://127.0.0.1:${smtpPort}`, 'Greenlight 绿灯 <greenlight@example.gov.cn>') } },
    backoffMs: [100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
    // The circuit opens for no longer than the shortest wait between tries, so every try of these
    // tests reaches the receiver (notifier/isolation.integration.test.ts tests the circuit itself).
    breakerOpenMs: 50,
    digestCheckMs: 200,
    now: () => now,
  });
}, 120_000);

afterAll(async () => {
  await notifier?.stop();
  await stack?.stop();
  await receiver.stop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The channels have nothing left to do: no message pending or awaiting its ack. */
async function settled(): Promise<void> {
  const jsm = await jetstream(stack.nats).jetstreamManager();
  await eventually(async () => Promise.all(['notify-webhook', 'notify-email', 'notify-webhook-redo'].map((c) => jsm.consumers.info(c.endsWith('redo') ? 'GL_REDO' : 'GL_NOTIFY', c))),
    (infos) => infos.every((i) => i.num_pending === 0 && i.num_ack_pending === 0), 'the channels to settle', 30_000);
}

let sequence = 0;
/** An event as a workflow's outbox publishes it, naming `recipients`. */
async function publishEvent(type: string, recipients: string[], data: Record<string, unknown> = {}): Promise<string> {
  const id = `chan-test-${Date.now()}-${++sequence}`;
  const [aggregate, event] = type.split('.');
  const cloudEvent = toCloudEvent({
    aggregate, event, id: `${id}#1`, source: `urn:greenlight:enterpriseRequest:${id}`, subject: id, time: new Date().toISOString(),
    data: { processKind: 'enterpriseRequest', processId: id, title: `测试 ${sequence}`, light: 'red', departmentId: 'tax', recipients, ...data },
  });
  await jetstream(stack.nats).publish(`gl.evt.${aggregate}.${event}`, JSON.stringify(cloudEvent), { msgID: cloudEvent.id });
  return `${cloudEvent.id}:${recipients[0]}`;
}

test('a leader\'s escalation reaches the webhook signed, retried after a 500, not held by quiet hours, never twice; the head\'s by e-mail; the staff\'s reminders wait for the digest', async () => {
  let failed = false;
  receiver.answer = (path) => {
    if (path === '/leader-qian' && !failed) {
      failed = true;
      return 500;
    }
    return 200;
  };
  expect((await stack.call('liaison-ye', 'POST', '/api/processes/enterpriseRequest', {
    id: 'req-chan-1', enterprise: { name: '名门世家大益茶馆' }, category: 'parkingAndTraffic', title: '铺面停车难', description: 'No parking.', liaisonId: 'liaison-ye',
  })).status).toBe(202);

  const leaderId = 'req-chan-1/handling-1#';
  const toLeader = await eventually(async () => receiver.received.filter((r) => r.path === '/leader-qian' && r.id.startsWith(leaderId)),
    (rs) => rs.some((r) => r.status === 200), 'the leader\'s escalation on the webhook', 30_000);
  expect(toLeader.map((r) => [r.status, r.verified])).toEqual([[500, true], [200, true]]);
  expect(toLeader[0].id).toBe(toLeader[1].id);
  const body = toLeader[1].body as Notification;
  expect(body).toMatchObject({ personId: 'leader-qian', kind: 'escalation', urgent: true, taskId: 'req-chan-1/handling-1', light: 'red' });
  expect(body.text).toContain('【超期升级】企业诉求「铺面停车难」：已超期，报挂点领导');

  // The head's escalation by e-mail: headers and body as they arrived.
  const mail = (await eventually(async () => mails, (ms) => ms.some((m) => m.subject?.includes('铺面停车难')), 'the e-mail', 30_000))
    .find((m) => m.subject?.includes('铺面停车难')) as ParsedMail;
  expect(mail.subject).toBe('【超期升级】企业诉求「铺面停车难」：已超期，报部门负责人');
  expect(mail.from?.text).toBe('"Greenlight 绿灯" <greenlight@example.gov.cn>');
  expect((mail.to as { text: string }).text).toBe('traffic-head@example.gov.cn');
  expect(mail.headers.get('x-greenlight-notification-id')).toMatch(/^req-chan-1\/handling-1#\d+:traffic-head$/);
  expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@greenlight>$/);
  expect(mail.text).toContain('责任部门：区交警大队');
  expect(JSON.parse(mail.attachments[0].content.toString('utf8'))).toMatchObject({ personId: 'traffic-head', kind: 'escalation' });
  // Only escalations go to the head's e-mail: the head's reminder of the same task stayed in the inbox.
  expect(mails.every((m) => m.subject?.startsWith('【超期升级】'))).toBe(true);

  // A redelivery: the same notification on the inbox again (a restarted notifier, a republished stream) is not posted again.
  const again = await jetstream(stack.nats).publish('gl.notify.leader-qian', JSON.stringify(body), { msgID: `${body.id}:again` });
  expect(again.duplicate).toBe(false);
  await settled();
  expect(receiver.delivered('/leader-qian').filter((r) => r.id === body.id)).toHaveLength(1);

  // The staff's reminder and new task waited for the quiet hours to end: then one digest.
  expect(receiver.received.filter((r) => r.path === '/traffic-zheng')).toEqual([]);
  now = new Date('2026-12-08T00:00:00Z'); // 08:00 in Shanghai
  const digest = await eventually(async () => receiver.delivered('/traffic-zheng'), (rs) => rs.length > 0, 'the digest', 15_000);
  expect(digest).toHaveLength(1);
  const d = digest[0].body as Notification;
  expect(d).toMatchObject({ kind: 'digest', personId: 'traffic-zheng' });
  expect(d.items?.map((i) => i.subject)).toEqual(expect.arrayContaining([expect.stringContaining('【到期提醒】企业诉求「铺面停车难」'), expect.stringContaining('【新待办】')]));
  expect(d.text).toMatch(/^【免打扰时段内的 \d+ 条通知】\n1\. 【/);
}, 90_000);

test('while the receiver is down nothing is lost: every notification arrives once when it is back', async () => {
  receiver.answer = () => 200;
  await receiver.stop();
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push(await publishEvent('task.escalated', ['leader-sun'], { taskId: `outage-${i}/handling-1` }));
  await new Promise((r) => setTimeout(r, 3_000));
  expect(receiver.delivered('/leader-sun')).toEqual([]);
  await receiver.start();
  const got = await eventually(async () => receiver.delivered('/leader-sun'), (rs) => ids.every((id) => rs.some((r) => r.id === id)), 'every notification after the outage', 30_000);
  await settled();
  expect(got.map((r) => r.id).sort()).toEqual([...ids].sort());
  expect(receiver.delivered('/leader-sun')).toHaveLength(ids.length);
}, 60_000);

test('after the last try a dead letter, which the operator lists and replays from the command line', async () => {
  receiver.answer = (path) => (path === '/leader-sun' ? 503 : 200);
  const id = await publishEvent('task.escalated', ['leader-sun'], { taskId: 'dead-1/handling-1' });
  const env = { ...process.env, NATS_URL: stack.natsUrl };
  const greenlight = (...args: string[]) => run(join(repoRoot, 'bin/greenlight'), args, { env });
  const listed = await eventually(() => greenlight('notify', 'dead-letters', '--json'), (r) => r.stdout.includes(id), 'the dead letter', 30_000);
  const letter = JSON.parse(listed.stdout.trim().split('\n').find((l) => l.includes(id)) as string);
  expect(letter).toMatchObject({ channel: 'webhook', personId: 'leader-sun', attempts: 11, error: expect.stringContaining('503'), notification: { id } });
  const tries = receiver.received.filter((r) => r.id === id).length;
  expect(tries).toBe(11);

  receiver.answer = () => 200;
  const replayed = await greenlight('notify', 'replay', '--person', 'leader-sun', '--channel', 'webhook');
  expect(replayed.stdout).toContain(`replayed ${letter.seq}  webhook  leader-sun  ${id}`);
  await eventually(async () => receiver.delivered('/leader-sun').filter((r) => r.id === id), (rs) => rs.length === 1, 'the replayed notification', 15_000);
  expect((await greenlight('notify', 'dead-letters')).stdout).toContain('# 0 dead letter(s)');
  await settled();
  expect(receiver.delivered('/leader-sun').filter((r) => r.id === id)).toHaveLength(1);
}, 60_000);
