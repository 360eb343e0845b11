/**
 * Every kind of process Greenlight runs. A new kind is a folder beside this file and one
 * line here (docs/adding-a-definition.md); the worker checks the list at start (check.ts).
 */
import { registerForms } from '../contracts/forms';
import type { ProcessDefinition } from './definition';
import { enterpriseRequestDefinition } from './enterprise-request/definition';
import { hotlineTicketDefinition } from './hotline-ticket/definition';
import { keyProjectPushDefinition } from './key-project-push/definition';
import { projectApprovalDefinition } from './project-approval/definition';
import { proposalHandlingDefinition } from './proposal-handling/definition';

export const definitions: readonly ProcessDefinition[] = [
  enterpriseRequestDefinition,
  hotlineTicketDefinition,
  keyProjectPushDefinition,
  projectApprovalDefinition,
  proposalHandlingDefinition,
];

// Every process that loads the registry knows every kind's forms: the API checks a task's form
// in the answers it serialises, not only the worker. A clash is the consistency check's to report.
for (const d of definitions) registerForms(d.forms, d.kind, 'keep');

/** The definition of a kind, or undefined. */
export function definitionOf(kind: string): ProcessDefinition | undefined {
  return definitions.find((d) => d.kind === kind);
}
