/**
 * The facts of tasks and 督办 from the event stream (GL_EVENTS' CloudEvents, in stream order):
 * the same facts the record keeps in its tables (records/: tasks, rungs, extensions,
 * instructions), read here from the events themselves until the record serves reports.
 *
 * - A task's department, deadline and light are those its last event carries (TaskEventData).
 * - It is red from the event that first carries `light: 'red'` until one carries another light,
 *   or it is completed or cancelled.
 * - A rung is a `task.reminded` or `task.escalated` with its `step`; it reached `recipients`.
 *   A chase (催办) is an escalation fired after the deadline once the task has already been
 *   escalated past it (the first, at the deadline, is the red light's own).
 * - Its leader is the process's (`data.process.assignedLeaderId`, which every process event
 *   carries once the record's snapshot is on the stream), or else its department's in the directory.
 * - A 督办's leader is the one who issued it.
 * - A process's facts (its snapshot's `facts`, for its kind's measures) hold from the first event
 *   whose snapshot carries them until one carries them no more; a snapshot without `facts` (from
 *   before its kind declared them) changes none.
 */
import { ProcessSnapshot, type CloudEvent } from '../contracts/events';
import type { Facts, InstructionFact, ProcessFact, TaskFact } from './facts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export interface FromEventsOptions {
  /** The leader assigned to a department (the directory's `assignedLeaderId`). */
  leaderOfDepartment?(departmentId: string): string | undefined;
}

interface TaskState extends TaskFact { escalatedPastDue: boolean }

export function factsFromEvents(events: readonly CloudEvent[], options: FromEventsOptions = {}): Facts {
  const tasks = new Map<string, TaskState>();
  const instructions = new Map<string, InstructionFact>();
  const processLeader = new Map<string, string>();
  const processes = new Map<string, ProcessFact>();

  for (const event of events) {
    const [, aggregate, name] = event.type.split('.');
    const d = event.data;
    const at = event.time;
    if (aggregate === 'task') {
      const taskId = str(d.taskId);
      const processId = str(d.processId);
      if (!taskId || !processId) continue;
      let t = tasks.get(taskId);
      if (!t) {
        t = { taskId, processId, processKind: str(d.processKind) ?? '', title: str(d.title) ?? taskId, reds: [], rungs: [], extensions: [], escalatedPastDue: false };
        tasks.set(taskId, t);
      }
      const dueAt = str(d.dueAt);
      if (dueAt !== t.dueAt) t.escalatedPastDue = false;
      t.dueAt = dueAt ?? t.dueAt;
      t.departmentId = str(d.departmentId) ?? t.departmentId;
      t.title = str(d.title) ?? t.title;
      const open = t.reds.at(-1)?.to === undefined ? t.reds.at(-1) : undefined;
      const over = name === 'completed' || name === 'cancelled';
      if (over || d.light !== 'red') {
        if (open) open.to = at;
      } else if (!open) t.reds.push({ from: at });
      if (name === 'completed') t.doneAt ??= at;
      if (name === 'cancelled') t.cancelled = true;
      if (name === 'escalated' || name === 'reminded') {
        const pastDue = name === 'escalated' && t.dueAt !== undefined && Date.parse(at) >= Date.parse(t.dueAt);
        t.rungs.push({ at, kind: name === 'escalated' ? 'escalation' : 'reminder', roles: strings(d.roles), reached: strings(d.recipients), chase: pastDue && t.escalatedPastDue });
        if (pastDue) t.escalatedPastDue = true;
      } else if (name === 'extension-requested') {
        const detail = (d.detail ?? {}) as Record<string, unknown>;
        t.extensions.push({ requestedAt: at, workingDays: typeof detail.workingDays === 'number' ? detail.workingDays : undefined });
      } else if (name === 'extension-approved' || name === 'extension-refused') {
        const pending = [...t.extensions].reverse().find((x) => x.decidedAt === undefined);
        if (pending) Object.assign(pending, { decidedAt: at, granted: name === 'extension-approved' });
      }
    } else if (aggregate === 'instruction') {
      const id = str(d.instructionId);
      const processId = str(d.processId);
      if (!id || !processId) continue;
      let i = instructions.get(id);
      if (!i) {
        i = { instructionId: id, processId, processKind: str(d.processKind) ?? '', issuedAt: at, answeredAt: [], returnedAt: [] };
        instructions.set(id, i);
      }
      i.departmentId = str(d.departmentId) ?? i.departmentId;
      i.leaderId = str(d.issuedBy) ?? i.leaderId;
      i.dueAt = str(d.dueAt) ?? i.dueAt;
      if (name === 'issued') i.issuedAt = at;
      if (name === 'answered') i.answeredAt.push(at);
      if (name === 'returned') i.returnedAt.push(at);
    } else if (event.subject) {
      const leader = str((d.process as Record<string, unknown> | undefined)?.assignedLeaderId);
      if (leader) processLeader.set(event.subject, leader);
      const snapshot = ProcessSnapshot.safeParse(d.process);
      if (snapshot.success && snapshot.data.facts) {
        const s = snapshot.data;
        let p = processes.get(event.subject);
        if (!p) processes.set(event.subject, p = { processId: event.subject, processKind: s.kind, title: s.title, facts: [] });
        Object.assign(p, { title: s.title, departmentId: s.departmentId ?? p.departmentId });
        const now = new Set(s.facts);
        for (const f of p.facts) if (f.to === undefined && !now.has(f.fact)) f.to = at;
        for (const fact of now) if (!p.facts.some((f) => f.fact === fact && f.to === undefined)) p.facts.push({ fact, from: at });
      }
    }
  }

  const leaderOf = (processId: string, departmentId?: string) =>
    processLeader.get(processId) ?? (departmentId ? options.leaderOfDepartment?.(departmentId) : undefined);
  return {
    tasks: [...tasks.values()].map(({ escalatedPastDue: _, ...t }) => ({ ...t, leaderId: leaderOf(t.processId, t.departmentId) })),
    instructions: [...instructions.values()],
    processes: [...processes.values()].map((p) => ({ ...p, leaderId: leaderOf(p.processId, p.departmentId) })),
  };
}
