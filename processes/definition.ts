/**
 * A process definition: everything Greenlight needs to know about one kind of process, declared
 * once in the kind's folder (`processes/<kind-in-kebab-case>/definition.ts`) and listed in
 * `processes/registry.ts`. From the registry the worker runs the kind's workflow, the intake
 * subscribes to its command subject, the API serves its start, list and get routes (with OpenAPI
 * from its contract) and the CLI lists and starts it.
 *
 * The workflow itself lives beside it in `workflow.ts`, exporting the function named
 * `workflow.name`: the worker's bundle finds it there by the folder's name (workflows/index.ts).
 * Its forms, if it brings any, live in `forms.ts` (exporting `forms`) for the same reason: a
 * human task validates completions against its form inside the workflow sandbox.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Client } from '@temporalio/client';
import type { SearchAttributeKey, SearchAttributeType } from '@temporalio/common/lib/search-attributes';
import type { z } from 'zod';
import type { Actor, Directory } from '../contracts/directory';
import type { FormSet } from '../contracts/forms';
import type { Ladder } from '../contracts/ladder';
import type { CommandHandler } from '../intake/command-consumer';
import type { Issue } from '../intake/validated';

/** What a definition's own commands and routes are given. */
export interface ProcessContext {
  client: Client;
  taskQueue: string;
  directoryPath: string;
}

export interface ProcessDefinition<Input = unknown, State = unknown> {
  /**
   * The kind's name in lowerCamelCase: the value of `GlProcessKind`, the prefix of the
   * directory's ladder presets (`<kind>.<task>`), the API path `/api/processes/<kind>`. Its
   * folder is the kebab-case of it (`hotlineTicket` → `processes/hotline-ticket/`).
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
  /** Who may start one over the API: true, or the reason for a 403. NATS commands come from trusted systems. */
  mayStart: (actor: Actor, input: Input) => true | string;
  /** Who may read one: its state (the workflow's `state` query) is given. */
  mayRead: (actor: Actor, state: State) => boolean;
  /** The state query's contract, for the OpenAPI document of the get route. */
  state?: () => z.ZodType<State>;
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
  /** Commands beyond the start (a project's materials supplied), each with its own subject. */
  commands?: (ctx: ProcessContext) => CommandHandler[];
  /** Routes beyond the generic ones (a project's item actions, the proposal statistics). */
  routes?: FastifyPluginAsync<ProcessContext>;
}

/**
 * Declares a definition with its input and state types checked; the registry holds them
 * without those types.
 */
export function defineProcess<Input, State>(definition: ProcessDefinition<Input, State>): ProcessDefinition {
  return definition as unknown as ProcessDefinition;
}

/** `hotlineTicket` → `hotline-ticket`: the kind's folder. */
export function folderOf(kind: string): string {
  return kind.replace(/V\d+$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The API path of a kind's generic routes. */
export function routeOf(kind: string): string {
  return `/api/processes/${kind}`;
}
