/**
 * A key project's year (重点项目年度推进): what the project office (项目督调办) sends when it puts a
 * key project on the year's wall chart, the actions people take on it, and what its state query
 * reports — the chain of nodes (节点清单), the problem list (问题清单), the monthly dispatch (月调度),
 * and what its category asks for (走访, 要素保障, 送政策送服务).
 *
 * Amounts are in 万元 (ten thousand yuan), as the district's dispatch tables give them.
 */
import { z } from 'zod';
import { CivilDate } from '../../contracts/civil-date';
import { Actor, DepartmentId, PersonId } from '../../contracts/directory';
import { Light } from '../../contracts/ladder';
import { templates } from './templates';

const Key = z.string().trim().min(1).max(60).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"');
const Text = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max);

/** 省重点 / 市重点 / 区重点: how far each ladder climbs and who is told (分级督导). */
export const Tier = z.enum(['provincial', 'city', 'district']);
export type Tier = z.infer<typeof Tier>;

/** 新开工 (planned to start this year), 在建 (under construction), 社会投资 (social investment): what the district does for it (分类施策). */
export const Category = z.enum(['newStart', 'underConstruction', 'socialInvestment']);
export type Category = z.infer<typeof Category>;

/** What a problem is about (问题类别). */
export const ProblemCategory = z.enum(['land', 'energy', 'labour', 'funds', 'approval', 'relocation', 'other']);
export type ProblemCategory = z.infer<typeof ProblemCategory>;

/** The elements secured for a project under construction (要素保障). */
export const Element = z.enum(['land', 'energy', 'labour', 'funds', 'materials']);
export type Element = z.infer<typeof Element>;

/**
 * One node of the chain (节点): a node of the template by its key (its name from the template), or
 * one of the project's own with a name. Its responsible department (责任部门) and person (责任人)
 * and its planned date (计划完成时间).
 */
export const NodePlan = z.object({
  key: Key,
  /** Required for a node the template does not have. */
  name: z.string().trim().min(1).max(100).optional(),
  departmentId: DepartmentId,
  personId: PersonId,
  plannedDate: CivilDate,
  /** Nodes it follows; the template's by default. */
  dependsOn: z.array(Key).optional(),
  /** The approval item of the project's approval process that completes this node when approved. */
  approvalItemKey: Key.optional(),
  /** Already done when the project is put on the chart mid-year (from the office's records). */
  done: z.object({ actualDate: CivilDate, summary: Text(2000, 'say what was done') }).strict().optional(),
}).strict();
export type NodePlan = z.infer<typeof NodePlan>;

/** Settings a tier gives (settings.ts), which one project may override. */
export const PushSettings = z.object({
  /** Working days before a node's planned date it turns yellow (临期). */
  dueSoonWorkingDays: z.number().int().min(0).max(30),
  /** The day of the month the dispatch report is due (月调度); the working day before when it is a day off. */
  dispatchDay: z.number().int().min(1).max(28),
  /** Points behind the time-proportional plan (序时进度) from which the dispatch is yellow. */
  behindYellow: z.number().min(0).max(100),
  /** Points behind beyond which it is red. */
  behindRed: z.number().min(0).max(100),
  /** Working days between two visits to a project planned to start (走访), until it starts. */
  visitEveryWorkingDays: z.number().int().min(1).max(60),
}).strict();
export type PushSettings = z.infer<typeof PushSettings>;

export const StartKeyProjectPush = z.object({
  /** The workflow id: one per project and year, e.g. `kp-2026-jxjk`. */
  id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, ".", "_", ":" or "-"'),
  year: z.number().int().min(2020).max(2100),
  name: Text(200, 'give the project its name'),
  tier: Tier,
  category: Category,
  /** 业主单位, and the person there who reports the monthly dispatch. */
  ownerUnit: z.object({ name: Text(200, "give the owner unit's name"), contactId: PersonId }).strict(),
  /** 负责部门 of the project. */
  responsibleDepartmentId: DepartmentId,
  /** 挂点领导. */
  assignedLeaderId: PersonId,
  /** The project office's department (项目督调办), whose `projectOffice` people assign problems, verify 销号 and approve replanning. */
  officeDepartmentId: DepartmentId,
  /** This year's planned investment, 万元: the base of 序时进度. */
  plannedInvestment: z.number().positive().max(1e8),
  /** The chain's template (templates.ts); the nodes name its nodes by key. */
  template: z.string().default('standard'),
  nodes: z.array(NodePlan).min(1, 'a chain has at least one node').max(60),
  /** The project's approval process (a process whose events say an item was approved), whose approved items complete the nodes that name them. */
  approvalProcessId: z.string().trim().min(1).max(100).optional(),
  /** For a project under construction: each element's owner department, and whether it is secured. */
  elements: z.array(z.object({ element: Element, departmentId: DepartmentId, secured: z.boolean().default(true) }).strict()).default([]),
  /** The months already reported before the project was put on the chart (from the office's records). */
  pastDispatches: z.array(z.object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
    investmentThisMonth: z.number().min(0),
    cumulativeInvestment: z.number().min(0),
    workers: z.number().int().min(0),
    progress: Text(2000, 'say how the works stood'),
  }).strict()).default([]),
  /** Problems already known when the project is put on the chart: raised at its start, for the office to assign. */
  problems: z.array(z.object({
    category: z.enum(['land', 'energy', 'labour', 'funds', 'approval', 'relocation', 'other']),
    description: Text(2000, 'say what the problem is'),
    blocksNodeKey: Key.optional(),
    blocks: z.string().trim().max(500).optional(),
    raisedBy: PersonId,
  }).strict()).default([]),
  /** This project's own settings beside its tier's (ladders.ts). */
  settings: PushSettings.partial().default({}),
}).strict().superRefine((p, ctx) => {
  const template = templates[p.template];
  if (!template) {
    ctx.addIssue({ code: 'custom', path: ['template'], message: `no template ${p.template}; one of: ${Object.keys(templates).join(', ')}` });
    return;
  }
  const keys = new Set<string>();
  p.nodes.forEach((n, i) => {
    if (keys.has(n.key)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'key'], message: `node ${n.key} twice` });
    keys.add(n.key);
    if (!n.name && !template.nodes.some((t) => t.key === n.key)) {
      ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `${n.key} is not a node of the ${p.template} template: give it a name` });
    }
    if (!n.plannedDate.startsWith(String(p.year))) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'plannedDate'], message: `a date in ${p.year}` });
  });
  p.nodes.forEach((n, i) => (n.dependsOn ?? []).forEach((d, j) => {
    if (!keys.has(d)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'dependsOn', j], message: `no node ${d} in this chain` });
  }));
  if (p.settings.behindYellow !== undefined && p.settings.behindRed !== undefined && p.settings.behindRed < p.settings.behindYellow) {
    ctx.addIssue({ code: 'custom', path: ['settings', 'behindRed'], message: 'red starts no earlier than yellow' });
  }
});
export type StartKeyProjectPush = z.input<typeof StartKeyProjectPush>;
export type KeyProjectPushInput = z.output<typeof StartKeyProjectPush>;

/** 调整计划: a node's new date, with the reason; the project office decides. */
export const ReplanNode = z.object({ actor: Actor, nodeKey: Key, newDate: CivilDate, reason: Text(1000, 'say why the plan changes') }).strict();
export type ReplanNode = z.infer<typeof ReplanNode>;

/** A problem raised on the project (问题上报). */
export const RaiseProblem = z.object({
  actor: Actor,
  category: ProblemCategory,
  description: Text(2000, 'say what the problem is'),
  /** The node it holds up, if any. */
  blocksNodeKey: Key.optional(),
  /** What else it holds up, in words. */
  blocks: z.string().trim().max(500).optional(),
}).strict();
export type RaiseProblem = z.infer<typeof RaiseProblem>;

/** An element of a project under construction secured again, or short (要素保障). */
export const ReportElement = z.object({
  actor: Actor,
  element: Element,
  secured: z.boolean(),
  note: z.string().trim().max(1000).optional(),
}).strict();
export type ReportElement = z.infer<typeof ReportElement>;

export const NodeStatus = z.enum(['open', 'done']);
export const Replan = z.object({
  requestedAt: z.string(),
  requestedBy: z.string(),
  fromDate: z.string(),
  newDate: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  /** Asked before the date it would change: an approval moves the date the node is assessed against. */
  early: z.boolean(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  refusal: z.string().optional(),
});
export type Replan = z.infer<typeof Replan>;

export const NodeState = z.object({
  key: z.string(),
  name: z.string(),
  departmentId: z.string(),
  personId: z.string(),
  /** The date in the plan now (after approved replanning). */
  plannedDate: z.string(),
  /** The date the node is assessed against: the first one, unless a replan asked before it was approved. */
  assessedDate: z.string(),
  /** The working day it is due by (the assessed date, or the working day before when that is a day off). */
  dueDate: z.string().optional(),
  dependsOn: z.array(z.string()),
  approvalItemKey: z.string().optional(),
  status: NodeStatus,
  light: Light,
  taskId: z.string().optional(),
  done: z.object({
    actualDate: z.string(),
    summary: z.string(),
    by: z.string(),
    at: z.string(),
    /** Done after the date it is assessed against. */
    late: z.boolean(),
    /** Completed by the approval of its item in the approval process. */
    byApproval: z.boolean(),
    /** Done while a node it follows was still open. */
    beforeDependencies: z.array(z.string()),
  }).optional(),
  replans: z.array(Replan),
});
export type NodeState = z.infer<typeof NodeState>;

export const ProblemStatus = z.enum(['raised', 'assigned', 'applied', 'closed']);
export type ProblemStatus = z.infer<typeof ProblemStatus>;

export const ProblemState = z.object({
  key: z.string(),
  category: ProblemCategory,
  description: z.string(),
  blocksNodeKey: z.string().optional(),
  blocks: z.string().optional(),
  raisedBy: z.string(),
  raisedAt: z.string(),
  /** raised → assigned (交办) → applied (申请销号) → closed (销号); a returned application goes back to assigned. */
  status: ProblemStatus,
  departmentId: z.string().optional(),
  workingDays: z.number().int().optional(),
  dueAt: z.string().optional(),
  light: Light,
  /** 1, then one more for each application the office returned. */
  round: z.number().int(),
  taskId: z.string().optional(),
  closedAt: z.string().optional(),
  history: z.array(z.object({ at: z.string(), event: z.string(), by: z.string().optional(), detail: z.record(z.string(), z.unknown()).optional() })),
});
export type ProblemState = z.infer<typeof ProblemState>;

export const DispatchReport = z.object({
  /** 本月完成投资, 万元. */
  investmentThisMonth: z.number(),
  /** 年度累计完成投资, 万元. */
  cumulativeInvestment: z.number(),
  /** 在岗施工人数. */
  workers: z.number().int(),
  /** 形象进度, in words. */
  progress: z.string(),
  by: z.string(),
  at: z.string(),
});

export const DispatchState = z.object({
  /** YYYY-MM. */
  month: z.string(),
  /** The working day the report is due by. */
  dueDate: z.string(),
  status: z.enum(['awaiting', 'reported']),
  light: Light,
  taskId: z.string().optional(),
  report: DispatchReport.optional(),
  /** 序时进度: the share of the year's plan expected by the month's end, in percent. */
  expectedPercent: z.number().optional(),
  /** 年度投资完成率, in percent. */
  actualPercent: z.number().optional(),
  /** Points behind the time-proportional plan (negative: ahead). */
  behindPoints: z.number().optional(),
  /** The report was late: it was still missing at the due instant. */
  missed: z.boolean(),
  /** Open problems rolled into this dispatch (滚动). */
  openProblems: z.array(z.string()),
  /** This month's dispatch reached the assigned leader (约谈). */
  interview: z.boolean(),
});
export type DispatchState = z.infer<typeof DispatchState>;

export const VisitState = z.object({ round: z.number().int(), status: z.enum(['open', 'done', 'stopped']), taskId: z.string(), by: z.string().optional(), at: z.string().optional(), found: z.string().optional() });
export type VisitState = z.infer<typeof VisitState>;

export const ElementState = z.object({
  element: Element, departmentId: z.string(), secured: z.boolean(), note: z.string().optional(), problemKey: z.string().optional(), at: z.string().optional(),
});
export type ElementState = z.infer<typeof ElementState>;

export const KeyProjectPushState = z.object({
  id: z.string(),
  year: z.number().int(),
  name: z.string(),
  tier: Tier,
  category: Category,
  ownerUnit: z.object({ name: z.string(), contactId: z.string() }),
  responsibleDepartmentId: z.string(),
  assignedLeaderId: z.string(),
  officeDepartmentId: z.string(),
  plannedInvestment: z.number(),
  approvalProcessId: z.string().optional(),
  template: z.string(),
  settings: PushSettings,
  status: z.enum(['running', 'closed']),
  /** The project's light: the worst of its open nodes, open problems and the latest dispatch. */
  light: Light,
  nodes: z.array(NodeState),
  problems: z.array(ProblemState),
  dispatches: z.array(DispatchState),
  visits: z.array(VisitState),
  elements: z.array(ElementState),
  /** The policy-and-service task of a social-investment project (送政策、送服务). */
  policyService: z.object({ status: z.enum(['open', 'done']), taskId: z.string(), summary: z.string().optional(), by: z.string().optional() }).optional(),
  openTaskIds: z.array(z.string()),
  timeline: z.array(z.object({ at: z.string(), event: z.string(), detail: z.record(z.string(), z.unknown()).optional() })),
});
export type KeyProjectPushState = z.infer<typeof KeyProjectPushState>;

/** Whom a key project's year concerns (its definition's access scope, and its events' snapshot): the office, the responsible department, every node's and problem's department, the leader, the owner unit's contact and every node's person. */
export const keyProjectScope = (s: Pick<KeyProjectPushState, 'officeDepartmentId' | 'responsibleDepartmentId' | 'nodes' | 'problems' | 'assignedLeaderId' | 'ownerUnit'>) => ({
  departments: [...new Set([s.officeDepartmentId, s.responsibleDepartmentId, ...s.nodes.map((n) => n.departmentId), ...s.problems.flatMap((p) => (p.departmentId ? [p.departmentId] : []))])],
  people: [...new Set([s.assignedLeaderId, s.ownerUnit.contactId, ...s.nodes.map((n) => n.personId)])],
});

/** A key project's year as lists and inboxes name it. */
export const keyProjectTitle = (p: { name: string; year: number }) => `${p.name}（${p.year}年度推进）`;
