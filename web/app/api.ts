/**
 * Every call the workbench makes, in one place: the generic API (`/api/tasks…`,
 * `/api/processes…`) and the workbench's own helpers (`/web/…`). The session rides on an
 * HttpOnly cookie the page never sees; a change also carries the CSRF token, kept in memory.
 */

import type { ProcessSummary, ProcessView as ApiProcessView } from '../../api/process-service';
import type { RecordedTask as RecordedTaskRow } from '../../records/reads';
import type { CopySummary, InboxEntry, PendingCompletion, TaskSummary as ApiTaskSummary } from '../../api/task-service';
import type { TaskCompletion } from '../../contracts/task';
import type { WorkingDayExceptions } from '../../calendar/spoken-time';
import type { DatedList, Views } from '../../processes/definition';

export type { DatedList, PendingCompletion, ProcessSummary, TaskCompletion, Views };
export type { DirectoryVersion, DirectoryVersionInfo } from '../../directory/store';

/** A completion sent to the task but not confirmed in time (202: the worker slow or down): send it again with its key after `retryAfterSeconds`. */
export const isPending = (answer: TaskCompletion | PendingCompletion): answer is PendingCompletion => 'status' in answer && answer.status === 'pending';

export type Light = 'green' | 'yellow' | 'red';

export interface Person { id: string; name: string; roles: string[]; departments: string[] }
export interface DepartmentRef { id: string; name: string; headId?: string }

export interface Session {
  person: Person;
  csrfToken: string;
  departments: DepartmentRef[];
  people: Person[];
  /** China's working days from last year to the next, for what is left of a deadline. */
  workingDays?: WorkingDayExceptions;
}

/** A line of the inbox, as the API answers it (its types are the API's own: one shape, said once). */
export type TaskSummary = Partial<InboxEntry> & ApiTaskSummary;

import type { AgentView } from '../../api/agents';
export type { AgentView };

export interface InboxCounts { total: number; red: number; yellow: number; green: number }

export interface TaskHistoryEntry { at: string; type: string; actorId?: string; agentId?: string; detail?: Record<string, unknown> }

export interface TaskState {
  taskId: string;
  taskKey: string;
  processKind: string;
  processId: string;
  title: string;
  form: string;
  outcomes: string[];
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  departmentId?: string;
  assigneeId?: string;
  candidateRoles: string[];
  light: Light;
  createdAt: string;
  dueAt?: string;
  provisional: boolean;
  deadlines: { step: number; at: string; provisional: boolean; fired: boolean }[];
  escalations?: { step: number; at: string; label?: string; recipients: string[]; acknowledgements: { personId: string; at: string; note?: string }[] }[];
  history: TaskHistoryEntry[];
  completion?: { outcome: string; payload: Record<string, unknown>; actorId: string; agentId?: string; at: string };
  extension?: { grantedWorkingDays: number; pending?: { workingDays: number; reason: string; requestedBy: string; requestedAt: string } };
  initiatorId?: string;
  chases?: { personId: string; at: string; count: number; nextAllowedAt: string; note?: string }[];
  /** The verbs the caller may use now (GET only; an action's answer leaves them out). */
  verbs?: string[];
  /** The caller chased this task in this half working day: when they may chase again. */
  chaseAgainAt?: string;
  /** The caller stands in for this person on this task (代理). */
  forPersonId?: string;
  copies?: { by: string; at: string; personIds: string[]; departmentIds: string[]; note?: string }[];
  signers?: {
    personId: string; addedBy: string; addedAt: string; note?: string; status: 'pending' | 'answered' | 'removed'; opinion?: string; answeredAt?: string;
    /** 后加签: asked to approve the holder's decision, and whether they did. */
    phase?: 'after'; agree?: boolean;
  }[];
  /** 后加签: the holder's decision awaiting the approval of those named. */
  pendingDecision?: { outcome: string; payload: Record<string, unknown>; actorId: string; at: string };
  /** 撤回: the step before this task, which its completer may take back while this task is untouched; and the withdrawal that ended it. */
  previousStep?: { taskId: string; completedBy: string; title?: string };
  withdrawal?: { by: string; at: string; fromTaskId: string; reason: string };
  /** 退回: the steps done before that the holder may return the process to (verb `returnTo`). */
  returnTargets?: { step: string; title: string; taskId: string; completedBy: string }[];
  /** 退回: the return that ended this task; the one that reopened it; the one, elsewhere in its parallel group, that cancelled it. */
  returned?: TaskReturn;
  returnedFrom?: TaskReturn;
  cancelledByReturn?: TaskReturn;
  /** A task the caller completed: the step its process opened after it (verb `withdraw` while it is untouched). */
  nextStep?: { taskId: string; title: string; status: string };
  delegations?: { from: string; to: string; at: string; reason?: string; opinion?: string; returnedAt?: string }[];
  /** The copy (抄送) the caller holds of this task. */
  copy?: { status: 'unread' | 'read' };
}

/** A return (退回) to an earlier step: by whom, from which task, to which step (its task and who did it), why. */
export interface TaskReturn { by: string; at: string; fromTaskId: string; toStep: string; toTitle: string; toTaskId: string; completedBy: string; reason: string }

/** A copy (抄送) I hold, as 抄送我的 lists it. */
export type { CopySummary };
/** A closed task Temporal no longer holds, as GET /api/tasks/:id answers it from the record. */
export type RecordedTask = Omit<RecordedTaskRow, 'processScope'>;

/** One line of what a page shows of a process's state (processes/definition.ts `Fact`). */
export interface Fact {
  label: string;
  path: string;
  as?: 'text' | 'paragraph' | 'person' | 'department' | 'departments';
  values?: Record<string, string>;
}

/** How the workbench shows a kind, as the kind declares it (processes/definition.ts `Presentation`). */
export interface Presentation {
  name: string;
  facts: Fact[];
  item?: { list: string; facts: Fact[]; materials?: { list: string; missing: string }; decisions?: { history: string; events: string[]; why: string[] } };
  categories?: Record<string, string>;
  events?: Record<string, string>;
  words?: Record<string, string>;
  en?: Record<string, string>;
  views?: Views;
}

export interface KindSummary {
  kind: string; title: string; summary: string; route: string; forms: Record<string, string[]>; ladders: string[]; events: string[];
  presentation?: Presentation;
}


export interface TimelineEntry { at: string; event: string; detail?: Record<string, unknown> }

/** A process as the API shows it (the API's own type), its state read as plain fields. */
export type ProcessView = Omit<ApiProcessView, 'state'> & { state: Record<string, unknown> };

/** An escalation of an open task that reached me, and whether I acknowledged its rungs. */
export interface MyEscalation {
  taskId: string; title?: string; processKind: string; processId: string; light: Light; status: string;
  dueAt?: string; departmentId?: string; assigneeId?: string;
  escalations: { step: number; at: string; label?: string; acknowledged: boolean; acknowledgedAt?: string }[];
  acknowledged: boolean;
}

export interface InstructionSummary {
  instructionId: string; text?: string; processTitle?: string; processKind?: string; processId?: string; status?: string; light?: Light;
  departmentId?: string; issuedBy?: string; responderId?: string; dueAt?: string; provisional?: boolean; issuedAt: string; closedAt?: string;
  about?: string; responseTaskId?: string;
}

export interface InstructionState extends InstructionSummary {
  text: string; processKind: string; processId: string; status: 'awaitingAnswer' | 'answered' | 'accepted'; light: Light;
  departmentId: string; issuedBy: string; responderId: string; responseWorkingDays: number; round: number; returned: boolean;
  answers: { round: number; answer: string; answeredBy: string; answeredAt: string; decision?: 'accepted' | 'returned'; decidedAt?: string; comment?: string }[];
  history: TaskHistoryEntry[];
}

/** A person's board as the API computes it (api/board.ts): the workbench draws it and counts nothing itself. */
/** A report issued on schedule (GET /api/reports/issued; reports/issued.ts); `files` when the reader may download the district's. */
export interface IssuedReport { kind: string; key: string; title: string; period: string; issuedAt: string; sentTo: string[]; files: boolean }

export interface AccountabilityRow {
  key: string; name: string; figures: Record<string, number>; cases: Record<string, string[]>;
  measures: Record<string, { good: number; total: number; cases: { good: string[]; bad: string[] } }>;
}

/** 挂责问效 (GET /api/reports/accountability; reports/view.ts ReportView). */
export interface AccountabilityReport {
  title: string;
  scope: string;
  period: { kind: string; key: string; label: string; words: string; previous: string };
  asOf: string;
  columns: { name: string; label: string }[];
  groups: { name: string; label: string; rows: AccountabilityRow[] }[];
  measures: { key: string; label: string }[];
  caseLinks: Record<string, { title: string; href: string }>;
  chartSvg: string;
  ranking: { rank: number; departmentId: string; name: string; score: number; previousRank?: number; trend: string; list: 'red' | 'black' | '' }[];
  notes: string[];
}

const accountabilityQuery = (period: string, at?: string) => new URLSearchParams({ period, ...(at ? { at } : {}) }).toString();

/** The board as the API counts it (api/board.ts): every count exact, the red and yellow items a page at a time. */
export interface LeaderBoard {
  scope: 'district' | { departments: string[]; people: string[] };
  kinds: { kind: string; title: string; total: number; lights: Record<Light, number>; categories?: { category?: string; total: number; lights: Record<Light, number> }[] }[];
  departments: { departmentId: string; total: number; lights: Record<Light, number> }[];
  items: { kind: string; id: string; title?: string; status?: string; light: Light; category?: string; departmentId?: string; assignedLeaderId?: string }[];
  /** The cursor of the next page of items; absent on the last. */
  next?: string;
}

/** A JSON Schema as zod's `toJSONSchema` writes an outcome's payload. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  description?: string;
}

/** A refusal from the server: its status and its reason, as the API words it. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown) {
    super(message);
  }
}

let csrf: string | undefined;

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method !== 'GET' && csrf ? { 'x-csrf-token': csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await res.text();
  const parsed = text ? (() => { try { return JSON.parse(text); } catch { return { error: text }; } })() : undefined;
  if (!res.ok) throw new ApiError(res.status, parsed?.error ?? parsed?.message ?? res.statusText, parsed?.details ?? parsed?.issues);
  return parsed as T;
}

const enc = encodeURIComponent;

export const api = {
  config: () => call<{ demo: boolean; oidc?: boolean; people: Person[]; departments: DepartmentRef[] }>('GET', '/web/config'),
  async session(): Promise<Session> {
    const s = await call<Session>('GET', '/web/session');
    csrf = s.csrfToken;
    return s;
  },
  async signIn(by: { personId: string } | { token: string }): Promise<void> {
    const s = await call<{ csrfToken: string }>('POST', '/web/session', by);
    csrf = s.csrfToken;
  },
  /** Closes the session; with an identity provider, the answer names where to go to end that session too. */
  async signOut(): Promise<{ endSession?: string }> {
    const answer = await call<{ endSession?: string } | undefined>('DELETE', '/web/session');
    csrf = undefined;
    return answer ?? {};
  },
  form: (form: string) => call<{ form: string; outcomes: Record<string, JsonSchema> }>('GET', `/web/forms/${enc(form)}`),
  eventsUrl: '/web/events',

  inbox: (filter: { light?: string; processKind?: string; limit?: number; cursor?: string } = {}) => {
    const q = new URLSearchParams();
    if (filter.light) q.set('light', filter.light);
    if (filter.processKind) q.set('processKind', filter.processKind);
    if (filter.cursor) q.set('cursor', filter.cursor);
    q.set('limit', String(filter.limit ?? 100));
    return call<{ tasks: TaskSummary[]; counts: InboxCounts; next?: string }>('GET', `/api/tasks?${q}`);
  },
  task: (id: string) => call<TaskState | RecordedTask>('GET', `/api/tasks/${enc(id)}`),
  claim: (id: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/claim`),
  release: (id: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/release`),
  complete: (id: string, outcome: string, payload: Record<string, unknown>, idempotencyKey: string) =>
    call<TaskCompletion | PendingCompletion>('POST', `/api/tasks/${enc(id)}/complete`, { outcome, payload }, { 'idempotency-key': idempotencyKey }),
  requestExtension: (id: string, workingDays: number, reason: string) =>
    call<TaskState>('POST', `/api/tasks/${enc(id)}/extension`, { workingDays, reason }),
  decideExtension: (id: string, approve: boolean, reason?: string) =>
    call<TaskState>('POST', `/api/tasks/${enc(id)}/extension/decision`, { approve, ...(reason ? { reason } : {}) }),
  reassign: (id: string, to: { toPersonId?: string; toDepartmentId?: string; reason?: string }) =>
    call<TaskState>('POST', `/api/tasks/${enc(id)}/reassign`, to),
  chase: (id: string, note?: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/chase`, note ? { note } : {}),
  copy: (id: string, to: { personIds?: string[]; departmentIds?: string[]; note?: string }) => call<TaskState>('POST', `/api/tasks/${enc(id)}/copy`, to),
  markRead: (id: string) => call<{ taskId: string; status: 'read' }>('POST', `/api/tasks/${enc(id)}/read`),
  handOver: (id: string, how: 'delegate' | 'transfer', toPersonId: string, reason?: string) =>
    call<TaskState>('POST', `/api/tasks/${enc(id)}/${how}`, { toPersonId, ...(reason ? { reason } : {}) }),
  returnDelegation: (id: string, opinion: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/delegation/return`, { opinion }),
  addSigners: (id: string, personIds: string[], note?: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/signers`, { personIds, ...(note ? { note } : {}) }),
  answerSign: (id: string, opinion: string, agree?: boolean) =>
    call<TaskState>('POST', `/api/tasks/${enc(id)}/signers/answer`, { opinion, ...(agree !== undefined ? { agree } : {}) }),
  signAfter: (id: string, outcome: string, payload: Record<string, unknown>, personIds: string[]) =>
    call<TaskState>('POST', `/api/tasks/${enc(id)}/sign-after`, { outcome, payload, personIds }),
  withdraw: (id: string, reason: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/withdraw`, { reason }),
  returnTo: (id: string, toStep: string, reason: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/return`, { toStep, reason }),
  removeSigner: (id: string, personId: string) => call<TaskState>('POST', `/api/tasks/${enc(id)}/signers/remove`, { personId }),
  copies: (page: { status?: 'unread' | 'read'; cursor?: string } = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(page)) if (v) q.set(k, v);
    return call<{ copies: CopySummary[]; counts: { total: number; unread: number }; next?: string }>('GET', `/api/copies?${q}`);
  },

  kinds: () => call<{ kinds: KindSummary[] }>('GET', '/api/processes'),
  directory: () => call<import('../../directory/store').DirectoryVersion>('GET', '/api/directory'),
  directoryHistory: () => call<{ versions: import('../../directory/store').DirectoryVersionInfo[] }>('GET', '/api/directory/history'),
  agentOf: (personId: string) => call<AgentView>('GET', `/api/people/${enc(personId)}/agent`),
  setAgent: (personId: string, body: { agentId: string; from: string; until: string }) => call<AgentView>('POST', `/api/people/${enc(personId)}/agent`, body),
  clearAgent: (personId: string) => call<void>('POST', `/api/people/${enc(personId)}/agent/clear`, {}),
  handOverPerson: (personId: string, body: { toPersonId: string; reason: string; dryRun: boolean }) =>
    call<import('../../api/handover-service').HandoverAnswer>('POST', `/api/people/${enc(personId)}/handover`, body),
  processes: (kind: string, filter: { light?: string; status?: string; category?: string; department?: string; limit?: number; cursor?: string } = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
    return call<{ processes: ProcessSummary[]; total: number; next?: string }>('GET', `/api/processes/${enc(kind)}?${q}`);
  },
  /** Every process of the kind the person may read, page after page (a chart that draws them all). */
  allProcesses: async (kind: string): Promise<ProcessSummary[]> => {
    const all: ProcessSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.processes(kind, { limit: 500, cursor });
      all.push(...page.processes);
      cursor = page.next;
    } while (cursor);
    return all;
  },
  process: (kind: string, id: string) => call<ProcessView>('GET', `/api/processes/${enc(kind)}/${enc(id)}`),

  acknowledge: (taskId: string, body: { step?: number; note?: string } = {}) =>
    call<TaskState>('POST', `/api/tasks/${enc(taskId)}/acknowledge`, body),
  myEscalations: (acknowledged?: boolean) =>
    call<{ escalations: MyEscalation[] }>('GET', `/api/leaders/me/escalations${acknowledged === undefined ? '' : `?acknowledged=${acknowledged}`}`),
  leaderBoard: (cursor?: string) => call<LeaderBoard>('GET', `/api/leaders/me/board${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  accountability: (period: string, at?: string) => call<AccountabilityReport>('GET', `/api/reports/accountability?${accountabilityQuery(period, at)}`),
  accountabilityFile: (format: 'xlsx' | 'pdf', period: string, at?: string) => `/api/reports/accountability.${format}?${accountabilityQuery(period, at)}`,
  issuedReports: () => call<{ reports: IssuedReport[] }>('GET', '/api/reports/issued'),
  issuedReportFile: (r: Pick<IssuedReport, 'kind' | 'key'>, format: 'xlsx' | 'pdf') => `/api/reports/issued/${enc(r.kind)}/${enc(r.key)}.${format}`,
  instruct: (kind: string, processId: string, body: { text: string; responseWorkingDays: number; departmentId: string; about?: string }) =>
    call<{ instructionId: string; processId: string }>('POST', `/api/processes/${enc(kind)}/${enc(processId)}/instructions`, body),
  myInstructions: () => call<{ instructions: InstructionSummary[] }>('GET', '/api/leaders/me/instructions'),
  instruction: (id: string) => call<InstructionState>('GET', `/api/instructions/${enc(id)}`),
  answerInstruction: (id: string, answer: string) => call<{ taskId: string }>('POST', `/api/instructions/${enc(id)}/answer`, { answer }),
  acceptInstruction: (id: string, comment?: string) => call<InstructionState>('POST', `/api/instructions/${enc(id)}/accept`, comment ? { comment } : {}),
  returnInstruction: (id: string, comment: string) => call<InstructionState>('POST', `/api/instructions/${enc(id)}/return`, { comment }),
};
