/**
 * The consistency check of the registry, run when the worker starts: a definition that would
 * fail later — a ladder step telling no one, a form that is not a zod schema, two kinds with
 * one name, a command subject outside `gl.cmd.>` — stops it at once, with a message naming the
 * definition and the field.
 *
 * That each kind's workflow.ts exports its workflow is checked where the workflows are bundled:
 * by a worker that bundles them at start, and by the compiled build (scripts/build.ts) for the
 * worker that runs its prebuilt bundle, which has no TypeScript loader to read the file with.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { registeredForm } from '../contracts/forms';
import { Ladder } from '../contracts/ladder';
import { folderOf, type ProcessDefinition } from './definition';

export interface DefinitionProblem {
  /** The definition's kind, or its position in the registry when it has none. */
  definition: string;
  field: string;
  message: string;
}

export class DefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(`inconsistent process definitions:\n${problems.map((p) => `  ${p.definition}: ${p.field}: ${p.message}`).join('\n')}`);
  }
}

const KIND = /^[a-z][A-Za-z0-9]{1,62}$/;
/** A subject under gl.cmd. with at least two more tokens, no wildcards. */
const COMMAND_SUBJECT = /^gl\.cmd\.[a-z0-9-]+(\.[a-z0-9-]+)+$/;
/** As the event envelope allows (contracts/events.ts): `<aggregate>.<event>`, the aggregate in lower-case letters only. */
const EVENT = /^[a-z]+\.[a-z][a-z-]*$/;

export interface CheckOptions {
  /** Where the kinds' folders are: this folder unless given. */
  processesDir?: string;
  /** Whether to load each kind's workflow.ts, as the bundler will take it (on unless told). */
  workflowFiles?: boolean;
}

/** Every problem of every definition; empty when the registry is consistent. */
export function definitionProblems(definitions: readonly ProcessDefinition[], options: CheckOptions = {}): DefinitionProblem[] {
  const { processesDir = __dirname, workflowFiles = true } = options;
  const problems: DefinitionProblem[] = [];
  const kinds = new Map<string, number>();
  const subjects = new Map<string, string>();
  const forms = new Map<string, { owner: string; thunk: unknown }>();
  const searchAttributes = new Map<string, string>();

  definitions.forEach((d, position) => {
    const name = typeof d.kind === 'string' && d.kind ? d.kind : `definition #${position + 1}`;
    const problem = (field: string, message: string) => problems.push({ definition: name, field, message });

    if (!KIND.test(String(d.kind))) problem('kind', 'a lowerCamelCase name such as landUseDispute');
    else if (kinds.has(d.kind)) problem('kind', `two definitions are named ${d.kind} (#${(kinds.get(d.kind) ?? 0) + 1} and #${position + 1})`);
    else kinds.set(d.kind, position);
    if (!Number.isInteger(d.version) || d.version < 1) problem('version', 'a whole number from 1');

    if (typeof d.workflow !== 'function') problem('workflow', 'not a workflow function');
    else if (KIND.test(String(d.kind))) {
      const file = join(processesDir, folderOf(d.kind), 'workflow.ts');
      if (!existsSync(file)) problem('workflow', `the worker finds a kind's workflow in ${folderOf(d.kind)}/workflow.ts, which does not exist`);
      else if (workflowFiles) {
        const exported = loadWorkflowFile(file);
        if (typeof exported === 'string') problem('workflow', `${folderOf(d.kind)}/workflow.ts cannot be loaded (${exported}); a compiled worker cannot load TypeScript: give it the prebuilt bundle (GREENLIGHT_WORKFLOW_BUNDLE)`);
        else if (!(d.workflow.name in exported)) problem('workflow', `${folderOf(d.kind)}/workflow.ts does not export ${d.workflow.name}`);
      }
      if (d.workflow.name !== d.kind && !new RegExp(`^${d.kind}V\\d+$`).test(d.workflow.name)) {
        problem('workflow', `the workflow function is named ${d.workflow.name}: name it ${d.kind} (or ${d.kind}V2 for a new version)`);
      }
    }

    let input: unknown;
    try {
      input = typeof d.input === 'function' ? d.input() : undefined;
    } catch (err) {
      problem('input', `building the contract failed: ${(err as Error).message}`);
    }
    if (!(input instanceof z.ZodType)) problem('input', 'not a zod schema (a function returning one)');

    if (typeof d.start?.subject !== 'string' || !COMMAND_SUBJECT.test(d.start.subject)) {
      problem('start.subject', `${String(d.start?.subject)} is not a command subject under gl.cmd.> (e.g. gl.cmd.hotline.submit)`);
    } else if (subjects.has(d.start.subject)) {
      problem('start.subject', `${d.start.subject} is already the start subject of ${subjects.get(d.start.subject)}`);
    } else subjects.set(d.start.subject, name);

    for (const [formName, thunk] of Object.entries(d.forms ?? {})) {
      const field = `forms.${formName}`;
      const other = forms.get(formName);
      const builtIn = registeredForm(formName);
      if (other && other.thunk !== thunk) problem(field, `another form of this name belongs to ${other.owner}`);
      else if (builtIn && builtIn !== thunk) problem(field, 'a different form of this name is registered already: name forms after their kind');
      forms.set(formName, { owner: name, thunk });
      let outcomes: unknown;
      try {
        outcomes = typeof thunk === 'function' ? thunk() : undefined;
      } catch (err) {
        problem(field, `building the form failed: ${(err as Error).message}`);
        continue;
      }
      if (typeof outcomes !== 'object' || outcomes === null || Object.keys(outcomes).length === 0) {
        problem(field, 'a form is a function returning its outcomes, each a zod schema of the payload');
        continue;
      }
      for (const [outcome, schema] of Object.entries(outcomes)) {
        if (!(schema instanceof z.ZodType)) problem(`${field}.${outcome}`, 'not a zod schema');
      }
    }

    for (const [task, ladder] of Object.entries(d.ladders ?? {})) {
      const parsed = Ladder.safeParse(ladder);
      if (!parsed.success) {
        parsed.error.issues.forEach((i) => problem(['ladders', task, ...i.path].join('.'), i.message));
      }
    }

    for (const key of d.searchAttributes ?? []) {
      if (!/^Gl[A-Z][A-Za-z0-9]*$/.test(key.name)) problem('searchAttributes', `${key.name}: Greenlight's keys are named Gl<Name>`);
      const type = searchAttributes.get(key.name);
      if (type && type !== key.type) problem('searchAttributes', `${key.name} is ${type} elsewhere, ${key.type} here`);
      searchAttributes.set(key.name, key.type);
    }

    (d.events ?? []).forEach((event, i) => {
      if (!EVENT.test(event)) problem(`events.${i}`, `${event} is not <aggregate>.<event> (the aggregate in lower-case letters, the event in lower case with hyphens)`);
    });
    if ((d.events ?? []).length === 0) problem('events', 'list the events the workflow emits');
    for (const field of ['idOf', 'titleOf'] as const) {
      if (typeof d[field] !== 'function') problem(field, 'not a function');
    }
    for (const field of ['startScope', 'scope'] as const) {
      if (typeof d.access?.[field] !== 'function') problem(`access.${field}`, 'not a function: whom an input (startScope) or a state (scope) concerns');
    }
    if (typeof d.access?.whoStarts !== 'string' || !d.access.whoStarts) problem('access.whoStarts', 'say in a sentence who may start one: the reason a refused start gives');
    if (!Array.isArray(d.access?.start)) problem('access.start', 'list who may start one, e.g. [{ role: "staff", reach: "department" }]');
    const names = new Set<string>();
    for (const action of d.actions ?? []) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(action.name)) problem(`actions.${action.name}`, 'an action is named as its Update, in lowerCamelCase');
      if (names.has(action.name)) problem(`actions.${action.name}`, 'two actions of this name');
      names.add(action.name);
      if (action.command) {
        if (!COMMAND_SUBJECT.test(action.command.subject)) problem(`actions.${action.name}.command.subject`, `${action.command.subject} is not a command subject under gl.cmd.>`);
        else if (subjects.has(action.command.subject)) problem(`actions.${action.name}.command.subject`, `${action.command.subject} is already taken by ${subjects.get(action.command.subject)}`);
        else subjects.set(action.command.subject, name);
      }
    }
    if (typeof d.presentation?.name !== 'string' || !Array.isArray(d.presentation?.facts)) {
      problem('presentation', 'say how the workbench shows it: its Chinese name and the facts its task pages show ({ label, path })');
    }
    for (const report of d.reports ?? []) {
      if (!/^[a-z][A-Za-z0-9-]*$/.test(report.name)) problem(`reports.${report.name}`, 'a report is named in lower case, e.g. stats');
    }
    const measures = new Set<string>();
    for (const m of d.measures ?? []) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(m.name) || measures.has(m.name)) problem(`measures.${m.name}`, 'a measure has a lowerCamelCase name of its own, e.g. nodesOnTime');
      measures.add(m.name);
      if (!m.label) problem(`measures.${m.name}.label`, 'say what the district calls it, e.g. 节点按时完成');
      if (m.good.length === 0) problem(`measures.${m.name}.good`, 'name the facts (ProcessSnapshot.facts, contracts/events.ts parseFact) that count as good');
      const both = m.good.filter((f) => m.bad.includes(f));
      if (both.length > 0) problem(`measures.${m.name}`, `${both.join(', ')} cannot be both good and bad`);
    }
  });
  return problems;
}

/** The file the bundler will take, loaded as it is: its exports, or why it could not be loaded. */
function loadWorkflowFile(file: string): Record<string, unknown> | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a TypeScript file, through the loader the process runs with
    return require(file) as Record<string, unknown>;
  } catch (err) {
    return (err instanceof Error ? err.message : String(err)).split('\n')[0];
  }
}

/** Checks the registry; throws a DefinitionError naming every problem. */
export function checkDefinitions(definitions: readonly ProcessDefinition[], options?: CheckOptions): void {
  const problems = definitionProblems(definitions, options);
  if (problems.length > 0) throw new DefinitionError(problems);
}
