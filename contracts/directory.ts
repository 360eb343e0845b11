/**
 * The directory: people, departments, roles, and the leader assigned to each department.
 * Roles and departments always come from here, never from a caller's token.
 */
import { z } from 'zod';
import { Ladder } from './ladder';

export const Role = z.enum([
  'staff',          // 经办人员: completes tasks for their departments
  'departmentHead', // heads a department: transfers and reassigns its tasks
  'leader',         // 领导: a county-level leader, assigned to departments and projects (挂点领导)
  'topLeader',      // 区委、区政府主要领导: supervises key items
  'liaison',        // 红小二: collects enterprises' requests
  'committeeStaff', // CPPCC proposal committee staff
  'projectOffice',  // 项目督调办: assigns and verifies key projects' problems (销号), approves replanning
  'admin',
]);
export type Role = z.infer<typeof Role>;

export const PersonId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-"');
export const DepartmentId = PersonId;

/** The kinds of notification a channel takes (a digest follows the kinds it holds). */
export const NotifiedKind = z.enum(['reminder', 'escalation', 'notice']);

const Kinds = z.array(NotifiedKind).min(1).optional()
  .describe('the kinds of notification this channel takes; all when absent');

/**
 * Where a person is told besides the NATS inbox (`gl.notify.<personId>`, always kept). The
 * webhook's secret is never here: it comes from `GREENLIGHT_WEBHOOK_SECRET_<PERSON_ID>` or the
 * secrets file `GREENLIGHT_WEBHOOK_SECRETS` (notifier/secrets.ts).
 */
export const Channels = z.object({
  webhook: z.object({
    url: z.url({ protocol: /^https?$/ }),
    /** `greenlight`: the notification as JSON; the others a group robot's message (企业微信 / 钉钉). */
    format: z.enum(['greenlight', 'wecom-markdown', 'dingtalk-markdown', 'robot-text']).default('greenlight'),
    kinds: Kinds,
  }).strict().optional(),
  email: z.object({ address: z.email(), kinds: Kinds }).strict().optional(),
}).strict();
export type Channels = z.infer<typeof Channels>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const Person = z.object({
  id: PersonId,
  name: z.string().min(1),
  departments: z.array(DepartmentId).default([]),
  roles: z.array(Role).min(1),
  channels: Channels.optional(),
  /**
   * Shanghai wall-clock hours in which reminders and notices wait, on every channel but the
   * inbox, for one digest when they end; an escalation to a leader is never held.
   */
  quietHours: z.object({ from: ClockTime, to: ClockTime }).strict().optional(),
});
export type Person = z.infer<typeof Person>;

export const Department = z.object({
  id: DepartmentId,
  name: z.string().min(1),
  headId: PersonId,
  /** The district leader assigned to this department: the last rung of its ladders. */
  assignedLeaderId: PersonId,
  /** Request categories this department handles by default. */
  handles: z.array(z.string()).default([]),
  /**
   * District-wide duties it holds (职能), named by the kinds that need them: whoever starts a kind
   * as a department's staff does so for a department the directory gives the duty, never for one
   * the body merely names (e.g. the 12345 center, `hotlineCenter`).
   */
  duties: z.array(z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'lowerCamelCase')).default([]),
});
export type Department = z.infer<typeof Department>;

/**
 * What the directory's entries say of each other: a person named twice, a department a person is
 * in that does not exist, a head or an assigned leader who is not a person. Apart from the schema,
 * so that a reader that found other mistakes (directory/spreadsheet.ts) names these too.
 */
export function directoryReferenceIssues(dir: {
  people: readonly { id: string; departments: readonly string[] }[];
  departments: readonly { id: string; headId: string; assignedLeaderId: string }[];
}): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const people = new Set<string>();
  dir.people.forEach((p, i) => {
    if (people.has(p.id)) issues.push({ path: ['people', i, 'id'], message: `duplicate person ${p.id}` });
    people.add(p.id);
  });
  const departments = new Set(dir.departments.map((d) => d.id));
  dir.people.forEach((p, i) => p.departments.forEach((d, j) => {
    if (!departments.has(d)) issues.push({ path: ['people', i, 'departments', j], message: `unknown department ${d}` });
  }));
  dir.departments.forEach((d, i) => {
    for (const field of ['headId', 'assignedLeaderId'] as const) {
      if (!people.has(d[field])) issues.push({ path: ['departments', i, field], message: `unknown person ${d[field]}` });
    }
  });
  return issues;
}

export const Directory = z
  .object({
    people: z.array(Person).min(1),
    departments: z.array(Department).min(1),
    /**
     * Ladder presets that replace a process's built-in ones, by `<processKind>.<task>` (e.g.
     * `landUseDispute.review`): a district with other rules, or a test with ISO durations.
     */
    ladders: z.record(z.string(), Ladder).default({}),
  })
  .superRefine((dir, ctx) => {
    for (const issue of directoryReferenceIssues(dir)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type Directory = z.infer<typeof Directory>;

/** The departments the directory gives a duty (Department.duties). */
export function departmentsWith(directory: Pick<Directory, 'departments'>, duty: string): string[] {
  return directory.departments.filter((d) => (d.duties ?? []).includes(duty)).map((d) => d.id);
}

/** Who is acting, as the API resolved them from the directory; workflows authorise against this. */
export const Actor = z.object({
  personId: PersonId,
  departments: z.array(DepartmentId),
  roles: z.array(Role),
  /**
   * Set when an agent (代理) acts for this person: the agent's id. The actor is then the person
   * stood in for (their departments and roles), so every validator decides as for them; what is
   * recorded says 代某某办理 (api/agents.ts).
   */
  agentId: PersonId.optional(),
});
export type Actor = z.infer<typeof Actor>;
