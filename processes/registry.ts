/**
 * Every kind of process Greenlight runs. A new kind is a folder beside this file and one
 * line here (docs/adding-a-definition.md); the worker checks the list at start (check.ts).
 */
import type { ProcessDefinition } from './definition';
import { enterpriseRequestDefinition } from './enterprise-request/definition';
import { hotlineTicketDefinition } from './hotline-ticket/definition';
import { projectApprovalDefinition } from './project-approval/definition';
import { proposalHandlingDefinition } from './proposal-handling/definition';

export const definitions: readonly ProcessDefinition[] = [
  enterpriseRequestDefinition,
  hotlineTicketDefinition,
  projectApprovalDefinition,
  proposalHandlingDefinition,
];

/** The definition of a kind, or undefined. */
export function definitionOf(kind: string): ProcessDefinition | undefined {
  return definitions.find((d) => d.kind === kind);
}
