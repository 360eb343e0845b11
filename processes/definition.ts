/**
 * A process definition: everything Greenlight needs to know about one kind of process, declared
 * once in the kind's folder (`processes/<kind-in-kebab-case>/definition.ts`) and listed in
 * `processes/registry.ts`. From the registry the worker runs the kind's workflow and activities,
 * the intake subscribes to its command subjects, the API serves its start, list, get, actions and
 * reports (with OpenAPI from its contracts), the CLI lists, starts, acts and reports, and the
 * demo seeds it.
 *
 * A definition names the engine (`workflows/`, `activities/`, `contracts/`, `calendar/`) and
 * nothing else: no adapter. What a kind adds beyond start / list / get is declared here as
 * `actions` (Workflow Updates on one process) and `reports` (visibility counts over the kind),
 * and served generically.
 *
 * The workflow itself lives beside it in `workflow.ts`, exporting the function named
 * `workflow.name`: the worker's bundle finds it there by the folder's name (workers/workflows.ts).
 * Its forms, if it brings any, live in `forms.ts` (exporting `forms`) for the same reason: a
 * human task validates completions against its form inside the workflow sandbox.
 */
import type { SearchAttributeKey, SearchAttributeType } from '@temporalio/common/lib/search-attributes';
import type { z } from 'zod';
import type { ActivityDeps } from '../activities';
import type { Directory, Role } from '../contracts/directory';
import type { FormSet } from '../contracts/forms';
import type { Issue } from '../contracts/issues';
import type { Ladder } from '../contracts/ladder';
import type { Grant, Scope } from '../contracts/access';
import type { ProcessQueries } from '../contracts/process-queries';

/**
 * Something a person does to one running process beyond its tasks (a project's materials
 * supplied, an item waived): a Workflow Update of that name, called with the body and the
 * acting person, whose validator decides whether this person may and whether it can be done now.
 * Served as `POST /api/processes/<kind>/<id>/actions/<name>` and `greenlight act`.
 */
export interface ActionDefinition {
  /** The Update's name, and the action's, e.g. `supplyMaterials`. */
  name: string;
  /** One sentence for the API documentation and the CLI. */
  summary: string;
  /** The body a caller sends; the Update receives it with `actor` added. */
  body: () => z.ZodType;
  /** The Update's result, for the OpenAPI document. */
  result?: () => z.ZodType;
  /** What only the directory can say about a body (a department it names exists): 400 before the Update. */
  checkDirectory?: (body: never, directory: Directory) => Issue[];
  /**
   * A NATS command that does the same from a trusted outside system (the applicant's own
   * portal), without an actor: its body is the action's body plus `idField` naming the process.
   */
  command?: { subject: string; idField: string };
}

/**
 * Figures or lists about every process of the kind, from visibility (counts over search
 * attributes, never a table kept by hand). Served as `GET /api/processes/<kind>/reports/<name>`
 * and `greenlight report`.
 */
export interface ReportDefinition {
  name: string;
  summary: string;
  /** Who may read it, beyond admins (contracts/access.ts). */
  roles: readonly Role[];
  result: () => z.ZodType;
  run: (queries: ProcessQueries) => Promise<unknown>;
}

/**
 * A figure of the district's accountability report (reports/, 挂责问效) that only this kind can
 * say — a key project's nodes done on time, a ticket's callbacks satisfied — counted from the
 * facts its processes' snapshots declare (contracts/events.ts ProcessSnapshot.facts, parseFact):
 * `good` facts among `good` and `bad` ones, each case counted once, for the department the fact
 * names (else the process's) and the process's leader. Over `period` (the default) a fact counts
 * in the period it first appeared in; over `year`, every process's facts as they stand at the
 * period's end, from the year's start (a session's proposals: the 满意率 the district publishes).
 */
export interface ReportedMeasure {
  /** Unique within the kind: `nodesOnTime`. */
  name: string;
  /** In the district's words: 节点按时完成. */
  label: string;
  /** Fact names that count as good, and as not. */
  good: readonly string[];
  bad: readonly string[];
  over?: 'period' | 'year';
}

/** One line of what a page shows of a process: its label, and where in the state its value is. */
export interface Fact {
  /** In Chinese, as people say it: 企业, 诉求内容. */
  label: string;
  /** A dotted path into the process's state (`enterprise.name`), or into an item's (see `item`). */
  path: string;
  /** How to show it: as it is (the default), as a paragraph, as a person's or department's name, a list of departments, or a value of `values`. */
  as?: 'text' | 'paragraph' | 'person' | 'department' | 'departments';
  /** Words for the values it takes (a category's `tax` → 税收). */
  values?: Readonly<Record<string, string>>;
}

/**
 * A list in a process's state whose items carry dates and lights (a project's nodes, its
 * problems): what the views below read of each item, as dotted paths into the item.
 */
export interface DatedList {
  /** The list in the state (`nodes`). */
  list: string;
  /** What one item is called in the view (节点, 问题). */
  noun: string;
  /** The item's name or description. */
  label: string;
  /** The date it is planned for (YYYY-MM-DD), or the instant it is due. */
  planned: string;
  /** The date it was done, when it was. */
  done?: string;
  light: string;
  /** The item is still open while the value at `path` is one of `values`. */
  open: { path: string; values: readonly string[] };
  /** Whose it is: its department and, when it has one, its person. */
  department: string;
  person?: string;
}

/**
 * Views of the kind beyond its task pages, declared as data and drawn by the workbench's generic
 * pages (web/app/pages/views.tsx): a wall chart of every process on the year's axis, the
 * sections of one process's page, each department's open items.
 */
export interface Views {
  /** 挂图作战: every process a row, the items of `items` on the year's time axis (planned and done, lit), filtered by `filters`. */
  chart?: { title: string; year: string; name: string; light: string; items: DatedList; filters: readonly Fact[] };
  /** The process's own page: its facts, then each section a table of one list of its state. */
  sections?: ReadonlyArray<{ title: string; list: string; columns: readonly Fact[]; light?: string }>;
  /** 责任清单: the open items of `lists` across every process, by department and person. */
  responsibilities?: { title: string; lists: readonly DatedList[] };
}

/**
 * How the workbench shows a kind to the people who work on it, in their words, from its state:
 * generic pages read this, so a new kind shows up with no page written for it.
 */
export interface Presentation {
  /** Its name in Chinese, as people call it: 企业诉求. */
  name: string;
  /** What its task pages show of the state, in order: what is asked. */
  facts: readonly Fact[];
  /** When a task belongs to one item of a list in the state (a project's approval items): the list, what of the item to show, and its materials with the missing ones marked. */
  item?: {
    list: string;
    facts: readonly Fact[];
    materials?: { list: string; missing: string };
    /**
     * Who decided an item, when and why: the item's history (a list of `{ at, event, actorId, detail }`),
     * the events that are decisions, and the detail fields that say why (the first present is shown).
     */
    decisions?: { history: string; events: readonly string[]; why: readonly string[] };
  };
  /** The board groups its processes by their category, in this order, with these words (a project's phases). */
  categories?: Readonly<Record<string, string>>;
  /** Words for its events (`submitted` → 已提交), for timelines: every event it declares, bare. */
  events?: Readonly<Record<string, string>>;
  /**
   * Its other words, by the key the workbench looks them up under: each outcome and field of its
   * own forms (`outcome.resolved` → 已解决, `field.summary` → 办理情况), each label of its ladders
   * (`ladder.reply due in a month` → 一个月内须答复) and each status of its state (`status.handling`).
   * The engine's own (`outcome.approve`, `field.comment`, its default ladder's labels) are the
   * workbench's; a kind words them only to say them differently.
   */
  words?: Readonly<Record<string, string>>;
  /**
   * Its words in English, by their Chinese (企业诉求 → Enterprise request): every Chinese word
   * above — its name, its facts' labels and values, its categories, events and words. The
   * workbench's English mode shows these; a word without one stays in Chinese.
   */
  en?: Readonly<Record<string, string>>;
  /** Its views beyond the task pages (wall chart, process page sections, responsibility list). */
  views?: Views;
}

/**
 * A list filter of the kind's own beyond the common ones (status, light, category, department,
 * assigned leader): `GET /api/processes/<kind>?<name>=<value>` adds its visibility clause.
 */
export interface ListFilter {
  name: string;
  summary: string;
  /** The values it takes. */
  values: readonly [string, ...string[]];
  /** Its clause in Temporal's visibility query language (values are already one of `values`). */
  clause: (value: string) => string;
  /** The fact its processes declare for a value (their snapshots' `facts`): how the record applies it. */
  fact?: (value: string) => string;
}

/**
 * An event of another process that a kind listens to: the intake consumes `subject` (under
 * `gl.evt.`) and signals `signal` to the running processes of this kind that `match` names,
 * each with `args` of the event. A kind names the event it listens to, never the engine: the
 * intake and the engine see only subjects, visibility clauses and signal names.
 */
export interface EventSubscription {
  /** Names the durable consumer (`subscribe-<kind>-<name>`). */
  name: string;
  /** The event subject, e.g. `gl.evt.project.item-approved`. */
  subject: string;
  /** The signal the processes receive. */
  signal: string;
  /** The processes the event concerns, as a clause over this kind's search attributes; undefined for none. */
  match: (data: Record<string, unknown>) => string | undefined;
  /** The signal's argument, from the event's data and time. */
  args: (data: Record<string, unknown>, time: string) => unknown;
}

/** Who may start and read a kind, in the terms of the one authorisation table (api/policy.ts). */
export interface ProcessAccess<Input, State> {
  /** Who may start one, beyond admins: each role with the scope it needs on the input. */
  start: readonly Grant[];
  /**
   * Whom a start's grants are checked against. Never a scope the caller chooses: a `department`
   * grant over a department the body names lets any department's staff start one, for whatever
   * department it sends work to. A department comes from the directory (its duties,
   * `departmentsWith`), or the body's is one the directory checks (checkDirectory); a `named`
   * grant names the caller in their own name only (the liaison who collected a request). The
   * registry's test tries every kind's grants with bodies that name the caller (processes/access.test.ts).
   */
  startScope: (input: Input, directory: Directory) => Scope;
  /** Whom a running process concerns, from its state: who may read and act on it. */
  scope: (state: State) => Scope;
  /** Roles that read every process of this kind, beyond those who oversee every kind (the proposal committee). */
  overseenBy?: readonly Role[];
  /** Who may start one, in a sentence: the reason a refused start gives (403). */
  whoStarts: string;
}

export interface ProcessDefinition<Input = unknown, State = unknown> {
  /**
   * The kind's name in lowerCamelCase: the value of `GlProcessKind`, the prefix of the
   * directory's ladder presets (`<kind>.<task>`), the API path `/api/processes/<kind>`. Its
   * folder is the kebab-case of it (`landUseDispute` → `processes/land-use-dispute/`).
   */
  kind: string;
  /**
   * The version new processes start with. A change that `patched()` cannot carry (see
   * docs/changing-a-running-definition.md) adds a new workflow function (`<kind>V2`) beside the
   * old one, points `workflow` at it and raises this; running processes finish on the old one.
   */
  version: number;
  /** What people call it, e.g. "12345 hotline ticket (工单)". */
  title: string;
  /** One sentence for the API documentation and `greenlight kinds`. */
  summary: string;
  /** The workflow new processes of this kind start; its function name is the workflow type. */
  workflow: (input: Input) => Promise<unknown>;
  /** The start contract, built on first use (see contracts/forms.ts for why lazily). */
  input: () => z.ZodType<Input>;
  /** What only the directory can say about a valid input (the people and departments it names exist). */
  checkDirectory?: (input: Input, directory: Directory) => Issue[];
  /** The workflow id of a new process: the input's own id, so a repeated start has one effect. */
  idOf: (input: Input) => string;
  /** The title shown in lists and inboxes. */
  titleOf: (input: Input) => string;
  /** Who may start and read it (api/policy.ts applies the one table). */
  access: ProcessAccess<Input, State>;
  /** The state query's contract, for the OpenAPI document of the get route. */
  state?: () => z.ZodType<State>;
  /** The task ids a process's view shows with their authoritative state (open ones, and those it still lists). */
  tasksOf?: (state: State) => readonly string[];
  /** The task forms its workflow names (outcome → payload schema), from `forms.ts` or the built-in ones. */
  forms: FormSet;
  /** Built-in ladders by task name; the directory's `<kind>.<task>` presets replace them. */
  ladders: Record<string, Ladder>;
  /** Search attributes it keeps beyond the common ones (workflows/process-search.ts). */
  searchAttributes: ReadonlyArray<SearchAttributeKey<SearchAttributeType>>;
  /** The events it emits, as `<aggregate>.<event>` (published on `gl.evt.<aggregate>.<event>`). */
  events: readonly string[];
  /** How it is started: the NATS command subject (under `gl.cmd.`); the API route is `/api/processes/<kind>`. */
  start: { subject: string };
  /** `demo.commands.json` in its folder: commands the stack publishes on start. */
  demo?: string;
  /** Its own activities, beside the engine's (activities/index.ts); the worker registers both. */
  activities?: (deps: ActivityDeps) => Record<string, (...args: never[]) => Promise<unknown>>;
  /** What people do to a running process beyond its tasks. */
  actions?: readonly ActionDefinition[];
  /** Figures over every process of the kind. */
  reports?: readonly ReportDefinition[];
  /** Figures of its own in the accountability report (挂责问效), from the facts its snapshots declare. */
  measures?: readonly ReportedMeasure[];
  /** List filters of its own. */
  listFilters?: readonly ListFilter[];
  /** Events of other processes it listens to. */
  subscriptions?: readonly EventSubscription[];
  /** How the workbench shows it. */
  presentation: Presentation;
}

/**
 * Declares a definition with its input and state types checked; the registry holds them
 * without those types.
 */
export function defineProcess<Input, State>(definition: ProcessDefinition<Input, State>): ProcessDefinition {
  return definition as unknown as ProcessDefinition;
}

/** Declares an action with its body's type checked against its directory check. */
export function defineAction<Body>(action: Omit<ActionDefinition, 'body' | 'checkDirectory'> & {
  body: () => z.ZodType<Body>;
  checkDirectory?: (body: Body, directory: Directory) => Issue[];
}): ActionDefinition {
  return action as unknown as ActionDefinition;
}

/** `landUseDispute` → `land-use-dispute`: the kind's folder. */
export function folderOf(kind: string): string {
  return kind.replace(/V\d+$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The API path of a kind's generic routes. */
export function routeOf(kind: string): string {
  return `/api/processes/${kind}`;
}
