/**
 * Where a report's facts come from: the record (records/, PostgreSQL) — its `events` table, every
 * event applied once and in stream order, kept for as long as the district keeps its cases — or,
 * where there is no record, the event stream GL_EVENTS read to its last message (which keeps a
 * year). Either way through the one adapter (reports/from-events.ts). Names come from the
 * directory (its current version in NATS, or the file GREENLIGHT_DIRECTORY) and the kinds' own
 * (processes/registry.ts). Never Temporal's visibility, which forgets closed workflows.
 */
import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { RecordDb } from '../records/database';
import { WorkingCalendar } from '../calendar';
import { CloudEvent, parseFact } from '../contracts/events';
import { Directory } from '../contracts/directory';
import { directoryStore } from '../directory/store';
import { definitions } from '../processes/registry';
import { factsFromEvents } from './from-events';
import type { Facts } from './facts';
import type { MeasureSpec } from './figures';
import type { Period } from './period';
import { loadWeights } from './ranking';
import { buildReport, type Names, type Report } from './report';

const STREAM = 'GL_EVENTS';

/** Every event the stream holds now, in order (an empty stream: none). */
export async function readEvents(nc: NatsConnection): Promise<CloudEvent[]> {
  const info = await (await jetstreamManager(nc)).streams.info(STREAM);
  const last = info.state.last_seq;
  if (info.state.messages === 0) return [];
  const consumer = await jetstream(nc).consumers.get(STREAM);
  const events: CloudEvent[] = [];
  const messages = await consumer.consume();
  for await (const m of messages) {
    const parsed = CloudEvent.safeParse(m.json());
    if (parsed.success) events.push(parsed.data);
    if (m.seq >= last) break;
  }
  await messages.close();
  return events;
}

/**
 * Every event the record holds from before `end`, in stream order: nothing later can change a
 * period's figures (a report is counted as of the period's end at the latest).
 */
export async function readRecordedEvents(db: RecordDb, end: Date): Promise<CloudEvent[]> {
  const rows = await db.selectFrom('events').select(['id', 'type', 'at', 'data', 'process_id', 'task_id'])
    .where('at', '<', end).orderBy('stream_seq').execute();
  return rows.map((r) => ({
    specversion: '1.0', id: r.id, source: 'greenlight/record', type: r.type, subject: subjectOf(r), time: new Date(r.at).toISOString(),
    datacontenttype: 'application/json', data: r.data,
  }));
}

/** A process event's subject is its process; a task's and an instruction's carry their ids in their data. */
function subjectOf(r: { type: string; process_id: string | null; task_id: string | null }): string | undefined {
  const aggregate = r.type.split('.')[1];
  return aggregate === 'task' || aggregate === 'instruction' ? r.task_id ?? undefined : r.process_id ?? undefined;
}

/** The directory in force: the store's current version, or else the file. */
export async function currentDirectory(nc: NatsConnection, file = process.env.GREENLIGHT_DIRECTORY || 'directory/demo.json'): Promise<Directory> {
  const current = await (await directoryStore(nc)).current();
  return current?.version.directory ?? Directory.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function namesFrom(directory: Directory): Names {
  const departments = new Map(directory.departments.map((d) => [d.id, d.name]));
  const people = new Map(directory.people.map((p) => [p.id, p.name]));
  const kinds = new Map(definitions.map((d) => [d.kind, d.presentation]));
  return {
    department: (id) => departments.get(id) ?? id,
    person: (id) => people.get(id) ?? id,
    kind: (k) => kinds.get(k)?.name ?? k,
    presentation: (k) => kinds.get(k),
  };
}

/** Every kind's own measures, from the registry (processes/definition.ts ReportedMeasure). */
export const registeredMeasures: MeasureSpec[] = definitions.flatMap((d) => (d.measures ?? []).map((m) => ({ ...m, key: `${d.kind}.${m.name}`, kind: d.kind })));

export function factsFrom(events: readonly CloudEvent[], directory: Directory): Facts {
  const leaders = new Map(directory.departments.map((d) => [d.id, d.assignedLeaderId]));
  return factsFromEvents(events, { leaderOfDepartment: (id) => leaders.get(id) });
}

/** Whose cases a report counts: the district, or the departments and people a reader oversees (api/policy.ts boardScope). */
export type ReportScope = 'all' | { departments: readonly string[]; people: readonly string[] };

/** The facts within a scope: a task or 督办 of one of its departments, or whose leader it names. */
export function withinScope(facts: Facts, scope: ReportScope): Facts {
  if (scope === 'all') return facts;
  const mine = (f: { departmentId?: string; leaderId?: string }) =>
    (f.departmentId !== undefined && scope.departments.includes(f.departmentId)) || (f.leaderId !== undefined && scope.people.includes(f.leaderId));
  // A process's fact is the department's it names (a node's), else the process's.
  const processes = (facts.processes ?? []).map((p) => ({
    ...p, facts: p.facts.filter((f) => mine({ departmentId: parseFact(f.fact).departmentId || p.departmentId, leaderId: p.leaderId })),
  })).filter((p) => p.facts.length > 0);
  return { tasks: facts.tasks.filter(mine), instructions: facts.instructions.filter(mine), processes };
}

/** What a period's reports are counted from: the facts up to its end, the directory in force and its names. */
export interface ReportInputs {
  facts: Facts;
  directory: Directory;
  names: Names;
  isWorkingDay(date: string): boolean;
}

/** The inputs of a period's reports, from the record when given one, else from the stream: read once for any number of scopes. */
export async function reportInputs(nc: NatsConnection, period: Period, options: { record?: RecordDb; directory?: Directory } = {}): Promise<ReportInputs> {
  const [events, directory] = await Promise.all([
    options.record ? readRecordedEvents(options.record, period.end) : readEvents(nc),
    options.directory ?? currentDirectory(nc),
  ]);
  const calendar = WorkingCalendar.load();
  return { facts: factsFrom(events, directory), directory, names: namesFrom(directory), isWorkingDay: (d) => calendar.day(d).working };
}

/** The report of a period over a scope (the district by default). */
export function reportOver(inputs: ReportInputs, period: Period, options: { asOf?: Date; title?: string; scope?: ReportScope } = {}): Report {
  const scope = options.scope ?? 'all';
  const { names } = inputs;
  return buildReport(withinScope(inputs.facts, scope), period, {
    asOf: options.asOf ?? new Date(), title: options.title, isWorkingDay: inputs.isWorkingDay, weights: loadWeights(), names, measures: registeredMeasures,
    scope: scope === 'all' ? '全区' : [...scope.departments.map(names.department), ...scope.people.map(names.person)].join('、') || '（无）',
  });
}

/** The report of a period over a scope (the district by default), from the record when given one, else from the stream. */
export async function makeReport(nc: NatsConnection, period: Period, options: { record?: RecordDb; asOf?: Date; title?: string; directory?: Directory; scope?: ReportScope } = {}): Promise<Report> {
  return reportOver(await reportInputs(nc, period, options), period, options);
}
