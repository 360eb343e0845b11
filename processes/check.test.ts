/**
 * The registry's consistency check: the real registry passes; each kind of inconsistency the
 * issue names stops the worker at start with the definition and the field in the message.
 */
import type { NativeConnection } from '@temporalio/worker';
import type { NatsConnection } from '@nats-io/nats-core';
import { z } from 'zod';
import { createWorker } from '../workers/worker';
import type { FormSet } from '../contracts/forms';
import { folderOf, type ProcessDefinition } from './definition';
import { checkDefinitions, definitionProblems, DefinitionError } from './check';
import { definitions } from './registry';
import { enterpriseRequestDefinition } from './enterprise-request/definition';

const request = enterpriseRequestDefinition;
/** A copy of a real definition with some fields replaced. */
const variant = (changes: Partial<ProcessDefinition>): ProcessDefinition => ({ ...request, ...changes });

test('the registered definitions are consistent', () => {
  expect(definitionProblems(definitions)).toEqual([]);
  expect(() => checkDefinitions(definitions)).not.toThrow();
});

test('a ladder step that notifies no one is named by definition, ladder, step and field', () => {
  const ladders = { handling: { due: { workingDays: 3 }, steps: [{ at: { workingDays: 3 }, kind: 'escalation' as const, light: 'red' as const, notify: [] }] } };
  expect(definitionProblems([variant({ ladders })])).toEqual([
    { definition: 'enterpriseRequest', field: 'ladders.handling.steps.0.notify', message: 'a ladder step must notify someone' },
  ]);
});

test('a form whose outcome is not a zod schema, a form taking a taken name, and a form that is not a function are refused', () => {
  const notZod = { requestHandling: () => ({ resolved: { summary: 'a string' } }) } as unknown as FormSet;
  expect(definitionProblems([variant({ forms: notZod })])).toEqual([
    { definition: 'enterpriseRequest', field: 'forms.requestHandling', message: expect.stringMatching(/different form of this name is registered/) },
    { definition: 'enterpriseRequest', field: 'forms.requestHandling.resolved', message: 'not a zod schema' },
  ]);
  const ownName = { probeForm: () => ({ done: { summary: 'a string' } }), otherForm: z.object({}) } as unknown as FormSet;
  const problems = definitionProblems([variant({ forms: ownName })]);
  expect(problems).toContainEqual({ definition: 'enterpriseRequest', field: 'forms.probeForm.done', message: 'not a zod schema' });
  expect(problems).toContainEqual({ definition: 'enterpriseRequest', field: 'forms.otherForm', message: expect.stringMatching(/function returning its outcomes/) });
});

test("a kind's measures: a name of its own, a label, good facts, none both good and bad", () => {
  const measures = [
    { name: 'onTime', label: '按时', good: ['onTime'], bad: ['late'] },
    { name: 'onTime', label: '', good: [], bad: [] },
    { name: 'mixed', label: '混', good: ['a'], bad: ['a'] },
  ];
  expect(definitionProblems([variant({ measures })])).toEqual([
    { definition: 'enterpriseRequest', field: 'measures.onTime', message: expect.stringMatching(/lowerCamelCase name of its own/) },
    { definition: 'enterpriseRequest', field: 'measures.onTime.label', message: expect.stringMatching(/what the district calls it/) },
    { definition: 'enterpriseRequest', field: 'measures.onTime.good', message: expect.stringMatching(/count as good/) },
    { definition: 'enterpriseRequest', field: 'measures.mixed', message: 'a cannot be both good and bad' },
  ]);
});

test('two kinds with one name are refused, naming both positions', () => {
  expect(definitionProblems([request, variant({ start: { subject: 'gl.cmd.request.other' } })])).toEqual([
    { definition: 'enterpriseRequest', field: 'kind', message: 'two definitions are named enterpriseRequest (#1 and #2)' },
  ]);
});

test.each(['gl.evt.request.submit', 'request.submit', 'gl.cmd.>', 'gl.cmd.request', 'gl.cmd.*.submit'])('the command subject %s is refused', (subject) => {
  expect(definitionProblems([variant({ start: { subject } })])).toEqual([
    { definition: 'enterpriseRequest', field: 'start.subject', message: expect.stringContaining('not a command subject under gl.cmd.>') },
  ]);
});

test('a contract that is not a zod schema, a workflow the bundle cannot find, and unlisted events are refused', () => {
  const problems = definitionProblems([variant({
    input: (() => ({ parse: () => ({}) })) as unknown as ProcessDefinition['input'],
    workflow: async function somethingElse() { return undefined; },
    events: [],
  })]);
  expect(problems.map((p) => p.field).sort()).toEqual(['events', 'input', 'workflow', 'workflow']);
  expect(problems.find((p) => p.field === 'workflow')?.message).toMatch(/does not export somethingElse/);
});

test('the worker refuses to start on an inconsistent registry, with the definition and field in its message', async () => {
  const broken = variant({ start: { subject: 'gl.evt.request.submit' } });
  const started = createWorker({
    connection: {} as NativeConnection, nats: {} as NatsConnection, namespace: 'default', taskQueue: 'never',
    directoryPath: 'directory/demo.json', calendarDir: 'calendar/data', definitions: [broken],
  });
  await expect(started).rejects.toThrow(DefinitionError);
  await expect(started).rejects.toThrow(/enterpriseRequest: start\.subject: gl\.evt\.request\.submit is not a command subject under gl\.cmd\.>/);
});

test("a kind's versions share its folder, where the worker's bundle looks for their workflow functions", () => {
  expect(folderOf('hotlineTicket')).toBe('hotline-ticket');
  expect(folderOf('hotlineTicketV2')).toBe('hotline-ticket');
  expect(folderOf('projectApproval')).toBe('project-approval');
  const v2 = variant({ workflow: async function enterpriseRequestV2() { return undefined; } });
  expect(definitionProblems([v2])).toEqual([
    { definition: 'enterpriseRequest', field: 'workflow', message: 'enterprise-request/workflow.ts does not export enterpriseRequestV2' },
  ]);
});
