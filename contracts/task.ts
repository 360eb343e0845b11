/**
 * The human task (经办任务): input, state, and the updates that act on it.
 */
import { z } from 'zod';
import { Actor, DepartmentId, PersonId, Role } from './directory';
import { isFormName } from './forms';
import { Ladder, Light, RecipientRole } from './ladder';

/** A form's name; forms are registered by process definitions (contracts/forms.ts), so the set is known at run time. */
export const FormName = z.string().refine(isFormName, { message: 'unknown form' });
export type FormName = z.infer<typeof FormName>;

export const TaskStatus = z.enum(['open', 'claimed', 'completed', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/**
 * The deadline extensions (延期) a task allows: asked for before its deadline by whoever may
 * complete it, decided by someone of the task's department with one of `approverRoles` (or an
 * admin); granted working days move every rung of a working-day ladder.
 */
/**
 * The verbs a kind may forbid on a task (`verbs: { forbid: [...] }`): the OA verbs every task has
 * unless its kind says otherwise (docs/verbs.md). Claiming and completing are never forbidden.
 */
export const ForbiddableVerb = z.enum(['chase', 'copy', 'addSigners', 'signAfter', 'delegate', 'transfer', 'withdraw']);
export type ForbiddableVerb = z.infer<typeof ForbiddableVerb>;

/** The step a task follows, which its completer may take back (撤回) while this task is untouched (workflows/task-withdraw.ts). */
export const PreviousStep = z.object({
  taskId: z.string().min(1),
  completedBy: PersonId,
  title: z.string().optional(),
});
export type PreviousStep = z.infer<typeof PreviousStep>;

/**
 * A step a task may be returned to (退回), offered by the returnable block
 * (workflows/blocks/returnable.ts): the step's name, what it is called, its task and who did it.
 */
export const ReturnTarget = z.object({
  step: z.string().min(1),
  title: z.string().min(1),
  taskId: z.string().min(1),
  completedBy: PersonId,
});
export type ReturnTarget = z.infer<typeof ReturnTarget>;

/**
 * A return (退回): who sent the process back from which task to which step (and the task that
 * step had, and who did it), when and why (workflows/task-return.ts).
 */
export const TaskReturn = z.object({
  by: PersonId,
  at: z.string(),
  fromTaskId: z.string(),
  toStep: z.string(),
  toTitle: z.string(),
  toTaskId: z.string(),
  completedBy: PersonId,
  reason: z.string(),
});
export type TaskReturn = z.infer<typeof TaskReturn>;

export const ExtensionPolicy = z.object({
  approverRoles: z.array(Role).min(1),
  /** The most working days granted in all. */
  maxWorkingDays: z.number().int().min(1).max(60),
});
export type ExtensionPolicy = z.infer<typeof ExtensionPolicy>;

export const HumanTaskInput = z
  .object({
    /** Unique within the parent process; the task's workflow id is `<processId>/<taskKey>`. */
    taskKey: z.string().min(1).regex(/^[A-Za-z0-9._:-]+$/),
    processKind: z.string().min(1),
    processId: z.string().min(1),
    title: z.string().min(1),
    departmentId: DepartmentId.optional(),
    assigneeId: PersonId.optional(),
    /** Roles within the department that may act (default: staff and the department head). */
    candidateRoles: z.array(Role).default(['staff', 'departmentHead']),
    form: FormName,
    outcomes: z.array(z.string().min(1)).min(1),
    /** Outcomes only some roles may choose, e.g. a transfer only the department head decides. */
    outcomeRoles: z.record(z.string(), z.array(Role)).default({}),
    ladder: Ladder,
    /** The 挂点领导 of the project, when the task belongs to one; else the department's. */
    assignedLeaderId: PersonId.optional(),
    /** Top leaders who supervise this item (领衔督办). */
    supervisingLeaderIds: z.array(PersonId).default([]),
    /** Told at once when the task is created (a ladder that starts one level higher). */
    notifyOnCreate: z.array(RecipientRole).default([]),
    /** When the SLA clock starts; defaults to the task's start. */
    clockStartsAt: z.iso.datetime({ offset: true }).optional(),
    /** Who started the process (发起人): they may chase the task (催办). */
    initiatorId: PersonId.optional(),
    /** Whether, and how, its deadline may be extended; none when absent. */
    extension: ExtensionPolicy.optional(),
    /** The verbs this kind forbids on the task, e.g. 撤回 where the step has outside effects. */
    verbs: z.object({ forbid: z.array(ForbiddableVerb).default([]) }).optional(),
    /** Set by the withdrawable block (workflows/blocks/withdrawable.ts): the step before, which its completer may take back. */
    previousStep: PreviousStep.optional(),
    /** Set by the returnable block (workflows/blocks/returnable.ts): the steps done before, which this task's holder may return the process to (退回). */
    returnTargets: z.array(ReturnTarget).optional(),
    /** The return (退回) that reopened this step: its reason is shown on the task. */
    returnedFrom: TaskReturn.optional(),
  })
  .refine((t) => t.departmentId !== undefined || t.assigneeId !== undefined, {
    message: 'a task needs an assignee or a department',
  });
export type HumanTaskInput = z.input<typeof HumanTaskInput>;
export type HumanTaskParams = z.output<typeof HumanTaskInput>;

/** Whom to copy (抄送): people, and the departments they were chosen through (the API names their people). */
export const CopyTo = z.object({
  personIds: z.array(PersonId).min(1).max(100),
  departmentIds: z.array(DepartmentId).max(20).default([]),
});
export type CopyTo = z.input<typeof CopyTo>;

export const CompleteTask = z.object({
  actor: Actor,
  outcome: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** Copied (抄送) at completion: they are told, and may read the task and its process. */
  copyTo: CopyTo.optional(),
});
export type CompleteTask = z.input<typeof CompleteTask>;

export const ClaimTask = z.object({ actor: Actor });
export type ClaimTask = z.infer<typeof ClaimTask>;

export const ReassignTask = z
  .object({
    actor: Actor,
    toPersonId: PersonId.optional(),
    toDepartmentId: DepartmentId.optional(),
    reason: z.string().trim().max(1000).optional(),
    /**
     * Move it only while this person holds it, and not while it is out with them on a 委派: a
     * handover (离职交接, api/handover-service.ts) moves what the person who leaves holds, never a
     * task that changed hands since the list was read.
     */
    ifHeldBy: PersonId.optional(),
  })
  .refine((r) => r.toPersonId !== undefined || r.toDepartmentId !== undefined, {
    message: 'reassign to a person, a department, or both',
  });
export type ReassignTask = z.infer<typeof ReassignTask>;

export const RequestExtension = z.object({
  actor: Actor,
  workingDays: z.number().int().min(1).max(60),
  reason: z.string().trim().min(1, 'say why more time is needed').max(1000),
});
export type RequestExtension = z.infer<typeof RequestExtension>;

export const DecideExtension = z.object({
  actor: Actor,
  approve: z.boolean(),
  reason: z.string().trim().max(1000).optional(),
});
export type DecideExtension = z.infer<typeof DecideExtension>;

/**
 * A leader acknowledges (已阅/收到) an escalation that reached them: `step` names the rung (the
 * latest one that reached them when absent). The light does not change; the next rung says
 * whether it was acknowledged.
 */
export const AcknowledgeEscalation = z.object({
  actor: Actor,
  step: z.number().int().min(0).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type AcknowledgeEscalation = z.infer<typeof AcknowledgeEscalation>;

/**
 * Chasing the holder (催办): the initiator, the department head, a leader or an admin; at most once
 * per half working day per person and task (workflows/task-chase.ts). What a person typed stays on
 * the task.
 */
export const ChaseTask = z.object({
  actor: Actor,
  note: z.string().trim().max(500).optional(),
});
export type ChaseTask = z.infer<typeof ChaseTask>;

/** One chase on the task's record: the n-th (`count`), and from when its sender may chase again. */
export const ChaseRecord = z.object({
  personId: PersonId,
  at: z.string(),
  count: z.number().int().min(1),
  nextAllowedAt: z.string(),
  note: z.string().optional(),
});
export type ChaseRecord = z.infer<typeof ChaseRecord>;

/** Copy a task to people (抄送), at any time while it is open (workflows/task-copy.ts). */
export const CopyTask = CopyTo.extend({
  actor: Actor,
  note: z.string().trim().max(500).optional(),
});
export type CopyTask = z.input<typeof CopyTask>;

/** One copying on the task's record: by whom, to whom (those not copied before), when. */
export const CopyRecord = z.object({
  by: PersonId,
  at: z.string(),
  personIds: z.array(PersonId),
  departmentIds: z.array(DepartmentId),
  note: z.string().optional(),
});
export type CopyRecord = z.infer<typeof CopyRecord>;

/**
 * A copy held by one person (抄送我的): its own small workflow, `<taskId>/cc/<personId>`, which
 * outlives the task, until the person marks it read (已阅).
 */
export const CopyInput = z.object({
  taskId: z.string(),
  taskTitle: z.string(),
  processKind: z.string(),
  processId: z.string(),
  personId: PersonId,
  by: PersonId,
  at: z.string(),
  note: z.string().optional(),
});
export type CopyInput = z.infer<typeof CopyInput>;

export const CopyState = CopyInput.extend({
  copyId: z.string(),
  status: z.enum(['unread', 'read']),
  readAt: z.string().optional(),
});
export type CopyState = z.infer<typeof CopyState>;

export const MarkCopyRead = z.object({ actor: Actor });
export type MarkCopyRead = z.infer<typeof MarkCopyRead>;

/**
 * Asking others' opinions before deciding (前加签): the holder adds people; the task waits, and
 * cannot be completed, until each has answered, in any order (workflows/task-signers.ts).
 */
export const AddSigners = z.object({
  actor: Actor,
  personIds: z.array(PersonId).min(1).max(20),
  note: z.string().trim().max(500).optional(),
});
export type AddSigners = z.infer<typeof AddSigners>;

export const AnswerSign = z.object({
  actor: Actor,
  opinion: z.string().trim().min(1, 'give your opinion').max(2000),
  /** 后加签: whether the person asked approves the holder's decision; required of them, absent for 前加签. */
  agree: z.boolean().optional(),
});
export type AnswerSign = z.infer<typeof AnswerSign>;

/** 减签: remove an added person who has not answered; never the last one added. */
export const RemoveSigner = z.object({
  actor: Actor,
  personId: PersonId,
  reason: z.string().trim().max(500).optional(),
});
export type RemoveSigner = z.infer<typeof RemoveSigner>;

export const SignRecord = z.object({
  personId: PersonId,
  addedBy: PersonId,
  addedAt: z.string(),
  note: z.string().optional(),
  status: z.enum(['pending', 'answered', 'removed']),
  opinion: z.string().optional(),
  answeredAt: z.string().optional(),
  removedBy: PersonId.optional(),
  /** `after` (后加签): asked to approve the holder's decision; absent for an opinion before (前加签). */
  phase: z.literal('after').optional(),
  /** 后加签: the answer, approved or not. */
  agree: z.boolean().optional(),
});
export type SignRecord = z.infer<typeof SignRecord>;

/**
 * 后加签 (sign after): the holder decides, and the people named must approve before the task is
 * completed; one who disagrees sends the decision back to the holder (workflows/task-signers.ts).
 */
export const SignAfter = z.object({
  actor: Actor,
  outcome: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).default({}),
  personIds: z.array(PersonId).min(1).max(20),
  note: z.string().trim().max(500).optional(),
});
export type SignAfter = z.input<typeof SignAfter>;

/** The holder's decision awaiting the approval of those asked after it (后加签). */
export const PendingDecision = z.object({
  outcome: z.string(),
  payload: z.record(z.string(), z.unknown()),
  actorId: PersonId,
  at: z.string(),
});
export type PendingDecision = z.infer<typeof PendingDecision>;

/**
 * 撤回 (withdraw): whoever completed the step before takes it back while this task is untouched;
 * this task ends withdrawn with the reason, and the step reopens to them (workflows/task-withdraw.ts).
 */
export const WithdrawTask = z.object({
  actor: Actor,
  /** The step taken back: the task this one follows. */
  fromTaskId: z.string().min(1),
  reason: z.string().trim().min(1, 'say why you take it back').max(500),
});
export type WithdrawTask = z.infer<typeof WithdrawTask>;

/**
 * 退回 (return to an earlier step): the holder sends the process back to a step already done that
 * the kind offers (`returnTargets`); this task ends with the reason, the other tasks of its
 * parallel group are cancelled with it, and the step reopens to whoever did it (workflows/task-return.ts).
 */
export const ReturnToStep = z.object({
  actor: Actor,
  /** The step's name, one of the task's `returnTargets`. */
  toStep: z.string().min(1),
  reason: z.string().trim().min(1, 'say why you return it').max(500),
});
export type ReturnToStep = z.infer<typeof ReturnToStep>;

export const Withdrawal = z.object({
  by: PersonId,
  at: z.string(),
  fromTaskId: z.string(),
  reason: z.string(),
});
export type Withdrawal = z.infer<typeof Withdrawal>;

/**
 * 委派 (delegate) hands the task to a colleague to act on, and it comes back to the holder, who
 * completes it; 转交 (transfer) hands it over for good (workflows/task-handover.ts).
 */
export const HandOver = z.object({
  actor: Actor,
  toPersonId: PersonId,
  reason: z.string().trim().max(500).optional(),
});
export type HandOver = z.infer<typeof HandOver>;

/** The delegate's action (委派): their opinion, and the task back to the holder. */
export const ReturnDelegation = z.object({
  actor: Actor,
  opinion: z.string().trim().min(1, 'say what you did').max(2000),
});
export type ReturnDelegation = z.infer<typeof ReturnDelegation>;

export const Delegation = z.object({
  from: PersonId,
  to: PersonId,
  at: z.string(),
  reason: z.string().optional(),
  opinion: z.string().optional(),
  returnedAt: z.string().optional(),
});
export type Delegation = z.infer<typeof Delegation>;

/** An escalation rung that fired: whom it reached (once published) and who has acknowledged it. */
export const EscalationRecord = z.object({
  step: z.number().int(),
  at: z.string(),
  label: z.string().optional(),
  /** Empty until the event is published: the directory resolves the rung's roles then. */
  recipients: z.array(PersonId),
  acknowledgements: z.array(z.object({ personId: PersonId, at: z.string(), note: z.string().optional() })),
});
export type EscalationRecord = z.infer<typeof EscalationRecord>;

/** A task's extensions: the working days granted so far, and a request awaiting its decision. */
export const TaskExtension = z.object({
  grantedWorkingDays: z.number().int(),
  pending: z.object({
    workingDays: z.number().int(),
    reason: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
  }).optional(),
});
export type TaskExtension = z.infer<typeof TaskExtension>;

export const Deadline = z.object({
  step: z.number().int(), // -1 is the due instant itself
  at: z.string(),
  provisional: z.boolean(),
  fired: z.boolean(),
});
export type Deadline = z.infer<typeof Deadline>;

export const TaskHistoryEntry = z.object({
  at: z.string(),
  type: z.string(),
  actorId: z.string().optional(),
  /** The agent (代理) who acted for `actorId`: 代某某办理. */
  agentId: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TaskHistoryEntry = z.infer<typeof TaskHistoryEntry>;

export const TaskCompletion = z.object({
  outcome: z.string(),
  payload: z.record(z.string(), z.unknown()),
  actorId: PersonId,
  /** The agent (代理) who completed it for `actorId`. */
  agentId: PersonId.optional(),
  at: z.string(),
  /** The caller's idempotency key: a retried completion with the same key gets this answer again. */
  updateId: z.string().optional(),
  /** Completed by a ladder rung (超时自动处理), not a person: the rung and the rule. `actorId` is then `system`. */
  automatic: z.object({ step: z.number().int(), rule: z.string() }).optional(),
});
export type TaskCompletion = z.infer<typeof TaskCompletion>;

/** The authoritative state of a task, as its query returns it. */
export const TaskState = z.object({
  taskId: z.string(),
  taskKey: z.string(),
  processKind: z.string(),
  processId: z.string(),
  title: z.string(),
  form: FormName,
  outcomes: z.array(z.string()),
  status: TaskStatus,
  departmentId: DepartmentId.optional(),
  assigneeId: PersonId.optional(),
  candidateRoles: z.array(Role),
  light: Light,
  createdAt: z.string(),
  dueAt: z.string().optional(),
  provisional: z.boolean(),
  deadlines: z.array(Deadline),
  history: z.array(TaskHistoryEntry),
  completion: TaskCompletion.optional(),
  /** Present when the task allows extensions. */
  extension: TaskExtension.optional(),
  /** The escalation rungs that fired, oldest first, with whom they reached and their acknowledgements. */
  escalations: z.array(EscalationRecord).optional(),
  /** Who started the process (发起人), when the process said. */
  initiatorId: PersonId.optional(),
  /** Every chase (催办), oldest first; absent until the first. */
  chases: z.array(ChaseRecord).optional(),
  /** Every copying (抄送), oldest first; absent until the first. */
  copies: z.array(CopyRecord).optional(),
  /** The people asked for their opinion (前加签), oldest first; absent until the first. */
  signers: z.array(SignRecord).optional(),
  /** Every delegation (委派), oldest first; the last is open until it has `returnedAt`. */
  delegations: z.array(Delegation).optional(),
  /** The verbs its kind forbids on this task; absent when none. */
  forbiddenVerbs: z.array(ForbiddableVerb).optional(),
  /** The step before, which its completer may take back (撤回) while this task is untouched. */
  previousStep: PreviousStep.optional(),
  /** The holder's decision while those asked after it (后加签) have not all approved. */
  pendingDecision: PendingDecision.optional(),
  /** Taken back by the completer of the step before (撤回): the task ended with it (`status` cancelled). */
  withdrawal: Withdrawal.optional(),
  /** The steps done before that the holder may return the process to (退回); absent where the kind offers none. */
  returnTargets: z.array(ReturnTarget).optional(),
  /** Returned (退回) to an earlier step by its holder: the task ended with it (`status` cancelled). */
  returned: TaskReturn.optional(),
  /** Reopened by a return (退回): who sent it back, and why. */
  returnedFrom: TaskReturn.optional(),
  /** Cancelled because another task of its parallel group was returned (退回): that return. */
  cancelledByReturn: TaskReturn.optional(),
});
export type TaskState = z.infer<typeof TaskState>;

/** A task as the API shows it to one person: its state, and the verbs they may use on it now. */
export const TaskView = TaskState.extend({
  verbs: z.array(z.string()).describe('the verbs the caller may use on this task now, e.g. claim, complete, chase'),
  chaseAgainAt: z.string().optional().describe('the caller chased this task in this half working day: when they may chase again'),
  copy: z.object({ status: z.enum(['unread', 'read']) }).optional().describe('the copy (抄送) the caller holds of this task, if any'),
  nextStep: z.object({ taskId: z.string(), title: z.string(), status: TaskStatus }).optional()
    .describe('a task the caller completed: the step its process opened after it, which they may take back (撤回, verb withdraw) while it is untouched'),
  forPersonId: z.string().optional().describe('the caller stands in for this person on this task (代理): what they do is done for them, 代某某办理'),
});
export type TaskView = z.infer<typeof TaskView>;

/** What a task's workflow returns to its parent process. */
export type TaskResult =
  | { status: 'completed'; completion: TaskCompletion; light: Light; extendedWorkingDays?: number }
  | { status: 'cancelled'; light: Light }
  | { status: 'withdrawn'; light: Light; withdrawal: Withdrawal }
  | { status: 'returned'; light: Light; returned: TaskReturn };

/** An open task as a process's view lists it. */
export const OpenTaskSummary = z.object({
  taskId: z.string(),
  title: z.string(),
  status: TaskStatus,
  light: Light,
  dueAt: z.string().optional(),
  provisional: z.boolean(),
  departmentId: z.string().optional(),
  assigneeId: z.string().optional(),
});
export type OpenTaskSummary = z.infer<typeof OpenTaskSummary>;
