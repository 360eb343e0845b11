/**
 * The key project's own search attribute: the approval process it is linked to, which the event
 * subscription looks up (definition.ts). A Keyword, not a list: SQL visibility stores hold three
 * KeywordList columns, all taken by the engine and the proposals.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const GlLinkedProcessId = defineSearchAttributeKey('GlLinkedProcessId', SearchAttributeType.KEYWORD);
