/**
 * The facts a report counts, one per task and one per supervision instruction (督办): what the
 * record keeps of them (records/), or what the event stream says (reports/from-events.ts) until
 * the record's tables serve reports. Instants are ISO-8601 (UTC or with an offset).
 */

/** A rung of a task's ladder that fired: a reminder, or an escalation and whom it reached. */
export interface RungFact {
  at: string;
  kind: 'reminder' | 'escalation';
  /** The roles it told (contracts/ladder.ts RecipientRole). */
  roles: string[];
  /** The people it reached. */
  reached: string[];
  /** Fired after the deadline the task had then: a chase (催办). */
  chase: boolean;
}

/** A span during which the task's light was red; `to` absent while it still is. */
export interface RedSpan { from: string; to?: string }

export interface ExtensionFact {
  requestedAt: string;
  workingDays?: number;
  decidedAt?: string;
  granted?: boolean;
}

export interface TaskFact {
  taskId: string;
  processId: string;
  processKind: string;
  title: string;
  departmentId?: string;
  /** The leader answerable for it (挂点领导): the process's, or else its department's. */
  leaderId?: string;
  /** The deadline it has last (after any extension). */
  dueAt?: string;
  /** When it was completed; absent while open. */
  doneAt?: string;
  /** Cancelled (its process moved on without it): not counted as due. */
  cancelled?: boolean;
  reds: RedSpan[];
  rungs: RungFact[];
  extensions: ExtensionFact[];
}

export interface InstructionFact {
  instructionId: string;
  processId: string;
  processKind: string;
  departmentId?: string;
  /** The leader it counts for: the one who issued it. */
  leaderId?: string;
  issuedAt: string;
  dueAt?: string;
  /** Every answer the department gave (one per round). */
  answeredAt: string[];
  /** Every time the leader returned an answer as not enough (退回). */
  returnedAt: string[];
}

/**
 * The facts a process's snapshots declared for its kind's measures (processes/definition.ts
 * ReportedMeasure; contracts/events.ts parseFact): each one when it first held, and when it
 * ceased to (absent while it holds).
 */
export interface ProcessFact {
  processId: string;
  processKind: string;
  title: string;
  departmentId?: string;
  /** The process's leader (挂点领导), or else its department's. */
  leaderId?: string;
  facts: Array<{ fact: string; from: string; to?: string }>;
}

export interface Facts {
  tasks: TaskFact[];
  instructions: InstructionFact[];
  /** Absent where no process declared any. */
  processes?: ProcessFact[];
}
