/**
 * The record's reads on a real PostgreSQL, over events applied as the recorder applies them:
 * 3,000 open tickets page through completely in deadline order with exact counts per light, scope
 * keeps another department's tasks out, and a kind's report counts its processes' facts.
 */
import type { CloudEvent } from '../contracts/events';
import type { Actor } from '../contracts/directory';
import { startPostgres, type PostgresServer } from '../runtime/postgres';
import { applyEvent } from './apply';
import { openRecord, type RecordConnection } from './database';
import { boardGroups, boardItems, copiesOf, copyHeld, countProcesses, inbox, InvalidCursor, listProcesses, openTasksHeldBy } from './reads';

let pg: PostgresServer;
let record: RecordConnection;
const tickets = 3_000;
const lightOf = (i: number) => (i % 10 === 0 ? 'red' : i % 4 === 0 ? 'yellow' : 'green');

function taskCreated(i: number, departmentId: string): CloudEvent {
  const taskId = `12345-${departmentId}-${i}/handling-1`;
  return {
    specversion: '1.0', id: `${taskId}#1`, source: `urn:greenlight:hotlineTicket:12345-${i}`, type: 'greenlight.task.created',
    subject: taskId, time: '2026-12-01T02:00:00.000Z', datacontenttype: 'application/json',
    data: {
      taskId, taskKey: 'handling-1', processKind: 'hotlineTicket', processId: `12345-${departmentId}-${i}`, title: `工单 ${i}`,
      status: 'open', light: lightOf(i), provisional: false, departmentId, candidateRoles: ['staff'], recipients: [],
      // Every seventh has no deadline; the others share deadlines in threes, so ties are broken by id.
      ...(i % 7 === 0 ? {} : { dueAt: new Date(Date.UTC(2026, 11, 10) + Math.floor(i / 3) * 60_000).toISOString() }),
    },
  };
}

function proposalEvent(id: string, facts: string[], status: string, category: string | null): CloudEvent {
  return {
    specversion: '1.0', id: `${id}#1`, source: `urn:greenlight:proposalHandling:${id}`, type: 'greenlight.proposal.registered',
    subject: id, time: '2026-12-01T02:00:00.000Z', datacontenttype: 'application/json',
    data: {
      proposalId: id,
      process: { kind: 'proposalHandling', title: id, status, light: 'green', closed: status === 'closed', category, departmentId: 'traffic', departments: ['traffic'], people: [], facts },
    },
  };
}

beforeAll(async () => {
  pg = await startPostgres({});
  record = await openRecord(pg.url('reads_test'));
  await record.db.transaction().execute(async (tx) => {
    let seq = 0;
    for (let i = 1; i <= tickets; i++) await applyEvent(tx, taskCreated(i, 'housing'), ++seq, []);
    for (let i = 1; i <= 50; i++) await applyEvent(tx, taskCreated(i, 'tax'), ++seq, []);
    await applyEvent(tx, proposalEvent('P-1', ['key', 'replied', 'replied:B', 'satisfaction:satisfied'], 'followUp', 'B'), ++seq, []);
    await applyEvent(tx, proposalEvent('P-2', ['replied', 'replied:B', 'movedToA'], 'closed', 'A'), ++seq, []);
    await applyEvent(tx, proposalEvent('P-3', [], 'replying', null), ++seq, []);
    for (const i of [1, 10]) {
      const id = `12345-housing-${i}`;
      await applyEvent(tx, {
        specversion: '1.0', id: `${id}#0`, source: `urn:greenlight:hotlineTicket:${id}`, type: 'greenlight.hotlineticket.dispatched', subject: id,
        time: '2026-12-01T01:00:00.000Z', datacontenttype: 'application/json',
        data: { process: { kind: 'hotlineTicket', title: `工单 ${i}`, status: 'signing', light: 'green', closed: false, departmentId: 'housing', departments: ['housing', 'center'], people: [] } },
      }, ++seq, []);
    }
  });
}, 120_000);
afterAll(async () => {
  await record?.close();
  await pg?.stop();
});

const housingStaff: Actor = { personId: 'housing-wu', roles: ['staff'], departments: ['housing'] };

test('3,000 open tickets page through completely, soonest deadline first, with exact counts per light', async () => {
  const seen: Array<{ taskId: string; dueAt?: string }> = [];
  let cursor: string | undefined;
  let pages = 0;
  let counts;
  do {
    const page = await inbox(record.db, housingStaff, { limit: 250, cursor });
    counts ??= page.counts;
    expect(page.counts).toEqual(counts);
    seen.push(...page.tasks);
    cursor = page.next;
    pages += 1;
  } while (cursor);
  const expected = { red: 0, yellow: 0, green: 0 };
  for (let i = 1; i <= tickets; i++) expected[lightOf(i)] += 1;
  expect(counts).toEqual({ total: tickets, ...expected });
  expect(pages).toBe(12);
  expect(new Set(seen.map((t) => t.taskId)).size).toBe(tickets);
  expect(seen.every((t) => t.taskId.startsWith('12345-housing-'))).toBe(true);
  const sortKey = (t: { taskId: string; dueAt?: string }) => `${t.dueAt ?? '9999'}|${t.taskId}`;
  expect(seen.map(sortKey)).toEqual([...seen.map(sortKey)].sort());
});

test('a light filter pages its own tasks, counted exactly', async () => {
  let cursor: string | undefined;
  let red = 0;
  do {
    const page = await inbox(record.db, housingStaff, { light: 'red', limit: 100, cursor });
    expect(page.counts).toEqual({ total: tickets / 10, red: tickets / 10, yellow: 0, green: 0 });
    expect(page.tasks.every((t) => t.light === 'red')).toBe(true);
    red += page.tasks.length;
    cursor = page.next;
  } while (cursor);
  expect(red).toBe(tickets / 10);
});

test('another department, or a role the task is not offered to, sees none of them', async () => {
  const tax = await inbox(record.db, { personId: 'tax-huang', roles: ['staff'], departments: ['tax'] }, { limit: 500 });
  expect(tax.counts.total).toBe(50);
  expect(tax.tasks.every((t) => t.taskId.startsWith('12345-tax-'))).toBe(true);
  const liaison = await inbox(record.db, { personId: 'liaison-ye', roles: ['liaison'], departments: ['housing'] }, { limit: 10 });
  expect(liaison.counts.total).toBe(0);
});

test('离职交接 lists every open task a person holds, soonest deadline first: not one they completed, nor one merely offered to their department', async () => {
  const held = (i: number, name: string, status: string, assigneeId?: string): CloudEvent => {
    const created = taskCreated(i, 'tax');
    return { ...created, id: `${created.id}:${name}`, type: `greenlight.task.${name}`, time: '2026-12-01T03:00:00.000Z', data: { ...created.data, status, ...(assigneeId ? { assigneeId } : {}) } };
  };
  await record.db.transaction().execute(async (tx) => {
    let seq = 100_000;
    await applyEvent(tx, held(3, 'claimed', 'claimed', 'tax-huang'), ++seq, []);
    await applyEvent(tx, held(2, 'reassigned', 'claimed', 'tax-huang'), ++seq, []);
    await applyEvent(tx, held(7, 'claimed', 'claimed', 'tax-huang'), ++seq, []);
    await applyEvent(tx, held(4, 'completed', 'completed', 'tax-huang'), ++seq, []);
  });
  const tasks = await openTasksHeldBy(record.db, 'tax-huang');
  // 12345-tax-7 has no deadline: last.
  expect(tasks.map((t) => t.taskId)).toEqual(['12345-tax-2/handling-1', '12345-tax-3/handling-1', '12345-tax-7/handling-1']);
  expect(tasks[0]).toMatchObject({ title: '工单 2', processKind: 'hotlineTicket', processId: '12345-tax-2', status: 'claimed', departmentId: 'tax', dueAt: expect.any(String) });
  expect(await openTasksHeldBy(record.db, 'tax-head')).toEqual([]);
});

test('a cursor this API did not give is refused', async () => {
  await expect(inbox(record.db, housingStaff, { limit: 10, cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursor);
});

test('a kind\'s list pages through its processes in scope, with the worse of its own and its open tasks\' light', async () => {
  const all = await listProcesses(record.db, 'proposalHandling', 'all', { limit: 2, order: 'latest' });
  expect(all.total).toBe(3);
  expect(all.processes).toHaveLength(2);
  const rest = await listProcesses(record.db, 'proposalHandling', 'all', { limit: 2, order: 'latest', cursor: all.next });
  expect(rest.next).toBeUndefined();
  expect([...all.processes, ...rest.processes].map((p) => p.id).sort()).toEqual(['P-1', 'P-2', 'P-3']);
  expect((await listProcesses(record.db, 'proposalHandling', { departments: ['tax'], people: [] }, { limit: 10 })).total).toBe(0);
  expect((await listProcesses(record.db, 'proposalHandling', { departments: ['traffic'], people: [] }, { limit: 10, facts: ['key'] })).processes.map((p) => p.id)).toEqual(['P-1']);
  expect((await listProcesses(record.db, 'proposalHandling', 'all', { limit: 10, category: 'A' })).processes.map((p) => p.id)).toEqual(['P-2']);
  // Ticket 10's own light is green; its open task is red.
  const red = await listProcesses(record.db, 'hotlineTicket', { departments: ['center'], people: [] }, { limit: 10, light: 'red' });
  expect(red).toEqual({ total: 1, processes: [expect.objectContaining({ id: '12345-housing-10', light: 'red' })] });
  const byLight = await listProcesses(record.db, 'hotlineTicket', 'all', { limit: 10, order: 'light' });
  expect(byLight.processes.map((p) => [p.id, p.light])).toEqual([['12345-housing-10', 'red'], ['12345-housing-1', 'green']]);
});

test("a kind's report counts its processes by status, category and declared fact", async () => {
  const count = (filter?: Parameters<typeof countProcesses>[2]) => countProcesses(record.db, 'proposalHandling', filter);
  expect(await count()).toBe(3);
  expect(await count({ fact: 'replied' })).toBe(2);
  expect(await count({ fact: 'replied:B' })).toBe(2);
  expect(await count({ fact: 'key' })).toBe(1);
  expect(await count({ fact: 'movedToA' })).toBe(1);
  expect(await count({ status: 'closed' })).toBe(1);
  expect(await count({ category: 'A' })).toBe(1);
  expect(await countProcesses(record.db, 'hotlineTicket')).toBe(2);
  expect(await countProcesses(record.db, 'projectApproval')).toBe(0);
});

test('抄送我的 from the record: every copy, unread first then the latest, paged with exact counts; a reading applied before its copying stays read', async () => {
  const copied = (i: number, people: string[]): CloudEvent => {
    const e = taskCreated(i, 'housing');
    return { ...e, id: `${e.subject}#copied`, type: 'greenlight.task.copied', time: new Date(Date.UTC(2026, 11, 2) + i * 60_000).toISOString(),
      data: { ...e.data, actorId: 'housing-wu', detail: { personIds: people, departmentIds: [] } } };
  };
  const read = (i: number, personId: string): CloudEvent => ({
    specversion: '1.0', id: `12345-housing-${i}/handling-1/cc/${personId}#1`, source: `urn:greenlight:hotlineTicket:12345-housing-${i}`,
    type: 'greenlight.task.copy-read', subject: `12345-housing-${i}/handling-1`, time: new Date(Date.UTC(2026, 11, 3) + i * 60_000).toISOString(), datacontenttype: 'application/json',
    data: { taskId: `12345-housing-${i}/handling-1`, title: `工单 ${i}`, processKind: 'hotlineTicket', processId: `12345-housing-${i}`, actorId: personId },
  });
  await record.db.transaction().execute(async (tx) => {
    let seq = 100_000;
    // Task 7 is read before its copying is applied (two workflows' events).
    await applyEvent(tx, read(7, 'finance-liu'), ++seq, []);
    for (let i = 1; i <= 30; i++) await applyEvent(tx, copied(i, i % 2 === 0 ? ['finance-liu', 'drc-chen'] : ['finance-liu']), ++seq, []);
    for (const i of [3, 4, 5]) await applyEvent(tx, read(i, 'finance-liu'), ++seq, []);
    // Applied again (a redelivery): nothing changes.
    await applyEvent(tx, copied(3, ['finance-liu']), ++seq, []);
  });
  const seen: Array<{ taskId: string; status: string; copiedAt: string; by?: string }> = [];
  let cursor: string | undefined;
  do {
    const page = await copiesOf(record.db, 'finance-liu', { limit: 7, cursor });
    expect(page.counts).toEqual({ total: 30, unread: 26 });
    seen.push(...page.copies);
    cursor = page.next;
  } while (cursor);
  expect(seen).toHaveLength(30);
  expect(new Set(seen.map((c) => c.taskId)).size).toBe(30);
  expect(seen.slice(0, 26).every((c) => c.status === 'unread')).toBe(true);
  expect(seen.slice(26).map((c) => c.taskId)).toEqual([7, 5, 4, 3].map((i) => `12345-housing-${i}/handling-1`));
  expect(seen[0]).toMatchObject({ taskId: '12345-housing-30/handling-1', by: 'housing-wu', processId: '12345-housing-30', processKind: 'hotlineTicket' });
  expect(seen.find((c) => c.taskId === '12345-housing-7/handling-1')).toMatchObject({ status: 'read', by: 'housing-wu' });
  expect((await copiesOf(record.db, 'finance-liu', { status: 'read', limit: 100 })).copies).toHaveLength(4);
  expect((await copiesOf(record.db, 'drc-chen', { status: 'unread', limit: 100 })).counts).toEqual({ total: 15, unread: 15 });
  expect((await copiesOf(record.db, 'tax-huang', { limit: 100 })).copies).toEqual([]);
  expect(await copyHeld(record.db, 'drc-chen', { processId: '12345-housing-2' })).toEqual({ status: 'unread' });
  expect(await copyHeld(record.db, 'drc-chen', { taskId: '12345-housing-1/handling-1' })).toBeUndefined();
  await expect(copiesOf(record.db, 'finance-liu', { limit: 10, cursor: 'bad' })).rejects.toThrow(InvalidCursor);
});

test('3,000 running processes: the board counts them exactly in SQL, and its red and yellow items and a kind\'s list page through completely', async () => {
  // Rows put in directly (the recorder's path is what the tests above take): the volume, cheaply.
  const n = 3_000;
  const departmentOf = (i: number) => (i % 3 === 0 ? 'housing' : i % 3 === 1 ? 'traffic' : 'tax');
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `city-${String(i).padStart(4, '0')}`, kind: 'cityTicket', title: `工单 ${i % 500}`, status: 'handling', light: 'green', shown_light: lightOf(i),
    category: i % 2 === 0 ? 'complaint' : 'advice', department_id: departmentOf(i), departments: [departmentOf(i)], people: [], facts: '[]',
    started_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000), updated_at: new Date(Date.UTC(2026, 10, 1)),
  }));
  for (let start = 0; start < n; start += 500) await record.db.insertInto('processes').values(rows.slice(start, start + 500)).execute();
  const expected = { red: 0, yellow: 0, green: 0 };
  for (let i = 0; i < n; i++) expected[lightOf(i)] += 1;

  const groups = await boardGroups(record.db, ['cityTicket'], 'all');
  const byLight = { red: 0, yellow: 0, green: 0 };
  for (const g of groups) byLight[g.light] += g.n;
  expect(byLight).toEqual(expected);
  const housing = await boardGroups(record.db, ['cityTicket'], { departments: ['housing'], people: [] });
  expect(housing.reduce((sum, g) => sum + g.n, 0)).toBe(n / 3);

  const items: Array<{ id: string; light: string }> = [];
  let cursor: string | undefined;
  do {
    const page = await boardItems(record.db, ['cityTicket'], 'all', { limit: 97, cursor });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  expect(items).toHaveLength(expected.red + expected.yellow);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  expect(items.findIndex((i) => i.light === 'yellow')).toBe(expected.red);
  await expect(boardItems(record.db, ['cityTicket'], 'all', { limit: 10, cursor: 'bad' })).rejects.toThrow(InvalidCursor);

  for (const query of [{ order: 'latest' as const }, { order: 'light' as const }, { light: 'red' as const }]) {
    const listed: string[] = [];
    let total: number | undefined;
    cursor = undefined;
    do {
      const page = await listProcesses(record.db, 'cityTicket', { departments: ['traffic', 'tax'], people: [] }, { ...query, limit: 250, cursor });
      total ??= page.total;
      expect(page.total).toBe(total);
      listed.push(...page.processes.map((p) => p.id));
      cursor = page.next;
    } while (cursor);
    const inScope = rows.filter((r, i) => r.department_id !== 'housing' && (!query.light || lightOf(i) === query.light)).length;
    expect(total).toBe(inScope);
    expect(listed).toHaveLength(inScope);
    expect(new Set(listed).size).toBe(inScope);
  }
});
