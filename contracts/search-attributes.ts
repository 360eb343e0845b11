/**
 * Typed search attributes: the staff inbox and the leaders' board are visibility queries
 * over these keys. Every key here is registered on the embedded dev server at start.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const GlProcessKind = defineSearchAttributeKey('GlProcessKind', SearchAttributeType.KEYWORD);
export const GlProcessId = defineSearchAttributeKey('GlProcessId', SearchAttributeType.KEYWORD);
export const GlAssignee = defineSearchAttributeKey('GlAssignee', SearchAttributeType.KEYWORD);
export const GlCandidateGroups = defineSearchAttributeKey('GlCandidateGroups', SearchAttributeType.KEYWORD_LIST);
export const GlLight = defineSearchAttributeKey('GlLight', SearchAttributeType.KEYWORD);
export const GlDueAt = defineSearchAttributeKey('GlDueAt', SearchAttributeType.DATETIME);
export const GlStatus = defineSearchAttributeKey('GlStatus', SearchAttributeType.KEYWORD);
export const GlProvisional = defineSearchAttributeKey('GlProvisional', SearchAttributeType.BOOL);
export const GlAssignedLeader = defineSearchAttributeKey('GlAssignedLeader', SearchAttributeType.KEYWORD);
export const GlDepartment = defineSearchAttributeKey('GlDepartment', SearchAttributeType.KEYWORD);
export const GlCategory = defineSearchAttributeKey('GlCategory', SearchAttributeType.KEYWORD);
export const GlDemonstration = defineSearchAttributeKey('GlDemonstration', SearchAttributeType.BOOL);
export const GlEntityKind = defineSearchAttributeKey('GlEntityKind', SearchAttributeType.KEYWORD);
/** The people a task's escalations reached (a leader's "my escalations"), once each escalation is published. */
export const GlEscalatedTo = defineSearchAttributeKey('GlEscalatedTo', SearchAttributeType.KEYWORD_LIST);
/**
 * Facts about a proposal that its statistics count (`key`, `replied`, `repliedOnTime`, `satisfaction:<rating>`,
 * `movedToA`, …): one list, because SQL visibility stores hold few Bool and Keyword columns.
 */
export const GlProposalFacts = defineSearchAttributeKey('GlProposalFacts', SearchAttributeType.KEYWORD_LIST);

/** Every custom key with its server type name, as `temporal server start-dev --search-attribute` wants it. */
export const customSearchAttributes: ReadonlyArray<{ name: string; type: string }> = [
  GlProcessKind, GlProcessId, GlAssignee, GlCandidateGroups, GlLight, GlDueAt, GlStatus, GlProvisional,
  GlAssignedLeader, GlDepartment, GlCategory, GlDemonstration, GlEntityKind, GlProposalFacts, GlEscalatedTo,
].map((key) => ({ name: key.name, type: serverTypeName(key.type) }));

export function serverTypeName(type: string): string {
  switch (type) {
    case SearchAttributeType.KEYWORD: return 'Keyword';
    case SearchAttributeType.KEYWORD_LIST: return 'KeywordList';
    case SearchAttributeType.DATETIME: return 'Datetime';
    case SearchAttributeType.BOOL: return 'Bool';
    case SearchAttributeType.INT: return 'Int';
    case SearchAttributeType.DOUBLE: return 'Double';
    case SearchAttributeType.TEXT: return 'Text';
    default: throw new Error(`unknown search attribute type ${type}`);
  }
}
